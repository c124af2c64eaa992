import { sqliteFactory } from '../helpers/store-contract.ts';
import { describeStorageContract } from './storage-contract.ts';

describeStorageContract('SQLite', sqliteFactory());
