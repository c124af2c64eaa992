// The studio's enrolment codes and devices: their queries (device-admin-queries.ts) with the
// database handle given once.
import type { Kysely } from 'kysely';
import { queriesOn } from '../../platform/store/queries.ts';
import type { Database } from '../../platform/store/schema.ts';
import * as queries from './device-admin-queries.ts';

export type DeviceAdminStore = ReturnType<typeof createDeviceAdminStore>;

export const createDeviceAdminStore = (db: Kysely<Database>) => queriesOn(db, queries);
