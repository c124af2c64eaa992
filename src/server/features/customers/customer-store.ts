// The single customer view on the hub. A customer record exists only with the citizen's
// consent ("keep one record of me across services"); contacts and cases name it. Staff see a
// customer when their partner has dealt with them (a contact at its places, a case it captured,
// owns or has a step in); the franchisor sees everyone. Merges move rows and are logged row by
// row, so an undo puts back exactly what moved; erasure clears the person, keeps the figures.
import type { Kysely } from 'kysely';
import { queriesOn } from '../../platform/store/queries.ts';
import type { Database } from '../../platform/store/schema.ts';
import * as queries from './customer-queries.ts';

// The views this store builds are what the customer routes answer, typed once for hub and app.
export type {
  CustomerCaseView,
  CustomerContactView,
  CustomerDetail,
  CustomerMergeView,
  CustomerSummary,
  MatchProposal,
} from '../../../shared/api/customers.ts';

export type CustomerStore = ReturnType<typeof createCustomerStore>;

export const createCustomerStore = (db: Kysely<Database>) => queriesOn(db, queries);
