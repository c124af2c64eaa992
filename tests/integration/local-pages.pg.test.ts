import { postgresFactory } from '../helpers/store-contract.ts';
import { describeLocalPagesContract } from './local-pages-contract.ts';

describeLocalPagesContract('PostgreSQL', postgresFactory());
