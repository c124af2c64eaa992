// Storage for the Open311 GeoReport v2 API: its queries (open311-queries.ts) with the
// database handle given once.
import type { Kysely } from 'kysely';
import { queriesOn } from '../../platform/store/queries.ts';
import type { Database } from '../../platform/store/schema.ts';
import * as queries from './open311-queries.ts';

export type Open311Store = ReturnType<typeof createOpen311Store>;

export const createOpen311Store = (db: Kysely<Database>) => queriesOn(db, queries);
