// Feedback at the moment of the interaction and the 48-hour follow-up. Feedback is anonymous
// and reaches no other device (nothing enters the change feed); a follow-up holds the
// citizen's address only until its survey is sent or its 48 hours pass, and never leaves the
// hub except in that one message.
import type { Kysely } from 'kysely';
import { SOLVED_ANSWERS, SURVEY_OPEN_MS, type SurveyAnswers } from '../../../shared/feedback.ts';
import type { ValidOp } from '../../../shared/sync/mutations.ts';
import type { OpResult } from '../../../shared/sync/protocol.ts';
import {
  refusal,
  type Device,
  type OpHandler,
  type OpHandlers,
} from '../../platform/store/core-store.ts';
import { queriesOn } from '../../platform/store/queries.ts';
import type { Database, FeedbackTable, FollowupsTable } from '../../platform/store/schema.ts';
import { hashSecret, newLinkToken } from '../../platform/tokens.ts';

export type FeedbackStore = ReturnType<typeof createFeedbackStore>;

export const createFeedbackStore = (db: Kysely<Database>) =>
  queriesOn(db, {
    listFeedback,
    listFollowups,
    listPendingFollowups,
    claimFollowup,
    settleFollowup,
    expireFollowups,
    findSurvey,
    answerSurvey,
    listResolutionsToTell,
    claimCaseNotice,
    settleCaseNotice,
    listCaseNotices,
  });

export type FeedbackRow = FeedbackTable;
export type FollowupRow = FollowupsTable;

/** A follow-up waiting to be sent: where, in which language, about what. */
export interface PendingFollowup {
  id: string;
  addressKind: 'email' | 'sms';
  address: string;
  language: string;
  accessPointId: string;
  serviceId: string | null;
}

/** A resolution not yet told: the case's reference, service and contact (consented, JSON). */
export interface ResolutionToTell {
  eventId: string;
  caseId: string;
  reference: string;
  serviceId: string;
  contact: string;
}

/** What the public survey page needs to know about a link. */
export interface SurveyLink {
  id: string;
  language: string;
  accessPointId: string;
  serviceId: string | null;
  sentAt: string;
  answeredAt: string | null;
}

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
    if (op.kind === 'feedback.give') {
      const input = op.payload;
      const inserted = await trx
        .insertInto('feedback')
        .values({
          id: input.id,
          contact_id: await contactHere(trx, device, input.contactId),
          access_point_id: device.accessPointId,
          partner_id: partnerId,
          device_id: device.id,
          op_id: op.id,
          mode: device.mode,
          service_id: input.serviceId ?? null,
          channel: input.channel,
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
    if (device.mode === 'kiosk') {
      refuse(results, refused, op, 'forbidden', 'a kiosk does not take contact details');
      continue;
    }
    const input = op.payload;
    const inserted = await trx
      .insertInto('followups')
      .values({
        id: input.id,
        contact_id: await contactHere(trx, device, input.contactId),
        access_point_id: device.accessPointId,
        partner_id: partnerId,
        service_id: input.serviceId ?? null,
        channel: input.channel,
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

/** Consented follow-ups not yet sent whose contact is no older than `since`, oldest first. */
async function listPendingFollowups(
  db: Kysely<Database>,
  since: string,
  limit: number,
): Promise<PendingFollowup[]> {
  const rows = await db
    .selectFrom('followups')
    .select(['id', 'address_kind', 'address', 'language', 'access_point_id', 'service_id'])
    .where('sent_at', 'is', null)
    .where('answered_at', 'is', null)
    .where('address', 'is not', null)
    .where('created_at', '>=', since)
    .orderBy('created_at')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    addressKind: r.address_kind === 'sms' ? 'sms' : 'email',
    address: r.address ?? '',
    language: r.language,
    accessPointId: r.access_point_id,
    serviceId: r.service_id,
  }));
}

/**
 * Claims a follow-up for sending with the hash of its link's token. One conditional UPDATE,
 * so of several hub processes only one sends it; false when another got there first.
 */
async function claimFollowup(
  db: Kysely<Database>,
  id: string,
  tokenHash: string,
  now: string,
): Promise<boolean> {
  const claimed = await db
    .updateTable('followups')
    .set({ sent_at: now, token_hash: tokenHash })
    .where('id', '=', id)
    .where('sent_at', 'is', null)
    .where('address', 'is not', null)
    .returning('id')
    .executeTakeFirst();
  return claimed !== undefined;
}

/** After sending: the address has done its job. After a failed send: back in the queue. */
async function settleFollowup(db: Kysely<Database>, id: string, sent: boolean): Promise<void> {
  await db
    .updateTable('followups')
    .set(sent ? { address: null } : { sent_at: null })
    .where('id', '=', id)
    .execute();
}

/** Forgets the address of every follow-up that was not sent within its window. */
async function expireFollowups(db: Kysely<Database>, before: string): Promise<number> {
  const expired = await db
    .updateTable('followups')
    .set({ address: null })
    .where('sent_at', 'is', null)
    .where('address', 'is not', null)
    .where('created_at', '<', before)
    .returning('id')
    .execute();
  return expired.length;
}

async function findSurvey(db: Kysely<Database>, tokenHash: string): Promise<SurveyLink | null> {
  const row = await db
    .selectFrom('followups')
    .select(['id', 'language', 'access_point_id', 'service_id', 'sent_at', 'answered_at'])
    .where('token_hash', '=', tokenHash)
    .where('sent_at', 'is not', null)
    .executeTakeFirst();
  return row
    ? {
        id: row.id,
        language: row.language,
        accessPointId: row.access_point_id,
        serviceId: row.service_id,
        sentAt: row.sent_at ?? '',
        answeredAt: row.answered_at,
      }
    : null;
}

/**
 * Stores the answers once, while the link is open: a second answer (even a racing one)
 * changes nothing.
 */
async function answerSurvey(
  db: Kysely<Database>,
  tokenHash: string,
  answers: SurveyAnswers,
  now: string,
): Promise<'answered' | 'already' | 'closed' | 'unknown'> {
  const updated = await db
    .updateTable('followups')
    .set({
      answered_at: now,
      courteous: answers.courteous === 'yes' ? 1 : 0,
      solved: SOLVED_ANSWERS[answers.solved],
      comment: answers.comment ? answers.comment : null,
      address: null,
    })
    .where('token_hash', '=', tokenHash)
    .where('sent_at', 'is not', null)
    .where('answered_at', 'is', null)
    .where('sent_at', '>=', new Date(Date.parse(now) - SURVEY_OPEN_MS).toISOString())
    .returning('id')
    .executeTakeFirst();
  if (updated) return 'answered';
  const link = await findSurvey(db, tokenHash);
  if (!link) return 'unknown';
  return link.answeredAt ? 'already' : 'closed';
}

async function listFeedback(
  db: Kysely<Database>,
  filter: { accessPointId?: string } = {},
): Promise<FeedbackRow[]> {
  let query = db.selectFrom('feedback').selectAll();
  if (filter.accessPointId) query = query.where('access_point_id', '=', filter.accessPointId);
  const rows = await query.orderBy('received_at').orderBy('id').execute();
  return rows.map((r) => ({ ...r, rating: Number(r.rating) }));
}

async function listFollowups(db: Kysely<Database>): Promise<FollowupRow[]> {
  const rows = await db
    .selectFrom('followups')
    .selectAll()
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    ...r,
    courteous: r.courteous === null ? null : Number(r.courteous),
    solved: r.solved === null ? null : Number(r.solved),
  }));
}

