// Demo content for a first start: the demo pack (content/pack) published as version 1, then
// each feature's demo data (its demo-*.ts): staff, a week of notes, feedback, reviews, audits,
// customer records and a year of history for the dashboards.
import { directoryEntryOf, type AccessPoint } from '../shared/access-point.ts';
import { packAccessPoint } from '../shared/pack/schema.ts';
import { validatePack } from '../shared/pack/validate-pack.ts';
import { seedDemoAudits } from './features/audits/demo-audits.ts';
import { seedDemoNotes } from './features/contacts/demo-notes.ts';
import { seedDemoCustomers } from './features/customers/demo-customers.ts';
import { seedDemoFeedback } from './features/feedback/demo-feedback.ts';
import { seedDemoInsight } from './features/insight/demo-insight.ts';
import { buildDemoPack, readDemoContent } from './features/pack/build-demo-pack.ts';
import { seedDemoReviews } from './features/reviews/demo-reviews.ts';
import { seedDemoStaff } from './features/staff/demo-staff.ts';
import type { Storage } from './storage.ts';

/** The places devices can be enrolled to: the demo pack's access points. */
export const DEMO_ACCESS_POINTS: AccessPoint[] = readDemoContent().accessPoints.map((ap) =>
  directoryEntryOf(packAccessPoint.parse(ap)),
);

/**
 * Seeds an empty store: publishes the demo franchise pack as version 1 (which also lists the
 * access points), then each feature's demo data. A store with a published pack is left alone.
 */
export async function seedDemoData(storage: Storage, now = new Date()): Promise<boolean> {
  if ((await storage.core.latestPackVersion()) > 0) return false;
  const checked = validatePack(buildDemoPack());
  if (!checked.ok) {
    const lines = checked.errors
      .slice(0, 10)
      .map((e) => `${e.kind} ${e.record} ${e.field}: ${e.reason}`);
    throw new Error(`The demo pack is invalid:\n${lines.join('\n')}`);
  }
  await storage.core.publishPack(checked.pack, { now: now.toISOString(), note: 'Demo pack' });
  await seedDemoStaff(storage, now.toISOString());
  await seedDemoNotes(storage, now);
  await seedDemoFeedback(storage, now);
  await seedDemoReviews(storage, now);
  await seedDemoAudits(storage, checked.pack, now);
  await seedDemoCustomers(storage, now);
  await seedDemoInsight(storage, checked.pack, now);
  return true;
}
