// Six months of demo history for the insight dashboards, so every chart means something on
// `npm start`: contacts at every place on every channel, with a cohort of customers who came to
// the counter and then moved to the web and the phone; feedback with reasons (Central Library
// clearly best); answered 48-hour follow-ups; cases whose commitments were kept or missed (Northam's
// waste collection team struggling), some still open and at risk or breached now. Deterministic,
// and loaded in bulk so a first start stays quick. (Audits and reviews are seeded by their own
// features.)
import type { CaseDue } from '../../../shared/case.ts';
import type { Channel } from '../../../shared/channels.ts';
import { newId } from '../../../shared/ids.ts';
import type { PackContent } from '../../../shared/pack/schema.ts';
import { caseDues } from '../../../shared/routing.ts';
import type {
  CaseEventsTable,
  CasesTable,
  CommitmentResultsTable,
  ContactsTable,
  CustomersTable,
  FeedbackTable,
  FollowupsTable,
  InsightOpenDuesTable,
} from '../../platform/store/schema.ts';
import { openDueRows } from './insight-dues.ts';
import type { InsightHistory, InsightStore } from './insight-store.ts';

/** The stores this file uses. */
type Stores = { readonly insight: InsightStore };

const DAY = 86_400_000;
const DAYS = 182;
const BEST_PLACE = 'central-library';
const STRUGGLING_TEAM = 'northam-district-council/waste-collection';

const FIRST_NAMES = [
  'Ada',
  'Bilal',
  'Carys',
  'Dominik',
  'Efua',
  'Farah',
  'Gareth',
  'Hui',
  'Ieuan',
  'Joanna',
  'Kwame',
  'Lowri',
  'Marek',
  'Nia',
  'Oluwaseun',
  'Priyanka',
  'Rhys',
  'Siân',
  'Tomasz',
  'Wei',
];
const LAST_NAMES = [
  'Jones',
  'Khan',
  'Nowak',
  'Evans',
  'Mensah',
  'Hughes',
  'Chen',
  'Ahmed',
  'Williams',
  'Kowalski',
  'Okafor',
  'Price',
];
const GOOD_REASONS = ['helpful-staff', 'quick', 'problem-solved'];
const POOR_REASONS = ['waited-too-long', 'not-solved', 'unhelpful-staff'];

