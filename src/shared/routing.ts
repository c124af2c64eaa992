// Who must respond to a case, and by when: decided from the pack when the hub receives it.
import type { CaseDue } from './case.ts';
import type { Commitment, Owner, Service } from './pack/schema.ts';
import { addWorkingTime } from './working-time.ts';

/** The owning team: by postcode area where the pack says so, else the service's default. */
export function routeCase(service: Service, postcode: string | undefined): Owner {
  const outward = postcode?.toUpperCase().replace(/\s+/g, ' ').split(' ')[0] ?? '';
  const area = service.delivery.byArea?.find((a) =>
    a.postcodePrefixes.some(
      (prefix) => outward === prefix || (outward.startsWith(prefix) && !/\d/.test(prefix)),
    ),
  );
  return area ? area.owner : service.delivery.default;
}

export const ownerKey = (owner: Owner): string => `${owner.partnerId}/${owner.teamId}`;

/**
 * The level-1 promise (stepId "promise") and each level-2/3 step, due from `received`.
 * A step owned by a role belongs to the case's owning team.
 */
export function caseDues(
  commitment: Commitment | undefined,
  owner: Owner,
  received: Date,
): CaseDue[] {
  if (!commitment) return [];
  return [
    {
      stepId: 'promise',
      level: 1,
      owner: ownerKey(owner),
      due: addWorkingTime(received, commitment.target).toISOString(),
    },
    ...commitment.steps.map((step) => ({
      stepId: step.id,
      level: step.level,
      owner: 'partnerId' in step.owner ? ownerKey(step.owner) : ownerKey(owner),
      due: addWorkingTime(received, step.target).toISOString(),
    })),
  ];
}
