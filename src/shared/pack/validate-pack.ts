// Whole-pack validation before publishing: every record's shape, unique ids, every reference
// between records, and every process map's graph. Returns every error, not the first.
import { z } from 'zod';
import { checkProcessMap } from './process-map.ts';
import {
  PACK_KINDS,
  packRecordSchemas,
  type Owner,
  type PackContent,
  type PackKind,
} from './schema.ts';

export interface PackError {
  kind: PackKind | 'pack';
  /** The record's id, or its position when it has no readable id. */
  record: string;
  field: string;
  reason: string;
}

export type PackValidation = { ok: true; pack: PackContent } | { ok: false; errors: PackError[] };

export const MAX_PACK_ERRORS = 10_000;

/** Kinds added after packs were first written: a pack file without them has none. */
const LATER_KINDS: ReadonlySet<PackKind> = new Set(['standards']);

export function validatePack(input: unknown): PackValidation {
  const errors: PackError[] = [];
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return {
      ok: false,
      errors: [{ kind: 'pack', record: '-', field: '-', reason: 'a pack must be a JSON object' }],
    };
  }
  const raw = input as Record<string, unknown>;
  for (const key of Object.keys(raw)) {
    if (!(PACK_KINDS as string[]).includes(key)) {
      errors.push({
        kind: 'pack',
        record: '-',
        field: key,
        reason: 'is not a kind of pack record',
      });
    }
  }
  const content = {} as Record<PackKind, unknown[]>;
  for (const kind of PACK_KINDS) {
    const list = raw[kind] === undefined && LATER_KINDS.has(kind) ? [] : raw[kind];
    if (!Array.isArray(list)) {
      errors.push({ kind, record: '-', field: kind, reason: 'must be a list (it may be empty)' });
      content[kind] = [];
      continue;
    }
    const schema = packRecordSchemas[kind] as z.ZodType;
    const seen = new Set<string>();
    content[kind] = [];
    list.forEach((item, index) => {
      const id = readId(item) ?? `#${index + 1}`;
      const parsed = schema.safeParse(item);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          errors.push({
            kind,
            record: id,
            field: issue.path.map(String).join('.') || '-',
            reason: issue.message,
          });
        }
        return;
      }
      if (seen.has(id)) {
        errors.push({
          kind,
          record: id,
          field: 'id',
          reason: 'the same id is used by another record',
        });
        return;
      }
      seen.add(id);
      content[kind].push(parsed.data);
    });
  }
  const pack = content as unknown as PackContent;
  errors.push(...checkReferences(pack));
  if (errors.length > 0) return { ok: false, errors: errors.slice(0, MAX_PACK_ERRORS) };
  return { ok: true, pack };
}

function readId(item: unknown): string | undefined {
  if (typeof item === 'object' && item !== null && 'id' in item) {
    const id = (item as { id: unknown }).id;
    if (typeof id === 'string' && id.length <= 80) return id;
  }
  return undefined;
}

