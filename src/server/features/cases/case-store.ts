// The hub's reads of cases (the tracking page, the staff overview) and the photos attached to
// them. A case is opened and acted on only through ops (case-ops.ts); its state is always
// caseState(events), in the hub's order.
import type { Kysely } from 'kysely';
import { queriesOn } from '../../platform/store/queries.ts';
import type { Database } from '../../platform/store/schema.ts';
import * as caseQueries from './case-queries.ts';
import * as photoQueries from './photo-queries.ts';

// What the store's reads take and give, for the features that read cases (Open311).
export type { CaseHistory, CaseQuery } from './case-queries.ts';

export type CaseStore = ReturnType<typeof createCaseStore>;

export const createCaseStore = (db: Kysely<Database>) =>
  queriesOn(db, { ...caseQueries, ...photoQueries });
