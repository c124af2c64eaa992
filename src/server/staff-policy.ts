// Who may make an op: the person named on it (signed in on the device with their PIN) must
// still work at the device's place and hold a role that allows the action. Work that only an
// owning team may do needs such a person; serving at a door does not (a kiosk has no staff).
import { can, type Action } from '../shared/staff.ts';
import type { ValidOp } from '../shared/sync/mutations.ts';
import type { StaffRecord } from './storage/staff-store.ts';
import type { Device, Storage } from './storage/storage.ts';

/** What a device may do with nobody signed in: serve, capture, note, keep its local pages. */
const WITHOUT_STAFF: readonly Action[] = ['serve', 'case.capture', 'case.note', 'pages.edit'];

export function requiredAction(op: ValidOp): Action {
  switch (op.kind) {
    case 'case.event':
      if (op.payload.kind === 'escalated') return 'case.escalate';
      if (op.payload.kind === 'note') return 'case.note';
      return 'case.work';
    case 'case.open':
      return op.payload.customerId ? 'customers.view' : 'case.capture';
    case 'localPage.save':
      return 'pages.edit';
    case 'training.complete':
      return 'training.view';
    case 'audit.submit':
      return 'audit';
    case 'contact.record':
      // Naming a customer record is looking the person up: the single customer view's right.
      return op.payload.customerId ? 'customers.view' : 'serve';
    default:
      return 'serve';
  }
}

/** Looks people up once per batch. */
export function staffLookup(storage: Storage): (id: string) => Promise<StaffRecord | null> {
  const seen = new Map<string, Promise<StaffRecord | null>>();
  return (id) => {
    let found = seen.get(id);
    if (!found) {
      found = storage.findStaff(id);
      seen.set(id, found);
    }
    return found;
  };
}

/** Null when allowed, else the reason the op is refused (shown to the person on the device). */
export async function denial(
  op: ValidOp,
  device: Device,
  lookup: (id: string) => Promise<StaffRecord | null>,
): Promise<string | null> {
  const action = requiredAction(op);
  // A kiosk is used by the public: it never takes anyone's contact details.
  if (op.kind === 'followup.consent' && device.mode === 'kiosk') {
    return 'a kiosk does not take contact details';
  }
  if (!op.staffId) {
    return WITHOUT_STAFF.includes(action)
      ? null
      : 'this needs a signed-in member of staff whose role allows it';
  }
  const person = await lookup(op.staffId);
  if (!person) return `no member of staff is called ${op.staffId}`;
  if (person.revokedAt) return `${person.name}’s access was withdrawn`;
  if (!person.accessPointIds.includes(device.accessPointId)) {
    return `${person.name} does not work at this place`;
  }
  if (!can(person.role, action)) return `a ${person.role} may not do this (${action})`;
  if (op.kind === 'training.complete' && op.payload.staffId !== person.id) {
    return 'people complete their own training';
  }
  return null;
}