function checkReferences(pack: PackContent): PackError[] {
  const errors: PackError[] = [];
  const teams = new Map(pack.partners.map((p) => [p.id, new Set(p.teams.map((t) => t.id))]));
  const services = new Set(pack.services.map((s) => s.id));
  const lifeEvents = new Set(pack.lifeEvents.map((e) => e.id));
  const topics = new Set(pack.topics.map((t) => t.id));

  const owner = (kind: PackKind, record: string, field: string, o: Owner) => {
    const partnerTeams = teams.get(o.partnerId);
    if (!partnerTeams)
      errors.push({ kind, record, field, reason: `partner "${o.partnerId}" does not exist` });
    else if (!partnerTeams.has(o.teamId)) {
      errors.push({
        kind,
        record,
        field,
        reason: `partner "${o.partnerId}" has no team "${o.teamId}"`,
      });
    }
  };
  const refs = (
    kind: PackKind,
    record: string,
    field: string,
    ids: string[],
    known: Set<string>,
    what: string,
  ) => {
    // A list field names the item ("lifeEvents.2"); a single reference names itself.
    const single = field.endsWith('Id');
    ids.forEach((id, i) => {
      if (!known.has(id)) {
        const at = single ? field : `${field}.${i}`;
        errors.push({ kind, record, field: at, reason: `${what} "${id}" does not exist` });
      }
    });
  };

  for (const s of pack.services) {
    owner('services', s.id, 'delivery.default', s.delivery.default);
    s.delivery.byArea?.forEach((area, i) =>
      owner('services', s.id, `delivery.byArea.${i}.owner`, area.owner),
    );
    refs('services', s.id, 'lifeEvents', s.lifeEvents, lifeEvents, 'life event');
    refs('services', s.id, 'topics', s.topics, topics, 'topic');
  }
  // A partner takes through Open311 only services it delivers (somewhere).
  const delivers = new Map<string, Set<string>>();
  for (const s of pack.services) {
    for (const o of [s.delivery.default, ...(s.delivery.byArea ?? []).map((a) => a.owner)]) {
      delivers.set(o.partnerId, (delivers.get(o.partnerId) ?? new Set()).add(s.id));
    }
  }
  for (const p of pack.partners) {
    p.open311Services?.forEach((id, i) => {
      const field = `open311Services.${i}`;
      if (!services.has(id))
        errors.push({
          kind: 'partners',
          record: p.id,
          field,
          reason: `service "${id}" does not exist`,
        });
      else if (!delivers.get(p.id)?.has(id))
        errors.push({
          kind: 'partners',
          record: p.id,
          field,
          reason: `partner "${p.id}" does not deliver service "${id}"`,
        });
    });
  }
  for (const c of pack.commitments) {
    refs('commitments', c.id, 'serviceId', [c.serviceId], services, 'service');
    c.steps.forEach((step, i) => {
      if ('partnerId' in step.owner) owner('commitments', c.id, `steps.${i}.owner`, step.owner);
    });
  }
  const mapped = new Set<string>();
  for (const map of pack.processMaps) {
    refs('processMaps', map.id, 'serviceId', [map.serviceId], services, 'service');
    if (mapped.has(map.serviceId)) {
      errors.push({
        kind: 'processMaps',
        record: map.id,
        field: 'serviceId',
        reason: `service "${map.serviceId}" already has a process map`,
      });
    }
    mapped.add(map.serviceId);
    for (const problem of checkProcessMap(map))
      errors.push({ kind: 'processMaps', record: map.id, ...problem });
    map.steps.forEach((step, i) => {
      if (step.kind === 'outcome' && step.referTo)
        owner('processMaps', map.id, `steps.${i}.referTo`, step.referTo);
    });
  }
  for (const t of pack.training) {
    refs('training', t.id, 'serviceIds', t.serviceIds, services, 'service');
    t.questions.forEach((q, i) => {
      if (q.correct >= q.options.length) {
        errors.push({
          kind: 'training',
          record: t.id,
          field: `questions.${i}.correct`,
          reason: 'points past the last option',
        });
      }
    });
  }
  for (const ap of pack.accessPoints) {
    if (!teams.has(ap.partnerId)) {
      errors.push({
        kind: 'accessPoints',
        record: ap.id,
        field: 'partnerId',
        reason: `partner "${ap.partnerId}" does not exist`,
      });
    }
    refs(
      'accessPoints',
      ap.id,
      'faceToFaceServiceIds',
      ap.faceToFaceServiceIds,
      services,
      'service',
    );
    if (ap.helpFrom !== undefined) {
      const host = pack.accessPoints.find((other) => other.id === ap.helpFrom);
      const reason = !host
        ? `access point "${ap.helpFrom}" does not exist`
        : host.id === ap.id
          ? 'must name another access point, whose staff answer this one’s calls'
          : host.kind === 'kiosk'
            ? `"${host.id}" is a kiosk: calls for help need a staffed place`
            : host.partnerId !== ap.partnerId
              ? `"${host.id}" belongs to another partner ("${host.partnerId}")`
              : null;
      if (reason) errors.push({ kind: 'accessPoints', record: ap.id, field: 'helpFrom', reason });
    }
    ap.closures?.forEach((c, i) => {
      if (c.to < c.from)
        errors.push({
          kind: 'accessPoints',
          record: ap.id,
          field: `closures.${i}.to`,
          reason: 'ends before it starts',
        });
    });
    ap.openingHours.forEach((h, i) => {
      if (h.closes <= h.opens)
        errors.push({
          kind: 'accessPoints',
          record: ap.id,
          field: `openingHours.${i}`,
          reason: 'closes before it opens',
        });
    });
  }
  for (const st of pack.standards) {
    refs('standards', st.id, 'appliesTo.serviceIds', st.appliesTo.serviceIds, services, 'service');
    if (st.checks.length === 0 && !st.commitments) {
      errors.push({
        kind: 'standards',
        record: st.id,
        field: 'checks',
        reason: 'a standard needs at least one check (or commitment checks)',
      });
    }
    const checkIds = new Set<string>();
    st.checks.forEach((check, i) => {
      if (checkIds.has(check.id)) {
        errors.push({
          kind: 'standards',
          record: st.id,
          field: `checks.${i}.id`,
          reason: `check "${check.id}" appears twice in this standard`,
        });
      }
      checkIds.add(check.id);
    });
  }
  return errors;
}
