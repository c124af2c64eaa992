// Demo content for a first start: a handful of real-looking access points and the contact
// notes a week at their counters might leave. The franchise pack issue replaces the places.
import { seedDemoAudits } from './features/audits/demo-audits.ts';
import { seedDemoCustomers } from './features/customers/demo-customers.ts';
import { seedDemoStaff } from './features/staff/demo-staff.ts';
import { seedDemoFeedback } from './features/feedback/demo-feedback.ts';
import { seedDemoReviews } from './features/reviews/demo-reviews.ts';
import { seedDemoInsight } from './features/insight/demo-insight.ts';
import { randomUUID } from 'node:crypto';
import { directoryEntryOf, type AccessPoint } from '../shared/access-point.ts';
import type { Channel } from '../shared/channels.ts';
import { newId } from '../shared/ids.ts';
import type { ValidOp } from '../shared/sync/mutations.ts';
import { validatePack } from '../shared/pack/validate-pack.ts';
import { packAccessPoint } from '../shared/pack/schema.ts';
import type { Storage } from './storage.ts';
import { buildDemoPack, readDemoContent } from './features/pack/build-demo-pack.ts';

/** The places devices can be enrolled to: the demo pack's access points. */
export const DEMO_ACCESS_POINTS: AccessPoint[] = readDemoContent().accessPoints.map((ap) =>
  directoryEntryOf(packAccessPoint.parse(ap)),
);

export const DEMO_NOTES: {
  ap: string;
  staff: string;
  service: string;
  channel: Channel;
  note: string;
}[] = [
  {
    ap: 'central-library',
    staff: 'Priya Shah',
    service: 'Missed bin collection',
    channel: 'face-to-face',
    note: 'Green bin missed twice on Elm Close; reported and gave the reference.',
  },
  {
    ap: 'central-library',
    staff: 'Priya Shah',
    service: 'Blue badge application',
    channel: 'face-to-face',
    note: 'Helped scan proof of address; applicant will bring photo next week.',
  },
  {
    ap: 'central-library',
    staff: 'Tom Evans',
    service: 'Library card',
    channel: 'face-to-face',
    note: 'New card issued, Polish-language leaflet given.',
  },
  {
    ap: 'riverside-health-centre',
    staff: 'Grace Okafor',
    service: 'Council tax reduction',
    channel: 'face-to-face',
    note: 'Signposted to benefits advice session on Thursday.',
  },
  {
    ap: 'riverside-health-centre',
    staff: 'Grace Okafor',
    service: 'Register a death',
    channel: 'phone',
    note: 'Explained Tell Us Once; booked registrar appointment.',
  },
  {
    ap: 'market-street-post-office',
    staff: 'Dev Patel',
    service: "Older person's bus pass",
    channel: 'face-to-face',
    note: 'Checked eligibility, form completed at the counter.',
  },
  {
    ap: 'civic-centre',
    staff: 'Alun Morgan',
    service: 'Housing repair',
    channel: 'phone',
    note: 'Damp in bedroom; tenant asked for a visit in the mornings.',
  },
  {
    ap: 'civic-centre',
    staff: 'Alun Morgan',
    service: 'Pothole',
    channel: 'face-to-face',
    note: 'Large pothole outside 14 Mill Lane; photo taken by the citizen.',
  },
  {
    ap: 'mobile-library-2',
    staff: 'Sam Lee (volunteer)',
    service: 'Fly-tipping',
    channel: 'face-to-face',
    note: 'Mattress dumped by the Brook End bus shelter.',
  },
];

/**
 * Seeds an empty store: publishes the demo franchise pack as version 1 (which also lists the
 * access points) and a week of contact notes. A store with a published pack is left alone.
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
  for (const [index, note] of DEMO_NOTES.entries()) {
    // Notes flow through the same path as a device's, so they land in the change feed too.
    const seedDevice = {
      id: randomUUID(),
      accessPointId: note.ap,
      name: 'Demo history',
      enrolledAt: now.toISOString(),
      revokedAt: now.toISOString(),
      mode: 'counter' as const,
    };
    const createdAt = new Date(now.getTime() - (DEMO_NOTES.length - index) * 5.5 * 3600_000);
    const op: ValidOp = {
      id: newId(),
      deviceId: seedDevice.id,
      kind: 'contactNote.create',
      clientTime: createdAt.toISOString(),
      payload: {
        id: newId(),
        staffName: note.staff,
        serviceName: note.service,
        channel: note.channel,
        note: note.note,
        createdAt: createdAt.toISOString(),
      },
    };
    await storage.core.applyOps(seedDevice, [op], createdAt.toISOString());
  }
  await seedDemoFeedback(storage, now);
  await seedDemoReviews(storage, now);
  await seedDemoAudits(storage, checked.pack, now);
  await seedDemoCustomers(storage, now);
  await seedDemoInsight(storage, checked.pack, now);
  return true;
}
