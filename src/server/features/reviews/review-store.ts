// Citizens' reviews inside the hub. A `review.submit` op stores the review as pending, with the
// screening flags a moderator will see; it enters no change feed. A moderator's approval
// publishes it to every device (global scope: a published review holds no personal data beyond
// the display name its author chose); withdrawing a published review sends a deletion. Every
// decision is kept with who made it and when.
import type { Kysely } from 'kysely';
import {
  conflict,
  refusal,
  type OpHandler,
  type OpHandlers,
} from '../../platform/store/op-handler.ts';
import { queriesOn } from '../../platform/store/queries.ts';
import type { Database } from '../../platform/store/schema.ts';
import { answerableFor, insertReview } from './review-intake.ts';
import * as queries from './review-queries.ts';

// A review as moderators see it is what the moderation routes answer, typed once for hub and app.
export type {
  ReviewDecisionRecord,
  ReviewForModeration as ReviewRecord,
} from '../../../shared/api/review-moderation.ts';

export type ReviewStore = ReturnType<typeof createReviewStore>;

export const createReviewStore = (db: Kysely<Database>) => queriesOn(db, queries);

/** `review.submit` ops: each review stored once, pending, with its screening flags. */
const applyReviews: OpHandler = async (trx, device, ops, now, results) => {
  const refused: string[] = [];
  for (const op of ops) {
    if (op.kind !== 'review.submit') continue;
    const input = op.payload;
    const partnerId = await answerableFor(trx, input.targetKind, input.targetId);
    if (!partnerId) {
      refused.push(op.id);
      results.set(
        op.id,
        refusal(
          op.id,
          'invalid-payload',
          `no ${input.targetKind} "${input.targetId}" is listed in the pack`,
        ),
      );
      continue;
    }
    const origin = {
      accessPointId: device.accessPointId,
      deviceId: device.id,
      opId: op.id,
      mode: device.mode,
    };
    if (!(await insertReview(trx, input, partnerId, origin, now))) {
      refused.push(op.id);
      results.set(op.id, conflict(op.id, input.id));
    }
  }
  return refused;
};

export const REVIEW_HANDLERS = {
  'review.submit': applyReviews,
} satisfies Partial<OpHandlers>;
