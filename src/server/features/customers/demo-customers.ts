// Demo data for the single customer view: about forty citizens who agreed to one record across
// services, each with cases and contacts at several doors over the last six months. A few were
// recorded twice by different doors (Katarzyna and "Kasia" Nowak, O'Brien and OBrien, Robert
// and Bob Taylor, Mohammed and Muhammad Ali) so staff have likely duplicates to decide on, and
// one asked to be erased. Everything goes through applyOps, as a device's writes would.
import { randomUUID } from 'node:crypto';
import type { Channel } from '../../../shared/channels.ts';
import type { ContactOutcome } from '../../../shared/contact.ts';
import { newId } from '../../../shared/ids.ts';
import { newReference } from '../../../shared/reference.ts';
import type { ValidOp } from '../../../shared/sync/mutations.ts';
import type { Device, CoreStore } from '../../platform/store/core-store.ts';
import type { CustomerStore } from './customer-store.ts';

/** The stores this file uses. */
type Stores = { readonly core: CoreStore; readonly customers: CustomerStore };

interface DemoPerson {
  name: string;
  dateOfBirth?: string;
  phone?: string;
  email?: string;
  postcode: string;
  /** The doors this person uses, the first most. */
  doors: string[];
}

// Phone numbers in Ofcom's drama range (07700 900000–900999); emails at example.org.
const PEOPLE: DemoPerson[] = [
  // Likely duplicates, each pair recorded by two doors.
  {
    name: 'Katarzyna Nowak',
    dateOfBirth: '1988-05-14',
    phone: '07700 900456',
    email: 'k.nowak@example.org',
    postcode: 'NM2 6RS',
    doors: ['civic-centre', 'central-library'],
  },
  {
    name: 'Kasia Nowak',
    dateOfBirth: '1988-05-14',
    phone: '+44 7700 900456',
    postcode: 'NM2 6RS',
    doors: ['civic-centre', 'age-uk-shop-northam'],
  },
  {
    name: "Sean O'Brien",
    dateOfBirth: '1975-11-02',
    phone: '07700 900311',
    postcode: 'NM1 4QP',
    doors: ['civic-centre'],
  },
  {
    name: 'Sean OBrien',
    dateOfBirth: '1975-11-02',
    postcode: 'NM1 4QP',
    doors: ['central-library', 'civic-centre'],
  },
  {
    name: 'Robert Taylor',
    email: 'bob.taylor@example.org',
    postcode: 'NM4 8JJ',
    doors: ['civic-centre', 'riverside-health-centre'],
  },
  {
    name: 'Bob Taylor',
    email: 'Bob.Taylor@example.org',
    phone: '07700 900622',
    postcode: 'NM4 8JJ',
    doors: ['market-street-post-office', 'civic-centre'],
  },
  {
    name: 'Mohammed Ali',
    dateOfBirth: '1969-02-20',
    phone: '07700 900733',
    postcode: 'EB2 4TU',
    doors: ['eastbury-town-hall', 'citizens-advice-shop-eastbury'],
  },
  {
    name: 'Muhammad Ali',
    dateOfBirth: '1969-02-20',
    phone: '07700900733',
    postcode: 'EB2 4TU',
    doors: ['eastbury-library', 'eastbury-town-hall'],
  },
  // Everyone else: one record each.
  p('Ada Jones', '1941-08-30', '07700 900123', null, 'NM8 2LP', [
    'mobile-library-2',
    'civic-centre',
  ]),
  p('Wei Chen', '1990-01-12', '07700 900101', 'wei.chen@example.org', 'EB1 3GH', [
    'eastbury-library',
    'eastbury-town-hall',
  ]),
  p('Fatima Hussain', '1983-07-04', '07700 900102', null, 'NM3 4CD', [
    'riverside-health-centre',
    'civic-centre',
  ]),
  p('Olumide Adeyemi', '1979-03-22', null, 'olu.adeyemi@example.org', 'NM1 2AB', [
    'central-library',
    'civic-centre',
  ]),
  p('Siân Evans', '1956-12-01', '07700 900104', null, 'NM7 9QT', ['ashby-surgery', 'civic-centre']),
  p('Rhys Williams', '1995-06-18', '07700 900105', 'rhys.w@example.org', 'NM2 1AX', [
    'civic-centre',
  ]),
  p('Aisha Begum', '1987-09-09', '07700 900106', null, 'EB1 5EF', [
    'market-street-post-office',
    'eastbury-town-hall',
  ]),
  p('Tomasz Kowalski', '1984-04-27', '07700 900107', 'tomasz.k@example.org', 'NM3 7HT', [
    'civic-centre',
    'central-library',
  ]),
  p('Agnieszka Wiśniewska', '1992-10-15', '07700 900108', null, 'NM2 6RS', [
    'age-uk-shop-northam',
    'civic-centre',
  ]),
  p('Li Na', '1968-02-02', null, 'li.na@example.org', 'EB3 7XY', ['eastbury-library']),
  p('Chloé Martin', '2001-05-30', '07700 900110', null, 'NM1 1AA', ['central-library']),
  p('Priyanka Patel', '1977-11-11', '07700 900111', 'priyanka.p@example.org', 'EB2 4TU', [
    'citizens-advice-shop-eastbury',
    'eastbury-town-hall',
  ]),
  p('David Brown', '1949-01-25', '07700 900112', null, 'NM8 2LP', [
    'brook-end-post-office',
    'mobile-library-2',
  ]),
  p('Margaret Wilson', '1938-06-06', '07700 900113', null, 'NM7 3DF', [
    'mobile-library-1',
    'ashby-surgery',
  ]),
  p('Ioana Popescu', '1991-08-19', '07700 900114', 'ioana.p@example.org', 'EB1 1AA', [
    'eastbury-town-hall',
  ]),
  p('Omar Farouk', '1986-12-24', '07700 900115', null, 'NM3 4CD', [
    'riverside-health-centre',
    'civic-centre',
  ]),
  p('Grace Okonkwo', '1972-03-03', '07700 900116', 'grace.ok@example.org', 'NM1 2AB', [
    'central-library',
    'civic-centre',
  ]),
  p('Emily Clarke', '1998-07-21', null, 'emily.clarke@example.org', 'EB5 1QA', [
    'eastbury-library',
    'citizens-advice-shop-eastbury',
  ]),
  p('James Smith', '1963-10-10', '07700 900118', null, 'NM4 8JJ', ['civic-centre']),
  p('Zoë Hughes', '1985-02-14', '07700 900119', 'zoe.hughes@example.org', 'NM2 1AX', [
    'civic-centre',
    'riverside-health-centre',
  ]),
  p('Hamza Khan', '1993-09-30', '07700 900120', null, 'EB1 5EF', [
    'market-street-post-office',
    'eastbury-town-hall',
  ]),
  p('Niamh Kelly', '1980-04-08', '07700 900121', 'niamh.k@example.org', 'NM1 4QP', [
    'civic-centre',
  ]),
  p('Yusuf Demir', '1975-05-05', '07700 900122', null, 'EB2 4TU', [
    'citizens-advice-shop-eastbury',
  ]),
  p('Mei Ling Wong', '1959-11-29', null, 'meiling.wong@example.org', 'NM3 7HT', [
    'central-library',
    'civic-centre',
  ]),
  p('Ewa Zielińska', '1989-01-17', '07700 900124', null, 'NM2 6RS', ['age-uk-shop-northam']),
  p('George Thomas', '1944-03-12', '07700 900125', null, 'NM7 9QT', [
    'ashby-surgery',
    'mobile-library-1',
  ]),
  p('Hannah Lewis', '1997-12-03', '07700 900126', 'hannah.l@example.org', 'EB1 3GH', [
    'eastbury-library',
  ]),
  p('Samuel Osei', '1982-08-08', '07700 900127', null, 'NM1 2AB', ['civic-centre']),
  p('Layla Haddad', '1994-06-25', '07700 900128', 'layla.h@example.org', 'EB1 1AA', [
    'eastbury-town-hall',
    'eastbury-library',
  ]),
  // Asked to be erased (see below): the record stays, empty, and the figures with it.
  p('Gareth Morris', '1966-09-14', '07700 900129', 'g.morris@example.org', 'NM4 8JJ', [
    'civic-centre',
  ]),
];

