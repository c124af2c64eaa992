// The reviews feature's queries, each taking the database handle first: the store lends them
// its handle (queriesOn), so every value exported here is one of the store's methods.
import { sql, type Kysely } from 'kysely';
import { randomUUID } from 'node:crypto';
import type {
  ReviewForModeration as ReviewRecord,
  ReviewSource,
} from '../../../shared/api/review-moderation.ts';
import type { ReviewFlag } from '../../../shared/review-screen.ts';
import type {
  PublishedReview,
  ReviewDecision,
  ReviewInput,
  ReviewStatus,
  ReviewTarget,
} from '../../../shared/review.ts';
import { GLOBAL_SCOPE, recordChange } from '../../platform/store/change-feed.ts';
import type { Database, ReviewsTable } from '../../platform/store/schema.ts';
import { answerableFor, insertReview } from './review-intake.ts';

export interface RatingSummary {
  targetKind: ReviewTarget;
  targetId: string;
  average: number;
  count: number;
}

export type DecideResult =
  | { ok: true; review: ReviewRecord }
  | { ok: false; problem: 'not-found' | 'forbidden' | 'unchanged' };

/** A review sent through the public web form (no device): pending and screened like any other. */
export async function submitPublicReview(
  db: Kysely<Database>,
  input: ReviewInput,
  now: string,
): Promise<'stored' | 'no-target' | 'exists'> {
  return db.transaction().execute(async (trx) => {
    const partnerId = await answerableFor(trx, input.targetKind, input.targetId);
    if (!partnerId) return 'no-target';
    const origin = { accessPointId: 'web', deviceId: 'web', opId: input.id, mode: 'web' };
    return (await insertReview(trx, input, partnerId, origin, now)) ? 'stored' : 'exists';
  });
}

function toPublished(row: ReviewsTable): PublishedReview {
  return {
    id: row.id,
    targetKind: row.target_kind as ReviewTarget,
    targetId: row.target_id,
    rating: Number(row.rating),
    ...(row.title !== null ? { title: row.title } : {}),
    body: row.body,
    ...(row.display_name !== null ? { displayName: row.display_name } : {}),
    createdAt: row.created_at,
    publishedAt: row.published_at ?? '',
  };
}

async function withDecisions(
  db: Kysely<Database>,
  rows: readonly ReviewsTable[],
): Promise<ReviewRecord[]> {
  const ids = rows.map((r) => r.id);
  const decisions =
    ids.length === 0
      ? []
      : await db
          .selectFrom('review_decisions')
          .selectAll()
          .where('review_id', 'in', ids)
          .orderBy('decided_at')
          .orderBy('id')
          .execute();
  return rows.map((row) => ({
    id: row.id,
    targetKind: row.target_kind as ReviewTarget,
    targetId: row.target_id,
    partnerId: row.partner_id,
    rating: Number(row.rating),
    title: row.title,
    body: row.body,
    displayName: row.display_name,
    flags: JSON.parse(row.flags) as ReviewFlag[],
    status: row.status as ReviewStatus,
    accessPointId: row.access_point_id,
    // Written from the device's mode, or 'web' by the public review form.
    mode: row.mode as ReviewSource,
    createdAt: row.created_at,
    receivedAt: row.received_at,
    publishedAt: row.published_at,
    decisions: decisions
      .filter((d) => d.review_id === row.id)
      .map((d) => ({
        decision: d.decision as ReviewDecision['decision'],
        reason: d.reason,
        staffId: d.staff_id,
        staffName: d.staff_name,
        decidedAt: d.decided_at,
      })),
  }));
}

/**
 * Reviews for moderators: `partnerId` limits them to those a partner answers for (null: all).
 * Pending ones oldest first (the queue), the others newest first.
 */
export async function listReviews(
  db: Kysely<Database>,
  filter: { status: ReviewStatus; partnerId: string | null; limit: number },
): Promise<ReviewRecord[]> {
  let query = db.selectFrom('reviews').selectAll().where('status', '=', filter.status);
  if (filter.partnerId !== null) query = query.where('partner_id', '=', filter.partnerId);
  const order = filter.status === 'pending' ? 'asc' : 'desc';
  const rows = await query
    .orderBy('received_at', order)
    .orderBy('id', order)
    .limit(filter.limit)
    .execute();
  return withDecisions(db, rows);
}

/**
 * Approves or rejects a review, in one transaction with its decision record and its change-feed
 * entry. A moderator limited to a partner (`partnerId`) may decide only that partner's reviews.
 */
export async function decideReview(
  db: Kysely<Database>,
  input: {
    id: string;
    decision: ReviewDecision;
    staff: { id: string; name: string };
    partnerId: string | null;
    now: string;
  },
): Promise<DecideResult> {
  return db.transaction().execute(async (trx): Promise<DecideResult> => {
    const row = await trx
      .selectFrom('reviews')
      .selectAll()
      .where('id', '=', input.id)
      .executeTakeFirst();
    if (!row) return { ok: false, problem: 'not-found' };
    if (input.partnerId !== null && row.partner_id !== input.partnerId) {
      return { ok: false, problem: 'forbidden' };
    }
    const status: ReviewStatus = input.decision.decision === 'approve' ? 'published' : 'rejected';
    // Two moderators deciding at once: the status check and the update are one statement.
    const updated = await trx
      .updateTable('reviews')
      .set({ status, published_at: status === 'published' ? input.now : null })
      .where('id', '=', row.id)
      .where('status', '=', row.status)
      .where('status', '!=', status)
      .returningAll()
      .executeTakeFirst();
    if (!updated) return { ok: false, problem: 'unchanged' };
    await trx
      .insertInto('review_decisions')
      .values({
        id: randomUUID(),
        review_id: row.id,
        decision: input.decision.decision,
        reason: input.decision.reason,
        staff_id: input.staff.id,
        staff_name: input.staff.name,
        decided_at: input.now,
      })
      .execute();
    // Published: every device gets it. Withdrawn after publication: every device drops it.
    if (status === 'published' || row.status === 'published') {
      await recordChange(trx, {
        scopes: [GLOBAL_SCOPE],
        entity: 'review',
        id: row.id,
        op: status === 'published' ? 'upsert' : 'delete',
        data: status === 'published' ? toPublished(updated) : null,
        origin: null,
        now: input.now,
      });
    }
    const [review] = await withDecisions(trx, [updated]);
    return { ok: true, review: review as ReviewRecord };
  });
}

/** Average rating and count of every reviewed target, over published reviews, in the database. */
export async function ratingSummaries(db: Kysely<Database>): Promise<RatingSummary[]> {
  const rows = await db
    .selectFrom('reviews')
    .select((eb) => [
      'target_kind',
      'target_id',
      eb.fn.avg<number | string>('rating').as('average'),
      eb.fn.countAll<number | string>().as('count'),
    ])
    .where('status', '=', 'published')
    .groupBy(['target_kind', 'target_id'])
    .orderBy('target_kind')
    .orderBy('target_id')
    .execute();
  return rows.map((r) => ({
    targetKind: r.target_kind as ReviewTarget,
    targetId: r.target_id,
    average: Math.round(Number(r.average) * 10) / 10,
    count: Number(r.count),
  }));
}

/** Changes whenever a moderation decision is made: the HSDS output's ratings key off it. */
export async function reviewsRevision(db: Kysely<Database>): Promise<string> {
  const { rows } = await sql<{ n: number | string; last: string | null }>`
    select count(*) as n, max(decided_at) as last from review_decisions`.execute(db);
  return `${rows[0]?.n ?? 0}@${rows[0]?.last ?? ''}`;
}
