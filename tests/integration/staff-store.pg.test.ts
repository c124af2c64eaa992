import { postgresFactory } from '../helpers/store-contract.ts';
import { describeStaffContract } from './staff-contract.ts';

describeStaffContract('PostgreSQL', postgresFactory());
