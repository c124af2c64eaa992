// Demo reviews, spread over the last six months: published ones for the popular services and
// for some partners (so service pages and the HSDS output show ratings), a few waiting for a
// moderator, among them one that names an officer and one that is abusive, and one rejected.
// They go through the same path as a device's (review.submit, then a moderator's decision).
import { randomUUID } from 'node:crypto';
import { newId } from '../../../shared/ids.ts';
import type { ReviewTarget } from '../../../shared/review.ts';
import type { ValidOp } from '../../../shared/sync/mutations.ts';
import type { Device, CoreStore } from '../../platform/store/core-store.ts';
import type { ReviewStore } from './review-store.ts';

/** The stores this file uses. */
type Stores = { readonly core: CoreStore; readonly reviews: ReviewStore };

interface DemoReview {
  target: [ReviewTarget, string];
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

const S = (id: string): [ReviewTarget, string] => ['service', id];
const P = (id: string): [ReviewTarget, string] => ['partner', id];

// prettier-ignore
const REVIEWS: DemoReview[] = [
  { target: S('missed-bin-collection'), rating: 5, title: 'Sorted in one visit', body: 'Reported the missed bin at the library and it was collected the next morning.', displayName: 'Ann, Northam', place: 'central-library', mode: 'counter', daysAgo: 172, decision: 'publish' },
  { target: S('missed-bin-collection'), rating: 4, body: 'Easy to report at the kiosk. Took two days rather than one.', place: 'civic-centre-kiosk', mode: 'kiosk', daysAgo: 140, decision: 'publish' },
  { target: S('missed-bin-collection'), rating: 2, title: 'Missed again', body: 'Second time this month. Reporting was easy but the crew missed our close again.', place: 'civic-centre', mode: 'counter', daysAgo: 95, decision: 'publish' },
  { target: S('missed-bin-collection'), rating: 5, body: 'Gwasanaeth cyflym iawn, diolch.', displayName: 'Gwen', place: 'central-library', mode: 'counter', daysAgo: 41, decision: 'publish' },
  { target: S('missed-bin-collection'), rating: 4, body: 'Bardzo szybko, polecam zgłaszanie w bibliotece.', displayName: 'Marta', place: 'eastbury-library', mode: 'counter', daysAgo: 12, decision: 'publish' },
  { target: S('blue-badge'), rating: 5, title: 'Patient help with the form', body: 'Staff helped me scan my documents and explained every step. Decision came within the promised time.', displayName: 'Derek', place: 'central-library', mode: 'counter', daysAgo: 160, decision: 'publish' },
  { target: S('blue-badge'), rating: 3, body: 'The form is long, but the counter helped. Waited three weeks for the decision.', place: 'riverside-health-centre', mode: 'counter', daysAgo: 118, decision: 'publish' },
  { target: S('blue-badge'), rating: 4, body: 'Applied at the mobile library, no need to travel to town. Photo had to be redone.', place: 'mobile-library-1', mode: 'tablet', daysAgo: 63, decision: 'publish' },
  { target: S('blue-badge'), rating: 5, body: 'Renewal done in ten minutes at the kiosk with a volunteer nearby.', place: 'civic-centre-kiosk', mode: 'kiosk', daysAgo: 20, decision: 'publish' },
  { target: S('library-card'), rating: 5, body: 'Card issued on the spot, and a leaflet in Polish for my mother.', displayName: 'Kasia', place: 'central-library', mode: 'counter', daysAgo: 150, decision: 'publish' },
  { target: S('library-card'), rating: 5, body: 'Quick and friendly.', place: 'eastbury-library', mode: 'counter', daysAgo: 77, decision: 'publish' },
  { target: S('library-card'), rating: 4, body: 'Easy at the mobile library, though the van was late.', place: 'mobile-library-2', mode: 'tablet', daysAgo: 30, decision: 'publish' },
  { target: S('council-tax-reduction'), rating: 3, body: 'Useful advice, but I had to bring the same papers twice.', place: 'riverside-health-centre', mode: 'counter', daysAgo: 133, decision: 'publish' },
  { target: S('council-tax-reduction'), rating: 4, title: 'Clear about what to bring', body: 'The list of documents was clear and the claim went through first time.', place: 'civic-centre', mode: 'counter', daysAgo: 58, decision: 'publish' },
  { target: S('pothole'), rating: 2, body: 'Reported in March, still there in May. Reporting was easy though.', place: 'civic-centre-kiosk', mode: 'kiosk', daysAgo: 120, decision: 'publish' },
  { target: S('pothole'), rating: 4, body: 'Fixed within the week after I reported it with a photo.', displayName: 'Raj', place: 'market-street-post-office', mode: 'counter', daysAgo: 35, decision: 'publish' },
  { target: S('fly-tipping'), rating: 5, body: 'Cleared the same day. Impressive.', place: 'mobile-library-2', mode: 'tablet', daysAgo: 88, decision: 'publish' },
  { target: S('fly-tipping'), rating: 4, body: 'Cleared in two days and they told me when it was done.', place: 'civic-centre', mode: 'counter', daysAgo: 16, decision: 'publish' },
  { target: S('older-persons-bus-pass'), rating: 5, body: 'Checked my eligibility at the post office counter and filled in the form there.', displayName: 'Margaret', place: 'market-street-post-office', mode: 'counter', daysAgo: 101, decision: 'publish' },
  { target: S('older-persons-bus-pass'), rating: 4, body: 'Pass arrived in ten days.', place: 'eastbury-library', mode: 'counter', daysAgo: 45, decision: 'publish' },
  { target: S('housing-repair'), rating: 2, title: 'Slow to book', body: 'Easy to report but it took a month to get a visit for the damp.', place: 'civic-centre', mode: 'counter', daysAgo: 110, decision: 'publish' },
  { target: S('housing-repair'), rating: 3, body: 'Repair done well, after two phone calls to chase it.', place: 'civic-centre', mode: 'counter', daysAgo: 25, decision: 'publish' },
  { target: P('northshire-county-council'), rating: 4, body: 'Whichever library I go to, they sort things out for me.', place: 'central-library', mode: 'counter', daysAgo: 130, decision: 'publish' },
  { target: P('northshire-county-council'), rating: 3, body: 'Good people, long waits on the phone.', place: 'eastbury-library', mode: 'counter', daysAgo: 50, decision: 'publish' },
  { target: P('northam-district-council'), rating: 4, body: 'They no longer send me from one office to another.', displayName: 'Pat', place: 'civic-centre', mode: 'counter', daysAgo: 90, decision: 'publish' },
  { target: P('nhs-northshire'), rating: 5, body: 'The surgery helped me with a council form while I waited. No wrong door indeed.', place: 'ashby-surgery', mode: 'counter', daysAgo: 70, decision: 'publish' },
  { target: P('citizens-advice-northshire'), rating: 5, body: 'Kind, patient and they followed up.', place: 'riverside-health-centre', mode: 'counter', daysAgo: 40, decision: 'publish' },
  // Rejected: an advert.
  { target: S('missed-bin-collection'), rating: 5, body: 'Cheap skip hire at www.skips-r-us.example.com call 07700 900777', place: 'civic-centre-kiosk', mode: 'kiosk', daysAgo: 60, decision: { reject: 'Advertising, with a link and a phone number.' } },
  // Waiting for a moderator.
  { target: S('blue-badge'), rating: 4, body: 'Helpful staff, clear explanation of what happens next.', place: 'central-library', mode: 'counter', daysAgo: 3, decision: 'pending' },
  { target: S('library-card'), rating: 5, body: 'Ardderchog, diolch yn fawr.', place: 'eastbury-library', mode: 'counter', daysAgo: 2, decision: 'pending' },
  { target: S('missed-bin-collection'), rating: 1, title: 'Rude', body: 'Officer Jenkins at the civic centre was rude to me and my daughter.', place: 'civic-centre', mode: 'counter', daysAgo: 2, decision: 'pending' },
  { target: S('pothole'), rating: 1, body: 'USELESS IDIOTS, NOTHING EVER GETS FIXED!!!!!', place: 'civic-centre-kiosk', mode: 'kiosk', daysAgo: 1, decision: 'pending' },
];

const MODERATOR = { id: 'alex-morgan', name: 'Alex Morgan' };

export async function seedDemoReviews(storage: Stores, now: Date): Promise<void> {
  const places = new Set((await storage.core.listAccessPoints()).map((ap) => ap.id));
  for (const review of REVIEWS) {
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
        targetKind: review.target[0],
        targetId: review.target[1],
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
