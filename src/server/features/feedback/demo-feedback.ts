// Demo follow-ups: a handful of citizens who, in the last two days, agreed at a counter to a
// short survey. On `npm start` the follow-up sender writes their messages to the outbox file
// (see main.ts), so the survey links can be opened and answered straight away. The months of
// historical feedback the dashboards show are seeded by demo-insight.ts.
import { randomUUID } from 'node:crypto';
import type { FollowupAddressKind } from '../../../shared/feedback.ts';
import { newId } from '../../../shared/ids.ts';
import type { PackLanguage } from '../../../shared/pack/local-text.ts';
import type { ValidOp } from '../../../shared/sync/mutations.ts';
import type { CoreStore } from '../../platform/store/core-store.ts';

/** The stores this file uses. */
type Stores = { readonly core: CoreStore };

const DEMO_FOLLOWUPS: {
  ap: string;
  service: string;
  kind: FollowupAddressKind;
  /** Ofcom's drama numbers and example.org addresses: nobody real. */
  address: string;
  language: PackLanguage;
  hoursAgo: number;
}[] = [
  {
    ap: 'central-library',
    service: 'blue-badge',
    kind: 'email',
    address: 'j.morris@example.org',
    language: 'en',
    hoursAgo: 2,
  },
  {
    ap: 'central-library',
    service: 'missed-bin-collection',
    kind: 'sms',
    address: '+447700900401',
    language: 'pl',
    hoursAgo: 7,
  },
  {
    ap: 'civic-centre',
    service: 'council-tax-discount',
    kind: 'email',
    address: 'rhian.p@example.org',
    language: 'cy',
    hoursAgo: 20,
  },
  {
    ap: 'riverside-health-centre',
    service: 'blue-badge',
    kind: 'sms',
    address: '+447700900402',
    language: 'ar',
    hoursAgo: 31,
  },
  {
    ap: 'market-street-post-office',
    service: 'council-tax-payment',
    kind: 'email',
    address: 'wei.chen@example.org',
    language: 'zh-Hans',
    hoursAgo: 44,
  },
];

/** Applies the consents through the same path as a counter's ops (the hub's clock is `now`). */
export async function seedDemoFeedback(storage: Stores, now = new Date()): Promise<void> {
  for (const demo of DEMO_FOLLOWUPS) {
    const at = new Date(now.getTime() - demo.hoursAgo * 3600_000).toISOString();
    const device = {
      id: randomUUID(),
      accessPointId: demo.ap,
      name: 'Demo history',
      enrolledAt: at,
      revokedAt: at,
      mode: 'counter' as const,
    };
    const op: ValidOp = {
      id: newId(),
      deviceId: device.id,
      kind: 'followup.consent',
      clientTime: at,
      payload: {
        id: newId(),
        serviceId: demo.service,
        channel: 'face-to-face',
        addressKind: demo.kind,
        address: demo.address,
        language: demo.language,
        consent: true,
        createdAt: at,
      },
    };
    await storage.core.applyOps(device, [op], at);
  }
}
