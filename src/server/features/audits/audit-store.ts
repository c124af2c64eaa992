// Mystery-shopping audits on the hub. An audit is applied inside the sync transaction: the
// hub rebuilds the audited place's checklist from the current pack, refuses answers to checks
// that are not on it, and scores the audit itself (the device's figure is never stored).
// Scores are aggregated in SQL, per standard, place, partner and month.
import type { Kysely, Transaction } from 'kysely';
import { buildChecklist, scoreAudit } from '../../../shared/audit-checklist.ts';
import type { AuditSubmitInput } from '../../../shared/audit.ts';
import type { Commitment, PackAccessPoint, Standard } from '../../../shared/pack/schema.ts';
import type { OpResult } from '../../../shared/sync/protocol.ts';
import type { Device } from '../../platform/store/device.ts';
import { refusal, type OpHandler, type OpHandlers } from '../../platform/store/op-handler.ts';
import { currentPackRecords, latestPackVersion } from '../../platform/store/pack-rows.ts';
import { queriesOn } from '../../platform/store/queries.ts';
import type { Database } from '../../platform/store/schema.ts';
import * as queries from './audit-queries.ts';

// The scores are what GET /api/staff/audits/scores answers, typed once for hub and app.
export type { AuditScores, ScoreRow } from '../../../shared/api/audit-scores.ts';

export type AuditStore = ReturnType<typeof createAuditStore>;

export const createAuditStore = (db: Kysely<Database>) => queriesOn(db, queries);

type Trx = Transaction<Database>;

/** The pack records a checklist is built from, read once per batch. */
interface ChecklistSource {
  version: number;
  standards: Standard[];
  commitments: Commitment[];
  places: Map<string, PackAccessPoint>;
}

async function checklistSource(trx: Trx): Promise<ChecklistSource> {
  return {
    version: await latestPackVersion(trx),
    standards: await currentPackRecords<Standard>(trx, 'standards'),
    commitments: await currentPackRecords<Commitment>(trx, 'commitments'),
    places: new Map(
      (await currentPackRecords<PackAccessPoint>(trx, 'accessPoints')).map((p) => [p.id, p]),
    ),
  };
}

const refuse = (opId: string, reason: string): OpResult => refusal(opId, 'invalid-payload', reason);

const applyAudits: OpHandler = async (trx, device, ops, now, results) => {
  const refused: string[] = [];
  let source: ChecklistSource | undefined;
  for (const op of ops) {
    if (op.kind !== 'audit.submit') continue;
    source ??= await checklistSource(trx);
    const problem = await applyAudit(trx, device, op.id, op.staffId ?? '', op.payload, now, source);
    if (problem) {
      refused.push(op.id);
      results.set(op.id, problem);
    }
  }
  return refused;
};

export const AUDIT_HANDLERS = {
  'audit.submit': applyAudits,
} satisfies Partial<OpHandlers>;

async function applyAudit(
  trx: Trx,
  device: Device,
  opId: string,
  auditorId: string,
  input: AuditSubmitInput,
  now: string,
  source: ChecklistSource,
): Promise<OpResult | null> {
  const place = await trx
    .selectFrom('access_points')
    .select(['id', 'kind', 'partner_id'])
    .where('id', '=', input.accessPointId)
    .executeTakeFirst();
  if (!place) return refuse(opId, `there is no access point called ${input.accessPointId}`);
  const offered = source.places.get(place.id)?.faceToFaceServiceIds ?? [];
  const checklist = new Map(
    buildChecklist(source, {
      kind: place.kind as PackAccessPoint['kind'],
      faceToFaceServiceIds: offered,
    }).map((item) => [item.id, item]),
  );
  const unknown = input.items.filter((i) => !checklist.has(i.checkId)).map((i) => i.checkId);
  if (unknown.length > 0) {
    const listed = unknown.slice(0, 3).join(', ') + (unknown.length > 3 ? ', …' : '');
    return refuse(
      opId,
      `not on the checklist for ${place.id} in pack version ${source.version}: ${listed}`,
    );
  }
  const scored = input.items.map((i) => ({
    ...i,
    weight: checklist.get(i.checkId)?.weight ?? 1,
  }));
  const score = scoreAudit(scored);
  if (score === null) {
    return refuse(opId, 'every check was marked not applicable, so there is nothing to score');
  }
  const inserted = await trx
    .insertInto('audits')
    .values({
      id: input.id,
      access_point_id: place.id,
      partner_id: place.partner_id,
      auditor_id: auditorId,
      device_id: device.id,
      op_id: opId,
      // Normalised to UTC so date ranges and months compare as text on both stores.
      visited_at: new Date(input.visitedAt).toISOString(),
      received_at: now,
      score,
      pack_version: source.version,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) {
    return refusal(opId, 'conflict', `audit ${input.id} exists`);
  }
  await trx
    .insertInto('audit_items')
    .values(
      scored.map((i) => ({
        audit_id: input.id,
        check_id: i.checkId,
        standard_id: checklist.get(i.checkId)?.standardId ?? '',
        service_id: checklist.get(i.checkId)?.serviceId ?? null,
        result: i.result,
        note: i.note ?? null,
        weight: i.weight,
      })),
    )
    .execute();
  return null;
}
