// What a device records at a place: contacts (one per citizen served, with the service, channel,
// tier and outcome), staff's contact notes, and calls for help with their answers. The ops that
// make them are in contact-ops.ts; the hub's reads of them in contact-queries.ts.
import type { Kysely } from 'kysely';
import { queriesOn } from '../../platform/store/queries.ts';
import type { Database } from '../../platform/store/schema.ts';
import * as queries from './contact-queries.ts';

export type ContactStore = ReturnType<typeof createContactStore>;

export const createContactStore = (db: Kysely<Database>) => queriesOn(db, queries);
