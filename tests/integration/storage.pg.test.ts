import { postgresFactory } from '../helpers/store-contract.ts';
import { describeStorageContract } from './storage-contract.ts';

describeStorageContract('PostgreSQL', postgresFactory());
