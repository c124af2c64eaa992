// Who owns something, as people name it: "Northam District Council — Waste collection", never
// "northam-district-council/waste-collection". Partners and their teams come from the pack the
// device holds; an owner it does not know keeps its id (better than nothing, and rare).
import type { LocalText } from '../../shared/pack/local-text.ts';
import type { Owner, Partner } from '../../shared/pack/schema.ts';

type Local = (value: LocalText | undefined) => string;

/** An owner ("partner/team" or {partnerId, teamId}) by name; the team alone with `teamOnly`. */
export function ownerName(
  partners: readonly Partner[] | undefined,
  local: Local,
  owner: Owner | string,
  teamOnly = false,
): string {
  const [partnerId = '', teamId = ''] =
    typeof owner === 'string' ? owner.split('/') : [owner.partnerId, owner.teamId];
  const partner = partners?.find((p) => p.id === partnerId);
  const team = partner?.teams.find((tm) => tm.id === teamId);
  const teamName = team ? local(team.name) : teamId;
  if (teamOnly) return teamName;
  if (!partner) return teamId ? `${partnerId} — ${teamId}` : partnerId;
  return teamId ? `${local(partner.name)} — ${teamName}` : local(partner.name);
}

/** A partner by name. */
export function partnerName(
  partners: readonly Partner[] | undefined,
  local: Local,
  partnerId: string,
): string {
  const partner = partners?.find((p) => p.id === partnerId);
  return partner ? local(partner.name) : partnerId;
}
