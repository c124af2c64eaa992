// The studio's places and partners ('places.manage'): opening hours, closures and bank
// holidays, facilities, the services offered face to face, new places (a mobile-library stop)
// and partners (a charity shop joining). They are pack records, but a change to one goes live
// at once: it is published as the next version on its own (the rest as published, not the
// draft), validated like any publish, and in the audit log under the place's partner. A
// partner manager changes only their own partner's places, whatever the screen sent; new
// partners are the franchisor's ('partners.all').
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { PackAccessPoint, Partner } from '../../../shared/pack/schema.ts';
import type { PlaceSaved, PlacesView } from '../../../shared/pack/studio-api.ts';
import { can, type StaffMember } from '../../../shared/staff.ts';
import { sendError } from '../../platform/errors.ts';
import { staffCaller } from '../../platform/staff-caller.ts';
import type { CoreStore } from '../../platform/store/core-store.ts';
import type { StaffCallerStores } from '../staff/staff-store.ts';
import {
  contentAt,
  draftRecordOf,
  parseRecord,
  publishWithDraft,
  readDraft,
  withRecord,
} from './pack-draft.ts';
import { conflictWith, refused } from './studio-pack-routes.ts';

/** The stores these routes use. */
type Stores = StaffCallerStores & { readonly core: CoreStore };

const saveBody = z.strictObject({
  revision: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  record: z.record(z.string(), z.unknown()),
});

export function placesStudioRoutes(app: FastifyInstance, storage: Stores): void {
  const { db } = storage.core;
  const manager = (request: Parameters<typeof staffCaller>[1], reply: FastifyReply) =>
    staffCaller(storage, request, reply, 'places.manage');
  /** The partner this person manages: undefined for every partner. */
  const scopeOf = (staff: StaffMember) =>
    can(staff.role, 'partners.all') ? undefined : (staff.partnerId ?? '');

  app.get('/api/studio/places', async (request, reply) => {
    const who = await manager(request, reply);
    if (!who) return reply;
    const scope = scopeOf(who.staff);
    const state = await readDraft(db);
    const mine = (partnerId: string | undefined) => scope === undefined || partnerId === scope;
    const all = [...state.records.values()];
    const body: PlacesView = {
      version: state.version,
      allPartners: scope === undefined,
      places: all.filter(
        (r) =>
          r.kind === 'accessPoints' &&
          mine((r.published as PackAccessPoint | null)?.partnerId ?? undefined),
      ),
      partners: all.filter((r) => r.kind === 'partners' && r.published && mine(r.id)),
      services: all
        .filter((r) => r.kind === 'services' && r.published)
        .map((r) => ({ id: r.id, name: (r.published as { name: { en: string } }).name.en })),
    };
    return body;
  });

  /** Publishes one place or partner on its own, if nobody changed it since `revision`. */
  const saveLive = async (
    reply: FastifyReply,
    staff: StaffMember,
    kind: 'accessPoints' | 'partners',
    id: string,
    body: unknown,
  ) => {
    const parsedBody = saveBody.safeParse(body);
    if (!parsedBody.success) {
      return sendError(reply, 400, 'invalid-request', 'Send { revision, record }.');
    }
    const { revision } = parsedBody.data;
    const state = await readDraft(db);
    const current = draftRecordOf(state, kind, id);
    const scope = scopeOf(staff);
    const owner =
      kind === 'accessPoints' ? (current.published as PackAccessPoint | null)?.partnerId : id;
    if (scope !== undefined && current.published && owner !== scope) {
      return sendError(reply, 403, 'forbidden', 'You manage only your own partner’s places.');
    }
    const parsed = parseRecord(kind, id, parsedBody.data.record);
    if (!parsed.ok) return refused(reply, 'Not saved: the record is not valid.', parsed.errors);
    let partnerId: string;
    if (kind === 'accessPoints') {
      const place = parsed.record as PackAccessPoint;
      const was = (current.published as PackAccessPoint | null)?.partnerId;
      partnerId = place.partnerId;
      if (scope !== undefined && (place.partnerId !== scope || (was && was !== scope))) {
        return sendError(reply, 403, 'forbidden', 'You manage only your own partner’s places.');
      }
    } else {
      partnerId = id;
      if (scope !== undefined && (id !== scope || !current.published)) {
        return sendError(reply, 403, 'forbidden', 'Only the franchisor adds or changes partners.');
      }
    }
    // Only once the person may change it: a conflict would tell them it exists.
    if (current.revision !== revision || current.pending) {
      return conflictWith(reply, state, kind, id);
    }
    const published = await contentAt(db, state.version);
    const content = withRecord(published as never, kind, id, parsed.record);
    const name =
      kind === 'accessPoints'
        ? (parsed.record as PackAccessPoint).name
        : (parsed.record as Partner).name.en;
    const outcome = await publishWithDraft(storage.core, content, {
      actor: staff,
      note: `${name}: ${current.published ? 'changed' : 'added'} in the studio`,
      action: kind === 'accessPoints' ? 'place.save' : 'partner.save',
      target: `${kind}/${id}`,
      partnerId,
      before: current.published,
      after: parsed.record,
      expect: { kind, id, revision },
    });
    if (!outcome.ok) {
      if (outcome.reason === 'invalid') {
        const own = outcome.errors.filter((e) => e.kind === kind && e.record === id);
        return refused(
          reply,
          'Not saved: the pack would not be valid.',
          own.length > 0 ? own : outcome.errors,
        );
      }
      if (outcome.reason === 'conflict') return conflictWith(reply, await readDraft(db), kind, id);
      const answer: PlaceSaved = { revision, version: state.version };
      return answer;
    }
    const after = draftRecordOf(await readDraft(db), kind, id);
    const answer: PlaceSaved = { revision: after.revision, version: outcome.published.version };
    return answer;
  };

  app.put<{ Params: { id: string } }>('/api/studio/places/:id', async (request, reply) => {
    const who = await manager(request, reply);
    if (!who) return reply;
    return saveLive(reply, who.staff, 'accessPoints', request.params.id, request.body);
  });

  app.put<{ Params: { id: string } }>('/api/studio/partners/:id', async (request, reply) => {
    const who = await manager(request, reply);
    if (!who) return reply;
    return saveLive(reply, who.staff, 'partners', request.params.id, request.body);
  });
}
