// Six months of mystery-shopping visits to every demo place, so the scores and their trends
// mean something on `npm start`: most places hold steady, three improve month on month, and
// Brook End Post Office slips. Visits go through the hub's own path (applyOps), scored there.
import { randomUUID } from 'node:crypto';
import { buildChecklist, type AuditResult } from '../../../shared/audit-checklist.ts';
import { newId } from '../../../shared/ids.ts';
import type { PackContent } from '../../../shared/pack/schema.ts';
import type { ValidOp } from '../../../shared/sync/mutations.ts';
import type { CoreStore } from '../../platform/store/core-store.ts';

/** The stores this file uses. */
type Stores = { readonly core: CoreStore };

const MONTHS = 6;
/** How each place does on a visit (0–1), and how that moves per month. */
const BASE_QUALITY = 0.78;
const TRENDS: Record<string, { start: number; perMonth: number }> = {
  'central-library': { start: 0.62, perMonth: 0.06 },
  'civic-centre': { start: 0.58, perMonth: 0.07 },
  'riverside-health-centre': { start: 0.66, perMonth: 0.05 },
  'brook-end-post-office': { start: 0.9, perMonth: -0.08 },
  'age-uk-shop-northam': { start: 0.88, perMonth: 0 },
};
/** Promises sampled per visit: an auditor tries a few services, not all of them. */
const PROMISES_PER_VISIT = 4;

/** What an auditor writes when a check is not (fully) met. */
const EVIDENCE: Record<string, string> = {
  'welcome/greeted': 'Waited about 10 minutes before anyone acknowledged me.',
  'welcome/name-badge': 'Badge turned round on the lanyard; could not read the name.',
  'welcome/interpreter': 'Asked for Polish; was told to come back with a relative.',
  'welcome/anything-else': 'Conversation ended once the first question was answered.',
  'accessible-building/hearing-loop': 'Loop sign on show but the loop was switched off.',
  'accessible-building/step-free': 'Ramp partly blocked by a delivery cage.',
  'accessible-building/private-space': 'Discussed my arrears at the open counter.',
  'accessible-van/ramp': 'Lift worked but was not offered.',
  'accessible-van/large-print': 'Only two large-print titles on board.',
  'information/leaflets-current': 'Council tax leaflet on display was last year’s.',
  'information/opening-hours': 'Door sign still shows the old Saturday hours.',
  'information/feedback-shown': 'No feedback or complaints information anywhere in sight.',
  'kiosk-ready/working': 'Screen dirty; card reader out of order notice.',
  'kiosk-ready/help-answered': 'Help call took 9 minutes to answer.',
  'kiosk-ready/no-trace': 'Previous person’s search still on screen.',
};
const GOOD_EVIDENCE: Record<string, string> = {
  'welcome/greeted': 'Greeted within a minute, with a smile.',
  'welcome/anything-else': 'Asked whether there was anything else, and meant it.',
  'information/leaflets-current': 'All leaflets checked: current editions.',
};

/** A small deterministic generator, so every fresh demo hub tells the same story. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function answer(quality: number, r: number): AuditResult {
  if (r < quality) return 'met';
  if (r < quality + (1 - quality) / 2) return 'partly';
  return 'not-met';
}

export async function seedDemoAudits(
  storage: Stores,
  pack: PackContent,
  now = new Date(),
): Promise<number> {
  const next = random(2026);
  const device = {
    id: randomUUID(),
    accessPointId: 'central-library',
    name: 'Demo audits',
    enrolledAt: now.toISOString(),
    revokedAt: now.toISOString(),
    mode: 'tablet' as const,
  };
  // Visits up to yesterday: today's are the ones a person makes on the demo.
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  let count = 0;
  for (const place of pack.accessPoints) {
    const checklist = buildChecklist(pack, place);
    const trend = TRENDS[place.id] ?? { start: BASE_QUALITY + (next() - 0.5) * 0.1, perMonth: 0 };
    for (let month = MONTHS; month >= 1; month--) {
      const visited = new Date(
        Date.UTC(
          now.getUTCFullYear(),
          now.getUTCMonth() - month + 1,
          3 + Math.floor(next() * 20),
          9 + Math.floor(next() * 7),
          Math.floor(next() * 60),
        ),
      );
      if (visited.getTime() >= today) continue;
      const step = MONTHS - month;
      const quality = Math.min(0.97, Math.max(0.2, trend.start + trend.perMonth * step));
      const promises = checklist.filter((i) => i.promise);
      const sampled = new Set(
        promises
          .map((i) => ({ i, k: next() }))
          .sort((a, b) => a.k - b.k)
          .slice(0, PROMISES_PER_VISIT)
          .map((x) => x.i.id),
      );
      const items = checklist
        .filter((i) => !i.promise || sampled.has(i.id))
        .map((item) => {
          // Some checks cannot be tried on a given visit (nobody needed an interpreter).
          const result: AuditResult =
            item.id === 'welcome/interpreter' && next() < 0.4
              ? 'not-applicable'
              : answer(quality, next());
          const note =
            result === 'met'
              ? next() < 0.3
                ? GOOD_EVIDENCE[item.id]
                : undefined
              : (EVIDENCE[item.id] ??
                (item.promise ? 'The promise was not told, or only in part.' : undefined));
          return { checkId: item.id, result, ...(note ? { note } : {}) };
        });
      if (items.length === 0) continue;
      const op: ValidOp = {
        id: newId(),
        deviceId: device.id,
        staffId: 'ruth-hale',
        kind: 'audit.submit',
        clientTime: visited.toISOString(),
        payload: { id: newId(), accessPointId: place.id, visitedAt: visited.toISOString(), items },
      };
      // Received the same afternoon, when the auditor's tablet was back in signal.
      const received = new Date(Math.min(now.getTime(), visited.getTime() + 3 * 3600_000));
      const [result] = await storage.core.applyOps(device, [op], received.toISOString());
      if (result?.status !== 'applied') {
        throw new Error(`demo audit of ${place.id} refused: ${JSON.stringify(result)}`);
      }
      count++;
    }
  }
  return count;
}
