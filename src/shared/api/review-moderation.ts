// What the hub's moderation routes answer: GET /api/staff/reviews (a list) and
// POST /api/staff/reviews/:id/decision (the review as it now stands). Typed once for the hub's
// routes and the app's moderation page.
import type { DeviceMode } from '../contact.ts';
import type { ReviewDecision, ReviewStatus, ReviewTarget } from '../review.ts';
import type { ReviewFlag } from '../review-screen.ts';

/** Where a review came from: a device's mode, or `web` for the public review form. */
export type ReviewSource = DeviceMode | 'web';

export interface ReviewDecisionRecord {
  decision: ReviewDecision['decision'];
  reason: string;
  staffId: string;
  staffName: string;
  decidedAt: string;
}

/** A review as moderators see it: everything, flags and decisions included. */
export interface ReviewForModeration {
  id: string;
  targetKind: ReviewTarget;
  targetId: string;
  /** The partner who answers for the target. */
  partnerId: string;
  rating: number;
  title: string | null;
  body: string;
  displayName: string | null;
  flags: ReviewFlag[];
  status: ReviewStatus;
  accessPointId: string;
  mode: ReviewSource;
  createdAt: string;
  receivedAt: string;
  publishedAt: string | null;
  decisions: ReviewDecisionRecord[];
}
