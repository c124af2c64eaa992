// The feedback feature's queries, each taking the database handle first: the store lends them
// its handle (queriesOn), so every value exported here is one of the store's methods.
import type { Kysely } from 'kysely';
import { SOLVED_ANSWERS, SURVEY_OPEN_MS, type SurveyAnswers } from '../../../shared/feedback.ts';
import type { Database, FeedbackTable, FollowupsTable } from '../../platform/store/schema.ts';

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

/** Consented follow-ups not yet sent whose contact is no older than `since`, oldest first. */
export async function listPendingFollowups(
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
export async function claimFollowup(
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
export async function settleFollowup(
  db: Kysely<Database>,
  id: string,
  sent: boolean,
): Promise<void> {
  await db
    .updateTable('followups')
    .set(sent ? { address: null } : { sent_at: null })
    .where('id', '=', id)
    .execute();
}

/** Forgets the address of every follow-up that was not sent within its window. */
export async function expireFollowups(db: Kysely<Database>, before: string): Promise<number> {
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

export async function findSurvey(
  db: Kysely<Database>,
  tokenHash: string,
): Promise<SurveyLink | null> {
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
export async function answerSurvey(
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

export async function listFeedback(
  db: Kysely<Database>,
  filter: { accessPointId?: string } = {},
): Promise<FeedbackRow[]> {
  let query = db.selectFrom('feedback').selectAll();
  if (filter.accessPointId) query = query.where('access_point_id', '=', filter.accessPointId);
  const rows = await query.orderBy('received_at').orderBy('id').execute();
  return rows.map((r) => ({ ...r, rating: Number(r.rating) }));
}

export async function listFollowups(db: Kysely<Database>): Promise<FollowupRow[]> {
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
export async function listResolutionsToTell(
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
export async function claimCaseNotice(
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
export async function settleCaseNotice(
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

export async function listCaseNotices(db: Kysely<Database>) {
  return db.selectFrom('case_notices').selectAll().orderBy('claimed_at').execute();
}