function p(
  name: string,
  dateOfBirth: string,
  phone: string | null,
  email: string | null,
  postcode: string,
  doors: string[],
): DemoPerson {
  return {
    name,
    dateOfBirth,
    postcode,
    doors,
    ...(phone ? { phone } : {}),
    ...(email ? { email } : {}),
  };
}

const CASE_SERVICES = [
  'missed-bin-collection',
  'housing-repair',
  'council-tax-reduction',
  'benefits-advice',
  'resident-parking-permit',
  'free-school-meals',
  'debt-advice',
];
const CONTACT_SERVICES = [
  'council-tax-payment',
  'missed-bin-collection',
  'resident-parking-permit',
  'benefits-advice',
  'housing-repair',
  'council-tax-discount',
];
const CHANNELS: Channel[] = ['face-to-face', 'face-to-face', 'phone', 'web', 'email'];
const OUTCOMES: ContactOutcome[] = ['resolved', 'resolved', 'referred', 'booked', 'captured'];
const DETAILS = [
  'Asked for an update and a call back in the mornings.',
  'Needs help filling in the form; brought proof of address.',
  'Reported again: the problem is still there after two weeks.',
  'Wants the letter in large print.',
  'Would prefer contact by email from now on.',
];
/** The franchisor's administrator links the demo records (she may see every partner's). */
const LINKED_BY = 'alex-morgan';
const DAY = 86_400_000;

