// Citizens' reviews of services and of the partners that deliver them ("so others choose
// better"). A review is written on a device (offline too), screened and held by the hub until a
// moderator approves it; only published reviews reach devices and the HSDS output. A published
// review holds no personal data beyond the display name its author chose.
import { z } from 'zod';
import { uuidV7 } from './ids.ts';
import { slug } from './pack/schema.ts';
import { freeText } from './text.ts';

export const REVIEW_TARGETS = ['service', 'partner'] as const;
export type ReviewTarget = (typeof REVIEW_TARGETS)[number];

export const REVIEW_LIMITS = { title: 120, body: 2000, displayName: 60 } as const;
export const RATINGS = [1, 2, 3, 4, 5] as const;

/** What a device sends with `review.submit`. */
export const reviewInput = z.strictObject({
  id: uuidV7,
  targetKind: z.enum(REVIEW_TARGETS),
  targetId: slug,
  rating: z.number().int().min(1).max(5),
  title: freeText(1, REVIEW_LIMITS.title).optional(),
  body: freeText(1, REVIEW_LIMITS.body),
  displayName: freeText(1, REVIEW_LIMITS.displayName).optional(),
  /** The device clock: shown, never used for ordering. */
  createdAt: z.iso.datetime({ offset: true }),
});
export type ReviewInput = z.infer<typeof reviewInput>;

/** A review as every device receives it once published (the change feed entity `review`). */
export const publishedReview = z.strictObject({
  id: z.string(),
  targetKind: z.enum(REVIEW_TARGETS),
  targetId: z.string(),
  rating: z.number().int().min(1).max(5),
  title: z.string().optional(),
  body: z.string(),
  displayName: z.string().optional(),
  createdAt: z.string(),
  /** The hub's clock when a moderator approved it: the order reviews are listed in. */
  publishedAt: z.string(),
});
export type PublishedReview = z.infer<typeof publishedReview>;

export const REVIEW_STATUSES = ['pending', 'published', 'rejected'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** A moderator's decision. Rejecting (or withdrawing a published review) needs a reason. */
export const reviewDecision = z
  .strictObject({
    decision: z.enum(['approve', 'reject']),
    reason: freeText(0, 500).default(''),
  })
  .refine((d) => d.decision === 'approve' || d.reason.length > 0, {
    message: 'a rejection needs a reason',
    path: ['reason'],
  });
export type ReviewDecision = z.infer<typeof reviewDecision>;

/** Average (to one decimal) and count of a set of ratings; null average when there are none. */
export function ratingSummary(ratings: readonly number[]): {
  average: number | null;
  count: number;
} {
  if (ratings.length === 0) return { average: null, count: 0 };
  const sum = ratings.reduce((a, b) => a + b, 0);
  return { average: Math.round((sum / ratings.length) * 10) / 10, count: ratings.length };
}
