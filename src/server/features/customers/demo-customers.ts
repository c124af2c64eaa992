// Demo data for the single customer view: about forty citizens who agreed to one record across
// services, each with cases and contacts at several doors over the last six months. A few were
// recorded twice by different doors (Katarzyna and "Kasia" Nowak, O'Brien and OBrien, Robert
// and Bob Taylor, Mohammed and Muhammad Ali) so staff have likely duplicates to decide on, and
// one asked to be erased. Everything goes through applyOps, as a device's writes would.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Channel } from '../../../shared/channels.ts';
import type { ContactOutcome } from '../../../shared/contact.ts';
import { newId } from '../../../shared/ids.ts';
import { newReference } from '../../../shared/reference.ts';
import type { ValidOp } from '../../../shared/sync/mutations.ts';
import type { CoreStore } from '../../platform/store/core-store.ts';
import type { Device } from '../../platform/store/device.ts';
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
  /** Asked to be erased: the record stays, empty, and the figures with it. */
  erase?: boolean;
}

/**
 * The people, as data anyone can edit (content/demo/customers.json). Phone numbers are in
 * Ofcom's drama range (07700 900000–900999), emails at example.org.
 */
function demoPeople(): DemoPerson[] {
  const file = new URL('../../../../content/demo/customers.json', import.meta.url);
  return JSON.parse(readFileSync(file, 'utf8')) as DemoPerson[];
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

  for (const [index, person] of demoPeople().entries()) {
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
    if (person.erase) {
      await storage.customers.eraseCustomer({ id: customer.id, viewer, now: now.toISOString() });
    }
  }
}
