// Feedback at the moment of the interaction and the 48-hour follow-up. Feedback is anonymous
// and reaches no other device (nothing enters the change feed); a follow-up holds the
// citizen's address only until its survey is sent or its 48 hours pass, and never leaves the
// hub except in that one message.
import type { Kysely } from 'kysely';
import type { ValidOp } from '../../../shared/sync/mutations.ts';
import type { OpResult } from '../../../shared/sync/protocol.ts';
import type { Device } from '../../platform/store/device.ts';
import { refusal, type OpHandler, type OpHandlers } from '../../platform/store/op-handler.ts';
import { queriesOn } from '../../platform/store/queries.ts';
import type { Database } from '../../platform/store/schema.ts';
import { hashSecret, newLinkToken } from '../../platform/tokens.ts';
import * as queries from './feedback-queries.ts';

export type FeedbackStore = ReturnType<typeof createFeedbackStore>;

export const createFeedbackStore = (db: Kysely<Database>) => queriesOn(db, queries);

/** The place's partner comes from the hub's directory, never from what the device says. */
async function partnerOf(trx: Kysely<Database>, accessPointId: string): Promise<string | null> {
  const row = await trx
    .selectFrom('access_points')
    .select('partner_id')
    .where('id', '=', accessPointId)
    .executeTakeFirst();
  return row?.partner_id ?? null;
}

/**
 * The contact a feedback or follow-up names, kept only if it is one recorded at this place:
 * a device cannot attach its feedback to another door's contact. (The contact is applied
 * before its feedback: same batch or earlier, as the outbox drains in order.)
 */
async function contactHere(
  trx: Kysely<Database>,
  device: Device,
  contactId: string | undefined,
): Promise<string | null> {
  if (!contactId) return null;
  const row = await trx
    .selectFrom('contacts')
    .select('id')
    .where('id', '=', contactId)
    .where('access_point_id', '=', device.accessPointId)
    .executeTakeFirst();
  return row ? row.id : null;
}

function refuse(
  results: Map<string, OpResult>,
  refused: string[],
  op: ValidOp,
  code: 'conflict' | 'forbidden',
  reason: string,
): void {
  refused.push(op.id);
  results.set(op.id, refusal(op.id, code, reason));
}

/**
 * Applies `feedback.give` and `followup.consent`. Place, partner, mode and device come from
 * the device's enrolment; a kiosk never takes an address (staff-policy.ts refuses it first).
 * A follow-up starts with the hash of a secret nobody keeps: the real link's token is made
 * when the survey is sent, and only its hash replaces this one.
 */
const applyFeedbackOps: OpHandler = async (trx, device, ops, now, results) => {
  const refused: string[] = [];
  let partnerId: string | null | undefined;
  for (const op of ops) {
    if (op.kind !== 'feedback.give' && op.kind !== 'followup.consent') continue;
    partnerId ??= await partnerOf(trx, device.accessPointId);
    if (!partnerId) {
      refuse(results, refused, op, 'forbidden', 'this device’s place is not in the directory');
      continue;
    }
    if (op.kind === 'followup.consent' && device.mode === 'kiosk') {
      refuse(results, refused, op, 'forbidden', 'a kiosk does not take contact details');
      continue;
    }
    // What a feedback and a follow-up both record: their place and its partner, and the
    // contact, service and channel they are about.
    const about = {
      id: op.payload.id,
      contact_id: await contactHere(trx, device, op.payload.contactId),
      access_point_id: device.accessPointId,
      partner_id: partnerId,
      service_id: op.payload.serviceId ?? null,
      channel: op.payload.channel,
    };
    if (op.kind === 'feedback.give') {
      const input = op.payload;
      const inserted = await trx
        .insertInto('feedback')
        .values({
          ...about,
          device_id: device.id,
          op_id: op.id,
          mode: device.mode,
          rating: input.rating,
          reason: input.reason ?? null,
          comment: input.comment ? input.comment : null,
          created_at: input.createdAt,
          received_at: now,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!inserted) refuse(results, refused, op, 'conflict', `feedback ${input.id} exists`);
      continue;
    }
    const input = op.payload;
    const inserted = await trx
      .insertInto('followups')
      .values({
        ...about,
        address_kind: input.addressKind,
        address: input.address,
        language: input.language,
        token_hash: hashSecret(newLinkToken()),
        consented_at: input.createdAt,
        // The 48 hours run from the hub's receipt: the device clock is for display only.
        created_at: now,
        sent_at: null,
        answered_at: null,
        courteous: null,
        solved: null,
        comment: null,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) refuse(results, refused, op, 'conflict', `follow-up ${input.id} exists`);
  }
  return refused;
};

export const FEEDBACK_HANDLERS = {
  'feedback.give': applyFeedbackOps,
  'followup.consent': applyFeedbackOps,
} satisfies Partial<OpHandlers>;