/**
 * 'resolved' events received since `since` of cases with contact details, not yet told and not
 * reopened since, oldest first. Reads the cases feature's tables: telling the citizen is this
 * feature's job, and the event's own id is what makes the message once only.
 */
async function listResolutionsToTell(
  db: Kysely<Database>,
  since: string,
  limit: number,
): Promise<ResolutionToTell[]> {
  const rows = await db
    .selectFrom('case_events as e')
    .innerJoin('cases as c', 'c.id', 'e.case_id')
    .leftJoin('case_notices as n', 'n.event_id', 'e.id')
    .select(['e.id as event_id', 'c.id as case_id', 'c.reference', 'c.service_id', 'c.contact'])
    .where('e.kind', '=', 'resolved')
    .where('e.received_at', '>=', since)
    .where('c.contact', 'is not', null)
    .where('n.event_id', 'is', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('case_events as r')
            .select('r.id')
            .whereRef('r.case_id', '=', 'e.case_id')
            .where('r.kind', '=', 'reopened')
            .whereRef('r.seq', '>', 'e.seq'),
        ),
      ),
    )
    .orderBy('e.seq')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    eventId: r.event_id,
    caseId: r.case_id,
    reference: r.reference,
    serviceId: r.service_id,
    contact: r.contact ?? '',
  }));
}

/** Claims a resolution for telling; false when another process (or an earlier run) has. */
async function claimCaseNotice(
  db: Kysely<Database>,
  notice: { eventId: string; caseId: string; channel: string },
  now: string,
): Promise<boolean> {
  const claimed = await db
    .insertInto('case_notices')
    .values({
      event_id: notice.eventId,
      case_id: notice.caseId,
      channel: notice.channel,
      claimed_at: now,
      sent_at: null,
    })
    .onConflict((oc) => oc.column('event_id').doNothing())
    .returning('event_id')
    .executeTakeFirst();
  return claimed !== undefined;
}

/** Sent: noted. Not sent: the claim is dropped, so the next run tries again. */
async function settleCaseNotice(
  db: Kysely<Database>,
  eventId: string,
  sentAt: string | null,
): Promise<void> {
  if (sentAt) {
    await db
      .updateTable('case_notices')
      .set({ sent_at: sentAt })
      .where('event_id', '=', eventId)
      .execute();
  } else {
    await db
      .deleteFrom('case_notices')
      .where('event_id', '=', eventId)
      .where('sent_at', 'is', null)
      .execute();
  }
}

async function listCaseNotices(db: Kysely<Database>) {
  return db.selectFrom('case_notices').selectAll().orderBy('claimed_at').execute();
}
