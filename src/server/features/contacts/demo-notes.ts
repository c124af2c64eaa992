// A week of contact notes at the demo's counters, through the same path as a device's (so they
// land in the change feed too).
import { randomUUID } from 'node:crypto';
import type { Channel } from '../../../shared/channels.ts';
import { newId } from '../../../shared/ids.ts';
import type { ValidOp } from '../../../shared/sync/mutations.ts';
import type { CoreStore } from '../../platform/store/core-store.ts';

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

export async function seedDemoNotes(
  storage: { readonly core: CoreStore },
  now: Date,
): Promise<void> {
  for (const [index, note] of DEMO_NOTES.entries()) {
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
}
