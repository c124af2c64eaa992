import { describeAdminLog } from './admin-log.ts';

describeAdminLog('postgres');