/** A small deterministic generator, so every demo start has the same history. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

export async function seedDemoCustomers(storage: Stores, now = new Date()): Promise<void> {
  const services = new Map(
    (await storage.core.listPackRecords('services')).map((s) => [s.id, s] as const),
  );
  const caseServices = CASE_SERVICES.filter((id) => services.has(id));
  const contactServices = CONTACT_SERVICES.filter((id) => services.has(id));
  if (caseServices.length === 0 || contactServices.length === 0) return;
  const places = new Set((await storage.core.listAccessPoints()).map((ap) => ap.id));
  const next = random(20_261_123);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const devices = new Map<string, Device>();
  const deviceAt = (accessPointId: string): Device => {
    let device = devices.get(accessPointId);
    if (!device) {
      device = {
        id: randomUUID(),
        accessPointId,
        name: 'Demo history',
        enrolledAt: now.toISOString(),
        revokedAt: now.toISOString(),
        mode: 'counter',
      };
      devices.set(accessPointId, device);
    }
    return device;
  };
  const apply = async (door: string, at: Date, op: Omit<ValidOp, 'deviceId' | 'clientTime'>) => {
    const device = deviceAt(door);
    const [result] = await storage.core.applyOps(
      device,
      [{ ...op, deviceId: device.id, clientTime: at.toISOString() } as ValidOp],
      at.toISOString(),
    );
    return result?.status === 'applied';
  };
  const viewer = { staffId: LINKED_BY, partnerId: null };

  for (const [index, person] of PEOPLE.entries()) {
    const doors = person.doors.filter((d) => places.has(d));
    if (doors.length === 0) continue;
    // First seen between six months and a month ago.
    let at = new Date(now.getTime() - (180 - Math.floor(next() * 150)) * DAY);
    const caseId = newId();
    const opened = await apply(doors[0] ?? '', at, {
      id: newId(),
      kind: 'case.open',
      payload: {
        id: caseId,
        reference: newReference(),
        type: pick(['request', 'request', 'enquiry', 'complaint'] as const),
        serviceId: pick(caseServices),
        channel: 'face-to-face',
        details: pick(DETAILS),
        location: { postcode: person.postcode },
        contact: {
          name: person.name,
          ...(person.phone ? { phone: person.phone } : {}),
          ...(person.email ? { email: person.email } : {}),
          ...(person.dateOfBirth ? { dateOfBirth: person.dateOfBirth } : {}),
          postcode: person.postcode,
          consent: true,
          keepRecord: true,
        },
        author: 'Demo history',
        openedAt: at.toISOString(),
      },
    });
    if (!opened) continue;
    const found = await storage.customers.searchCustomers(
      person.phone ? { phone: person.phone } : person.email ? { email: person.email } : {},
      viewer,
    );
    const customer = found.ok
      ? found.value.find((c) => c.name === person.name && c.postcode === person.postcode)
      : undefined;
    if (!customer) continue;
    // Older cases were settled.
    if (now.getTime() - at.getTime() > 40 * DAY) {
      await apply(doors[0] ?? '', new Date(at.getTime() + 6 * DAY), {
        id: newId(),
        kind: 'case.event',
        payload: {
          id: newId(),
          caseId,
          kind: 'resolved',
          author: 'Demo history',
          basedOn: null,
          createdAt: new Date(at.getTime() + 6 * DAY).toISOString(),
        },
      });
    }
    // Then two to five visits or calls, some at other doors, the later ones more often online.
    const visits = 2 + Math.floor(next() * 4);
    for (let v = 0; v < visits; v++) {
      at = new Date(Math.min(now.getTime() - DAY, at.getTime() + (5 + next() * 30) * DAY));
      const serviceId = pick(contactServices);
      await apply(pick(doors), at, {
        id: newId(),
        staffId: LINKED_BY,
        kind: 'contact.record',
        payload: {
          id: newId(),
          serviceId,
          channel: v >= 2 && next() < 0.5 ? 'web' : pick(CHANNELS),
          tier: services.get(serviceId)?.tier ?? 1,
          outcome: pick(OUTCOMES),
          path: [],
          createdAt: at.toISOString(),
          customerId: customer.id,
        },
      });
    }
    // Every fourth person came back with another matter, at another door, and it joined the record.
    if (index % 4 === 0 && doors.length > 1) {
      at = new Date(Math.min(now.getTime() - DAY, at.getTime() + 3 * DAY));
      await apply(doors[1] ?? '', at, {
        id: newId(),
        staffId: LINKED_BY,
        kind: 'case.open',
        payload: {
          id: newId(),
          reference: newReference(),
          type: 'request',
          serviceId: pick(caseServices),
          channel: 'face-to-face',
          details: pick(DETAILS),
          location: { postcode: person.postcode },
          author: 'Demo history',
          openedAt: at.toISOString(),
          customerId: customer.id,
        },
      });
    }
    if (person.name === 'Gareth Morris') {
      await storage.customers.eraseCustomer({ id: customer.id, viewer, now: now.toISOString() });
    }
  }
}
