// Who may make an op: the person named on it (signed in on the device with their PIN) must
// still work at the device's place and hold a role that allows the action the op's kind
// declares (MUTATIONS in src/shared/sync/mutations.ts). An op that names nobody is judged as
// a member of the public (PUBLIC_ACTIONS): never more than the least of the roles may do.
import { can } from '../../../shared/staff.ts';
import {
  MUTATIONS,
  PUBLIC_ACTIONS,
  requiredAction,
  type ValidOp,
} from '../../../shared/sync/mutations.ts';
import type { Device } from '../../platform/store/device.ts';
import { privilegedSessionDenial } from './privileged-session.ts';
import type { StaffRecord, StaffStore } from './staff-store.ts';

/** The stores this file uses. */
type Stores = { readonly staff: StaffStore };

/** Looks people up once per batch. */
export function staffLookup(storage: Stores): (id: string) => Promise<StaffRecord | null> {
  const seen = new Map<string, Promise<StaffRecord | null>>();
  return (id) => {
    let found = seen.get(id);
    if (!found) {
      found = storage.staff.findStaff(id);
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
  // A kiosk is used by the public: what it may send is declared per kind.
  if (device.mode === 'kiosk') {
    if (MUTATIONS[op.kind].kiosk === 'refused') return `a kiosk may not send ${op.kind}`;
    // Nobody signs in at a kiosk: an op naming someone did not come from its public screen.
    if (op.staffId) return 'nobody signs in at a kiosk';
  }
  if (!op.staffId) {
    return PUBLIC_ACTIONS.includes(action)
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
  return privilegedSessionDenial(person, device);
}
