// Staff and volunteers, their hub sessions and their training. A person's record (with the
// hash of their PIN, never the PIN) enters the change feed for each place they work at, so
// those devices can unlock for them offline; revoking them sends a deletion the same way. A
// privileged person's record goes without the hash: they sign in through the hub only.
// Wrong PINs typed at the hub are counted here too, per person and place, so every server
// process shares one count and a restart forgets nothing.
import type { Kysely } from 'kysely';
import { accessPointScope, recordChange } from '../../platform/store/change-feed.ts';
import type { CoreStore } from '../../platform/store/core-store.ts';
import { refusal, type OpHandler, type OpHandlers } from '../../platform/store/op-handler.ts';
import { queriesOn } from '../../platform/store/queries.ts';
import type { Database } from '../../platform/store/schema.ts';
import * as queries from './staff-queries.ts';

// The person behind a hub session, as every staff route (of any feature) reads it.
export type { StaffRecord } from './staff-rows.ts';

export type StaffStore = ReturnType<typeof createStaffStore>;

/** What a hub-only route needs to know who is asking (platform/staff-caller.ts). */
export interface StaffCallerStores {
  readonly core: CoreStore;
  readonly staff: StaffStore;
}

export const createStaffStore = (db: Kysely<Database>) => queriesOn(db, queries);

/**
 * Completed training, from `training.complete` ops: stored once, and sent to every place the
 * person works at, so any of their devices knows what they are trained for.
 */
const applyTrainingCompletions: OpHandler = async (trx, device, ops, now, results) => {
  const refused: string[] = [];
  for (const op of ops) {
    if (op.kind !== 'training.complete') continue;
    const input = op.payload;
    const person = await queries.findStaff(trx, input.staffId);
    const inserted = person
      ? await trx
          .insertInto('training_completions')
          .values({
            id: input.id,
            staff_id: input.staffId,
            module_id: input.moduleId,
            score: input.score,
            completed_at: input.completedAt,
            access_point_id: device.accessPointId,
            device_id: device.id,
            received_at: now,
            op_id: op.id,
          })
          .onConflict((oc) => oc.column('id').doNothing())
          .returning('id')
          .executeTakeFirst()
      : undefined;
    if (!person || !inserted) {
      refused.push(op.id);
      results.set(
        op.id,
        person
          ? refusal(op.id, 'conflict', `training record ${input.id} exists`)
          : refusal(op.id, 'forbidden', 'no such person'),
      );
      continue;
    }
    await recordChange(trx, {
      scopes: person.accessPointIds.map(accessPointScope),
      entity: 'trainingCompletion',
      id: input.id,
      data: input,
      origin: device.id,
      now,
    });
  }
  return refused;
};

export const STAFF_HANDLERS = {
  'training.complete': applyTrainingCompletions,
} satisfies Partial<OpHandlers>;
