// Demo reviews, spread over the last six months: published ones for the popular services and
// for some partners (so service pages and the HSDS output show ratings), a few waiting for a
// moderator, among them one that names an officer and one that is abusive, and one rejected.
// They go through the same path as a device's (review.submit, then a moderator's decision).
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { newId } from '../../../shared/ids.ts';
import type { ReviewTarget } from '../../../shared/review.ts';
import type { ValidOp } from '../../../shared/sync/mutations.ts';
import type { CoreStore } from '../../platform/store/core-store.ts';
import type { Device } from '../../platform/store/device.ts';
import type { ReviewStore } from './review-store.ts';

/** The stores this file uses. */
type Stores = { readonly core: CoreStore; readonly reviews: ReviewStore };

interface DemoReview {
  targetKind: ReviewTarget;
  targetId: string;
  rating: number;
  title?: string;
  body: string;
  displayName?: string;
  place: string;
  mode: Device['mode'];
  /** Days before now it was written. */
  daysAgo: number;
  /** What a moderator did: published a day later, rejected with a reason, or nothing yet. */
  decision: 'publish' | { reject: string } | 'pending';
}

/** The reviews, as data anyone can edit (content/demo/reviews.json). */
function demoReviews(): DemoReview[] {
  const file = new URL('../../../../content/demo/reviews.json', import.meta.url);
  return JSON.parse(readFileSync(file, 'utf8')) as DemoReview[];
}

const MODERATOR = { id: 'alex-morgan', name: 'Alex Morgan' };

export async function seedDemoReviews(storage: Stores, now: Date): Promise<void> {
  const places = new Set((await storage.core.listAccessPoints()).map((ap) => ap.id));
  for (const review of demoReviews()) {
    if (!places.has(review.place)) continue;
    const at = new Date(now.getTime() - review.daysAgo * 86_400_000);
    const device: Device = {
      id: randomUUID(),
      accessPointId: review.place,
      name: 'Demo history',
      enrolledAt: at.toISOString(),
      revokedAt: at.toISOString(),
      mode: review.mode,
    };
    const id = newId();
    const op: ValidOp = {
      id: newId(),
      deviceId: device.id,
      kind: 'review.submit',
      clientTime: at.toISOString(),
      payload: {
        id,
        targetKind: review.targetKind,
        targetId: review.targetId,
        rating: review.rating,
        body: review.body,
        ...(review.title ? { title: review.title } : {}),
        ...(review.displayName ? { displayName: review.displayName } : {}),
        createdAt: at.toISOString(),
      },
    };
    const [result] = await storage.core.applyOps(device, [op], at.toISOString());
    if (result?.status !== 'applied' || review.decision === 'pending') continue;
    await storage.reviews.decideReview({
      id,
      decision:
        review.decision === 'publish'
          ? { decision: 'approve', reason: '' }
          : { decision: 'reject', reason: review.decision.reject },
      staff: MODERATOR,
      partnerId: null,
      now: new Date(at.getTime() + 86_400_000).toISOString(),
    });
  }
}
