import { sqliteFactory } from '../helpers/store-contract.ts';
import { describeStaffContract } from './staff-contract.ts';

describeStaffContract('SQLite', sqliteFactory());
