// Mystery shopping: the checklist an auditor works through at one access point, built from the
// pack's standards, and the score of a completed audit. Device and hub both use these; the hub
// rebuilds the checklist and recomputes the score itself rather than trust a device's figures.
// Free of zod: the auditor's screens import it.
import type { LocalText } from './pack/local-text.ts';
import type { Commitment, PackAccessPoint, Standard } from './pack/schema.ts';

export const AUDIT_RESULTS = ['met', 'partly', 'not-met', 'not-applicable'] as const;
export type AuditResult = (typeof AUDIT_RESULTS)[number];

/** What each answer is worth; not-applicable leaves the check out of the score. */
const POINTS: Record<Exclude<AuditResult, 'not-applicable'>, number> = {
  met: 1,
  partly: 0.5,
  'not-met': 0,
};

export interface ChecklistItem {
  /**
   * Unique within a checklist, and stable while the pack keeps the standard: `standard/check`,
   * `standard/check/service` for a check asked per service, `standard:commitment` for a
   * promise (slugs have no ":" or "/", so the three forms never collide).
   */
  id: string;
  standardId: string;
  /** The service the check is about, if any. */
  serviceId: string | null;
  prompt: LocalText;
  /** A commitment check shows the promise word for word, as the citizen should hear it. */
  promise?: LocalText;
  weight: number;
}

type Place = Pick<PackAccessPoint, 'kind' | 'faceToFaceServiceIds'>;

export function standardApplies(standard: Standard, place: Place): boolean {
  const kinds = standard.appliesTo.accessPointKinds;
  return kinds.length === 0 || kinds.includes(place.kind);
}

/**
 * The checklist for a place: every standard for its kind, its checks once per visit (or once
 * per listed service the place offers face to face), and for a standard with `commitments`,
 * one check per level-1 commitment of each service in scope. Standards come in id order (the
 * order the hub and the device both store them in), checks in the standard's own order.
 */
export function buildChecklist(
  pack: { standards: readonly Standard[]; commitments: readonly Commitment[] },
  place: Place,
): ChecklistItem[] {
  const offered = new Set(place.faceToFaceServiceIds);
  const commitmentsOf = new Map<string, Commitment[]>();
  for (const c of pack.commitments) {
    commitmentsOf.set(c.serviceId, [...(commitmentsOf.get(c.serviceId) ?? []), c]);
  }
  const items: ChecklistItem[] = [];
  const standards = [...pack.standards].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const standard of standards) {
    if (!standardApplies(standard, place)) continue;
    const listed = standard.appliesTo.serviceIds;
    const inScope = listed.length > 0 ? listed.filter((id) => offered.has(id)) : null;
    if (inScope?.length === 0) continue; // about services this place does not offer
    for (const check of standard.checks) {
      const base = { standardId: standard.id, prompt: check.prompt, weight: check.weight ?? 1 };
      if (inScope) {
        for (const serviceId of inScope) {
          items.push({ ...base, id: `${standard.id}/${check.id}/${serviceId}`, serviceId });
        }
      } else {
        items.push({ ...base, id: `${standard.id}/${check.id}`, serviceId: null });
      }
    }
    if (standard.commitments) {
      for (const serviceId of inScope ?? place.faceToFaceServiceIds) {
        for (const c of commitmentsOf.get(serviceId) ?? []) {
          items.push({
            id: `${standard.id}:${c.id}`,
            standardId: standard.id,
            serviceId,
            prompt: standard.commitments.prompt,
            promise: c.promise,
            weight: standard.commitments.weight ?? 1,
          });
        }
      }
    }
  }
  return items;
}

/**
 * An audit's score, 0–100 to one decimal: met 1, partly ½, not met 0, each times its weight,
 * over the weights of the checks that applied. Null when none did: nothing was scored.
 */
export function scoreAudit(
  items: readonly { result: AuditResult; weight?: number | undefined }[],
): number | null {
  let earned = 0;
  let possible = 0;
  for (const item of items) {
    if (item.result === 'not-applicable') continue;
    const weight = item.weight ?? 1;
    earned += POINTS[item.result] * weight;
    possible += weight;
  }
  if (possible === 0) return null;
  return Math.round((earned / possible) * 1000) / 10;
}
