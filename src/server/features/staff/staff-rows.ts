// A person's record as the hub reads it, and the copies of it each reader gets: their places'
// devices, the studio and the admin log (never the verifier where it does not belong).
import { isPrivileged, type PinHash, type StaffMember } from '../../../shared/staff.ts';
import type { StaffTable } from '../../platform/store/schema.ts';

export interface StaffRecord extends StaffMember {
  pin: PinHash;
  revokedAt: string | null;
  /**
   * Privileged people only (findStaff): when they last opened a hub session on each device,
   * by device id (hub time). The sync's op check reads it (privileged-session.ts).
   */
  hubSignIns?: Readonly<Record<string, string>>;
}

/** A person as their places' devices receive them: no verifier for a privileged person. */
export function deviceCopy(member: StaffMember): StaffMember {
  return isPrivileged(member.role) ? { ...member, pin: null } : member;
}

export function toStaff(row: StaffTable): StaffRecord {
  return {
    id: row.id,
    name: row.name,
    role: row.role as StaffMember['role'],
    partnerId: row.partner_id,
    teamIds: JSON.parse(row.team_ids) as string[],
    accessPointIds: JSON.parse(row.access_point_ids) as string[],
    pin: JSON.parse(row.pin) as PinHash,
    revokedAt: row.revoked_at,
  };
}

/** Who a person is and where they work: their record without the verifier or anything else. */
export function profileOf(person: StaffMember): Omit<StaffMember, 'pin'> {
  return {
    id: person.id,
    name: person.name,
    role: person.role,
    partnerId: person.partnerId,
    teamIds: person.teamIds,
    accessPointIds: person.accessPointIds,
  };
}

/** A person as the admin log keeps them: everything but the verifier. */
export function logCopy(person: StaffMember & { revokedAt?: string | null }) {
  return { ...profileOf(person), revokedAt: person.revokedAt ?? null };
}