function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function demoInsightHistory(pack: PackContent, now: Date): InsightHistory {
  const rand = random(6);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const start = now.getTime() - DAYS * DAY;
  // Working hours on a day of the history (0 = six months ago), in the past.
  const at = (day: number) => {
    const t = start + day * DAY + (9 + rand() * 8) * 3_600_000;
    return new Date(Math.min(t, now.getTime() - 3_600_000)).toISOString();
  };
  const places = pack.accessPoints;
  const partnerOf = new Map(pack.accessPoints.map((p) => [p.id, p.partnerId]));
  const committed = new Set(pack.commitments.map((c) => c.serviceId));
  const services = pack.services.filter((s) => committed.has(s.id));
  const popular = [...services, ...pack.services.slice(0, 20)];

  const contacts: ContactsTable[] = [];
  const feedback: FeedbackTable[] = [];
  const followups: FollowupsTable[] = [];
  const contact = (day: number, place: string, channel: Channel, customerId: string | null) => {
    const service = pick(popular);
    const best = place === BEST_PLACE;
    const resolved = rand() < (best ? 0.82 : 0.6);
    const when = at(day);
    const row: ContactsTable = {
      id: newId(),
      access_point_id: place,
      device_id: 'demo-history',
      op_id: newId(),
      mode: channel === 'kiosk' ? 'kiosk' : 'counter',
      service_id: service.id,
      channel,
      tier: service.tier,
      outcome: resolved
        ? channel === 'web' || channel === 'kiosk'
          ? 'self-serve'
          : 'resolved'
        : pick(['captured', 'referred', 'booked'] as const),
      path: '[]',
      created_at: when,
      received_at: when,
      customer_id: customerId,
    };
    contacts.push(row);
    if ((channel === 'face-to-face' || channel === 'kiosk') && rand() < 0.3) {
      // Four faces: the best place is rated well far more often.
      const r = rand();
      const rating = best
        ? r < 0.7
          ? 4
          : r < 0.95
            ? 3
            : 2
        : r < 0.3
          ? 4
          : r < 0.65
            ? 3
            : r < 0.88
              ? 2
              : 1;
      feedback.push({
        id: newId(),
        contact_id: row.id,
        access_point_id: place,
        partner_id: partnerOf.get(place) ?? '',
        device_id: 'demo-history',
        op_id: newId(),
        mode: row.mode,
        service_id: service.id,
        channel,
        rating,
        reason: rand() < 0.6 ? pick(rating >= 3 ? GOOD_REASONS : POOR_REASONS) : null,
        comment: null,
        created_at: when,
        received_at: when,
      });
    }
    if (channel === 'face-to-face' && rand() < 0.08) {
      const sent = rand() < 0.9;
      const answered = sent && rand() < 0.55;
      const followupAt = new Date(Date.parse(when) + 2 * DAY).toISOString();
      followups.push({
        id: newId(),
        contact_id: row.id,
        access_point_id: place,
        partner_id: partnerOf.get(place) ?? '',
        service_id: service.id,
        channel,
        address_kind: rand() < 0.7 ? 'email' : 'sms',
        address: null,
        language: 'en',
        token_hash: newId(),
        consented_at: when,
        created_at: when,
        sent_at: sent ? followupAt : null,
        answered_at: answered ? followupAt : null,
        courteous: answered ? (rand() < (best ? 0.97 : 0.85) ? 1 : 0) : null,
        solved: answered ? (rand() < (best ? 0.85 : 0.65) ? 1 : 0) : null,
        comment: null,
      });
    }
  };

  // Everyone else: the face-to-face share falls from about 55 % to 35 % over the six months.
  for (let day = 0; day < DAYS; day++) {
    const f2f = 0.55 - (0.2 * day) / DAYS;
    for (let i = 0; i < 30; i++) {
      const r = rand();
      const channel: Channel =
        r < f2f
          ? 'face-to-face'
          : r < f2f + 0.2
            ? 'phone'
            : r < f2f + 0.38
              ? 'web'
              : r < f2f + 0.42
                ? 'kiosk'
                : pick(['email', 'letter', 'sms'] as const);
      contact(day, pick(places).id, channel, null);
    }
  }

  // The cohort: customers who consented to a record, all seen face to face in the first three
  // months; in the last three, most moved to the web or the phone.
  const customers: CustomersTable[] = [];
  for (let i = 0; i < 240; i++) {
    const id = newId();
    const first = pick(FIRST_NAMES);
    const last = pick(LAST_NAMES);
    const home = pick(places).id;
    const since = at(Math.floor(rand() * 20));
    customers.push({
      id,
      name: `${first} ${last}`,
      name_key: `${first} ${last}`.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase(),
      date_of_birth: `19${40 + Math.floor(rand() * 60)}-0${1 + Math.floor(rand() * 9)}-1${Math.floor(rand() * 9)}`,
      postcode: `${pick(['NM1', 'NM3', 'EB1', 'EB2'])} ${1 + Math.floor(rand() * 9)}AB`,
      phone: null,
      email: `${first.toLowerCase()}.${last.toLowerCase()}${i}@example.org`
        .normalize('NFD')
        .replace(/\p{M}/gu, ''),
      consented_at: since,
      created_at: since,
      updated_at: since,
      merged_into: null,
      erased_at: null,
    });
    for (let k = 0; k < 1 + Math.floor(rand() * 3); k++) {
      contact(Math.floor(rand() * 88), home, 'face-to-face', id);
    }
    const later = rand();
    const laterDay = () => 95 + Math.floor(rand() * (DAYS - 96));
    if (later < 0.45) {
      for (let k = 0; k < 1 + Math.floor(rand() * 3); k++) {
        contact(laterDay(), home, pick(['web', 'web', 'phone', 'email'] as const), id);
      }
    } else if (later < 0.65) {
      contact(laterDay(), home, 'face-to-face', id);
      contact(laterDay(), home, 'web', id);
    } else if (later < 0.85) {
      contact(laterDay(), home, 'face-to-face', id);
    }
  }

  // Cases and their commitments: most settled (kept, or missed by the struggling team); the
  // last fortnight's still open, so some are at risk or breached now.
  const cases: CasesTable[] = [];
  const caseEvents: Omit<CaseEventsTable, 'seq'>[] = [];
  const results: CommitmentResultsTable[] = [];
  const openDues: InsightOpenDuesTable[] = [];
  for (let i = 0; i < 420; i++) {
    const service = pick(services);
    const commitment = pack.commitments.find((c) => c.serviceId === service.id);
    const owner = service.delivery.default;
    const day = Math.floor((i / 420) * DAYS);
    const opened = at(day);
    const dues: CaseDue[] = caseDues(commitment, owner, new Date(opened));
    const place = pick(places).id;
    const row: CasesTable = {
      id: newId(),
      reference: `DEMO${String(i).padStart(4, '0')}`,
      type: pick(['request', 'request', 'complaint', 'enquiry'] as const),
      service_id: service.id,
      channel: pick(['face-to-face', 'phone', 'web'] as const),
      details: 'Demo history: captured at the door and routed to the owning team.',
      location: null,
      contact: null,
      author: 'Demo history',
      opened_at: opened,
      access_point_id: place,
      device_id: 'demo-history',
      op_id: newId(),
      received_at: opened,
      owner_partner_id: owner.partnerId,
      owner_team_id: owner.teamId,
      dues: JSON.stringify(dues),
      customer_id: null,
    };
    cases.push(row);
    const event = (kind: string, createdAt: string, suffix: string) =>
      caseEvents.push({
        id: `${row.id}:${suffix}`,
        case_id: row.id,
        kind,
        note: kind === 'routed' ? `${owner.partnerId}/${owner.teamId}` : null,
        step_id: null,
        reason: null,
        author: kind === 'routed' ? 'AnyDoor' : 'Demo history',
        based_on: null,
        created_at: createdAt,
        received_at: createdAt,
        device_id: 'demo-history',
        op_id: null,
      });
    event('opened', opened, 'opened');
    event('routed', opened, 'routed');
    const lastDue = dues.reduce((m, d) => (d.due > m ? d.due : m), opened);
    if (now.getTime() - Date.parse(opened) < 14 * DAY || Date.parse(lastDue) > now.getTime()) {
      openDues.push(...openDueRows(row, dues));
      continue;
    }
    const struggling = `${owner.partnerId}/${owner.teamId}` === STRUGGLING_TEAM;
    let resolvedAt = opened;
    for (const due of dues) {
      const kept = rand() < (struggling || due.owner === STRUGGLING_TEAM ? 0.45 : 0.9);
      const span = Date.parse(due.due) - Date.parse(opened);
      const done = new Date(
        Math.min(
          now.getTime() - DAY,
          kept
            ? Date.parse(opened) + span * (0.3 + 0.6 * rand())
            : Date.parse(due.due) + (0.5 + 3 * rand()) * DAY,
        ),
      ).toISOString();
      if (done > resolvedAt) resolvedAt = done;
      results.push({
        case_id: row.id,
        step_id: due.stepId,
        level: due.level,
        owner: due.owner,
        service_id: service.id,
        due: due.due,
        done_at: done,
        kept: done <= due.due ? 1 : 0,
      });
    }
    event('resolved', resolvedAt, 'resolved');
  }

  return {
    customers,
    contacts,
    feedback,
    followups,
    cases,
    caseEvents,
    commitmentResults: results,
    openDues,
  };
}

/** Seeds the history once, with the demo pack (called at the end of seedDemoData). */
export async function seedDemoInsight(storage: Stores, pack: PackContent, now: Date) {
  await storage.insight.insertInsightHistory(demoInsightHistory(pack, now));
}
