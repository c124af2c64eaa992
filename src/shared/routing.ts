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
 * A step owned by a role belongs to the case's owning team, and so does a step owned by the
 * service's default partner when the case was routed by area to another partner: Eastbury's
 * missed bins are Eastbury's to collect, whoever delivers the service elsewhere.
 */
export function caseDues(
  commitment: Commitment | undefined,
  owner: Owner,
  received: Date,
  defaultOwner: Owner = owner,
): CaseDue[] {
  if (!commitment) return [];
  const stepOwner = (step: Commitment['steps'][number]) =>
    !('partnerId' in step.owner) ||
    (step.owner.partnerId === defaultOwner.partnerId && owner.partnerId !== defaultOwner.partnerId)
      ? ownerKey(owner)
      : ownerKey(step.owner);
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
      owner: stepOwner(step),
      due: addWorkingTime(received, step.target).toISOString(),
    })),
  ];
}
