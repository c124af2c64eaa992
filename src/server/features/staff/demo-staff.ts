// The demo's staff and volunteers, one or more at every kind of door, in every role. Their PINs
// are printed by `npm start` and used by the end-to-end tests: demo data only. The privileged
// (isPrivileged in staff.ts) have longer secrets: a passphrase, and ten digits.
import { hashPin, type PinHash, type StaffMember } from '../../../shared/staff.ts';
import type { StaffStore } from './staff-store.ts';

/** The stores this file uses. */
type Stores = { readonly staff: StaffStore };

export interface DemoStaff extends Omit<StaffMember, 'pin'> {
  pin: string;
}

export const DEMO_STAFF: DemoStaff[] = [
  {
    id: 'alex-morgan',
    name: 'Alex Morgan',
    role: 'franchisor-admin',
    partnerId: null,
    teamIds: [],
    accessPointIds: ['central-library', 'civic-centre', 'eastbury-town-hall'],
    pin: 'open-every-door-24',
  },
  {
    id: 'ruth-hale',
    name: 'Ruth Hale',
    role: 'auditor',
    partnerId: null,
    teamIds: [],
    accessPointIds: ['central-library', 'riverside-health-centre', 'market-street-post-office'],
    pin: '124578',
  },
  {
    id: 'priya-shah',
    name: 'Priya Shah',
    role: 'partner-manager',
    partnerId: 'northam-district-council',
    teamIds: ['customer-services', 'waste-collection', 'street-scene'],
    accessPointIds: ['civic-centre'],
    pin: '2468024680',
  },
  {
    id: 'alun-davies',
    name: 'Alun Davies',
    role: 'back-office',
    partnerId: 'northam-district-council',
    teamIds: ['waste-collection', 'street-scene'],
    accessPointIds: ['civic-centre'],
    pin: '246813',
  },
  {
    id: 'grace-obi',
    name: 'Grace Obi',
    role: 'back-office',
    partnerId: 'eastbury-borough-council',
    teamIds: [],
    accessPointIds: ['eastbury-town-hall'],
    pin: '579135',
  },
  {
    id: 'tom-evans',
    name: 'Tom Evans',
    role: 'counter',
    partnerId: 'northshire-county-council',
    teamIds: [],
    accessPointIds: ['central-library', 'eastbury-library'],
    pin: '357913',
  },
  {
    id: 'sam-lee',
    name: 'Sam Lee',
    role: 'volunteer',
    partnerId: 'northshire-county-council',
    teamIds: [],
    accessPointIds: ['mobile-library-1', 'mobile-library-2'],
    pin: '468024',
  },
  {
    id: 'nadia-khan',
    name: 'Nadia Khan',
    role: 'counter',
    partnerId: 'nhs-northshire',
    teamIds: [],
    accessPointIds: ['riverside-health-centre', 'ashby-surgery'],
    pin: '680246',
  },
  {
    id: 'jo-wright',
    name: 'Jo Wright',
    role: 'counter',
    partnerId: 'post-office-ltd',
    teamIds: [],
    accessPointIds: ['market-street-post-office', 'brook-end-post-office'],
    pin: '791357',
  },
  {
    id: 'maria-nowak',
    name: 'Maria Nowak',
    role: 'volunteer',
    partnerId: 'age-uk-northshire',
    teamIds: [],
    accessPointIds: ['age-uk-shop-northam'],
    pin: '802468',
  },
  {
    id: 'ben-carter',
    name: 'Ben Carter',
    role: 'counter',
    partnerId: 'citizens-advice-northshire',
    teamIds: [],
    accessPointIds: ['citizens-advice-shop-eastbury'],
    pin: '913579',
  },
];

// Hashing is slow on purpose; tests start many hubs, so each PIN is hashed once per process.
const hashed = new Map<string, Promise<PinHash>>();

export async function seedDemoStaff(storage: Stores, now: string): Promise<void> {
  for (const { pin, ...member } of DEMO_STAFF) {
    let hash = hashed.get(pin);
    if (!hash) {
      hash = hashPin(pin);
      hashed.set(pin, hash);
    }
    await storage.staff.upsertStaff({ ...member, pin: await hash }, now);
  }
}
