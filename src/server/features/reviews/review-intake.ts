// How a review comes in, from a device's op or the public web form alike: the partner who
// answers for its target, and the one pending, screened row it is stored as.
import type { Transaction } from 'kysely';
import type { Partner, Service } from '../../../shared/pack/schema.ts';
import { screenReview } from '../../../shared/review-screen.ts';
import type { ReviewInput, ReviewTarget } from '../../../shared/review.ts';
import { currentPackRecord } from '../../platform/store/pack-rows.ts';
import type { Database } from '../../platform/store/schema.ts';

/** The partner who answers for a target, or null when the pack has no such target. */
export async function answerableFor(
  trx: Transaction<Database>,
  kind: ReviewTarget,
  id: string,
): Promise<string | null> {
  if (kind === 'service') {
    const service = await currentPackRecord<Service>(trx, 'services', id);
    return service?.delivery.default.partnerId ?? null;
  }
  const partner = await currentPackRecord<Partner>(trx, 'partners', id);
  return partner?.id ?? null;
}

/** Where a review came from: a device at a place, or the public web form (`web`). */
export interface ReviewOrigin {
  accessPointId: string;
  deviceId: string;
  opId: string;
  mode: string;
}

/** Stores one review, pending and screened; false when its id is taken. */
export async function insertReview(
  trx: Transaction<Database>,
  input: ReviewInput,
  partnerId: string,
  origin: ReviewOrigin,
  now: string,
): Promise<boolean> {
  const inserted = await trx
    .insertInto('reviews')
    .values({
      id: input.id,
      target_kind: input.targetKind,
      target_id: input.targetId,
      partner_id: partnerId,
      rating: input.rating,
      title: input.title ?? null,
      body: input.body,
      display_name: input.displayName ?? null,
      flags: JSON.stringify(screenReview(input)),
      status: 'pending',
      access_point_id: origin.accessPointId,
      device_id: origin.deviceId,
      op_id: origin.opId,
      mode: origin.mode,
      created_at: input.createdAt,
      received_at: now,
      published_at: null,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}
