// The studio's pack (features/pack/studio-pack-routes.ts, pack-draft.ts) and places
// (studio-places-routes.ts), on SQLite and PostgreSQL: the draft over the published version,
// a save based on an old revision refused with the current record (409), a change that breaks
// the pack refused with validatePack's reasons, validate as you type, publish with a note
// (atomic, never an invalid pack), the difference between versions, roll back, LGSL import,
// the audit log, the command line on the same tables, and who may do what.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminLogPage } from '../../src/shared/api/admin-log.ts';
import {
  PACK_KINDS,
  type ProcessMap,
  type Service,
  type PackAccessPoint,
  type Commitment,
} from '../../src/shared/pack/schema.ts';
import type {
  DraftConflict,
  DraftIndex,
  DraftRecord,
  DraftRefused,
  DraftSaved,
  DraftValidation,
  ImportReport,
  PlaceSaved,
  PlacesView,
  PublishResult,
  VersionDiff,
  VersionList,
} from '../../src/shared/pack/studio-api.ts';
import { validatePack } from '../../src/shared/pack/validate-pack.ts';
import { buildDemoPack } from '../../src/server/features/pack/build-demo-pack.ts';
import { runPackCommand } from '../../src/server/features/pack/pack-cli.ts';
import { startHubOn, type TestHub } from '../helpers/hub.ts';

export function describeStudioPack(dialect: 'sqlite' | 'postgres'): void {
  describe(`the studio's pack on ${dialect}`, () => {
    let hub: TestHub;
    let alex: Record<string, string>;
    const send = async (
      method: 'GET' | 'PUT' | 'POST' | 'DELETE',
      url: string,
      headers: Record<string, string>,
      payload?: unknown,
    ) =>
      hub.app.inject({
        method,
        url,
        headers,
        ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
      });
    const record = async <T>(kind: string, id: string) =>
      (await send('GET', `/api/studio/pack/draft/${kind}/${id}`, alex)).json<DraftRecord>() as
        (DraftRecord & { record: T }) | never;

    beforeAll(async () => {
      hub = await startHubOn(dialect);
      // The authored records only (no LGSL list): the same shapes, a quicker pack.
      const checked = validatePack(buildDemoPack([]));
      if (!checked.ok) throw new Error('invalid demo pack');
      await hub.storage.core.publishPack(checked.pack, { now: new Date().toISOString() });
      alex = await hub.staffHeaders('alex-morgan', 'civic-centre');
    });
    afterAll(() => hub.close());

    it('lists the draft as the published pack, valid, nothing pending', async () => {
      const res = await send('GET', '/api/studio/pack/draft', alex);
      expect(res.statusCode).toBe(200);
      const index = res.json<DraftIndex>();
      expect(index.version).toBe(1);
      expect(index.errors).toEqual([]);
      expect(index.entries.some((e) => e.pending)).toBe(false);
      const pothole = index.entries.find((e) => e.kind === 'services' && e.id === 'pothole');
      expect(pothole).toMatchObject({ revision: 0, pending: false, removed: false });
    });

    it('saves a record with its revision, refuses a save based on an older one with the current record', async () => {
      const first = await record<Commitment>('commitments', 'pothole-standard');
      expect(first.revision).toBe(0);
      const edited = {
        ...first.record,
        promise: { ...first.record.promise, cy: 'Addewid newydd' },
      };
      const saved = await send('PUT', '/api/studio/pack/draft/commitments/pothole-standard', alex, {
        revision: 0,
        record: edited,
      });
      expect(saved.statusCode).toBe(200);
      expect(saved.json<DraftSaved>()).toMatchObject({ revision: 1, pending: true, errors: [] });

      // A second editor who read revision 0 is refused, and shown what the first one saved.
      const stale = await send('PUT', '/api/studio/pack/draft/commitments/pothole-standard', alex, {
        revision: 0,
        record: { ...first.record, promise: { ...first.record.promise, cy: 'Arall' } },
      });
      expect(stale.statusCode).toBe(409);
      const conflict = stale.json<DraftConflict>();
      expect(conflict.current.revision).toBe(1);
      expect((conflict.current.record as Commitment).promise.cy).toBe('Addewid newydd');

      const index = (await send('GET', '/api/studio/pack/draft', alex)).json<DraftIndex>();
      expect(index.entries.filter((e) => e.pending).map((e) => e.id)).toEqual(['pothole-standard']);
    });

    it('refuses a change that breaks a process map, with the reason, and keeps the draft as it was', async () => {
      const map = await record<ProcessMap>('processMaps', 'pothole-map');
      const broken = structuredClone(map.record);
      const step = broken.steps.find((s) => s.kind === 'question');
      if (!step || step.kind !== 'question') throw new Error('the map has no question');
      step.answers[0]!.next = 'nowhere';
      const res = await send('PUT', '/api/studio/pack/draft/processMaps/pothole-map', alex, {
        revision: map.revision,
        record: broken,
      });
      expect(res.statusCode).toBe(422);
      const body = res.json<DraftRefused>();
      expect(body.errors.map((e) => e.reason)).toContain(
        'leads to step "nowhere", which does not exist',
      );
      expect((await record<ProcessMap>('processMaps', 'pothole-map')).revision).toBe(map.revision);

      // Validation as you type: the same reasons, nothing saved.
      const typed = await send('POST', '/api/studio/pack/draft/validate', alex, {
        kind: 'processMaps',
        id: 'pothole-map',
        record: broken,
      });
      expect(typed.json<DraftValidation>().errors[0]).toMatchObject({
        kind: 'processMaps',
        record: 'pothole-map',
      });
      // A shape the schema refuses is refused too.
      const shape = await send('PUT', '/api/studio/pack/draft/services/pothole', alex, {
        revision: 0,
        record: { id: 'pothole', tier: 9 },
      });
      expect(shape.statusCode).toBe(422);
    });

    it('edits a process-map step in Welsh, publishes with a note, and devices get the new version', async () => {
      const map = await record<ProcessMap>('processMaps', 'pothole-map');
      const edited = structuredClone(map.record);
      edited.steps[0]!.citizen = {
        ...edited.steps[0]!.citizen,
        cy: 'Geiriad newydd i ddinasyddion',
      };
      const saved = await send('PUT', '/api/studio/pack/draft/processMaps/pothole-map', alex, {
        revision: map.revision,
        record: edited,
      });
      expect(saved.statusCode).toBe(200);

      const diff = (
        await send('GET', '/api/studio/pack/diff?from=1&to=draft', alex)
      ).json<VersionDiff>();
      expect(diff.difference.records.map((r) => `${r.kind}/${r.id}`).sort()).toEqual([
        'commitments/pothole-standard',
        'processMaps/pothole-map',
      ]);
      expect(diff.difference.records.find((r) => r.kind === 'processMaps')?.fields).toEqual([
        {
          path: 'steps.0.citizen.cy',
          before: map.record.steps[0]!.citizen.cy,
          after: 'Geiriad newydd i ddinasyddion',
        },
      ]);

      expect((await send('POST', '/api/studio/pack/publish', alex, { note: '' })).statusCode).toBe(
        400,
      );
      const published = await send('POST', '/api/studio/pack/publish', alex, {
        note: 'Welsh wording for potholes',
      });
      expect(published.statusCode).toBe(200);
      const info = published.json<PublishResult>().published;
      expect(info.version).toBe(2);
      expect(info.summary).toMatchObject({ changed: 2, note: 'Welsh wording for potholes' });

      // The draft is settled: nothing pending, the revisions editors hold still good.
      const index = (await send('GET', '/api/studio/pack/draft', alex)).json<DraftIndex>();
      expect(index.version).toBe(2);
      expect(index.entries.some((e) => e.pending)).toBe(false);
      expect((await record('commitments', 'pothole-standard')).revision).toBe(1);

      // A device pulls the delta to version 2 with the new wording.
      const device = await hub.enrol('civic-centre', 'counter');
      const delta = await hub.app.inject({
        method: 'GET',
        url: '/api/pack/delta?since=1&to=2',
        headers: { authorization: `Bearer ${device.token}` },
      });
      expect(JSON.stringify(delta.json())).toContain('Geiriad newydd i ddinasyddion');

      const again = await send('POST', '/api/studio/pack/publish', alex, { note: 'again' });
      expect(again.statusCode).toBe(409);
    });

    it('never publishes an invalid draft, and rolls back by publishing an earlier version', async () => {
      // Two saves that were each valid alone can leave the draft invalid together (or a row
      // written some other way): the publish is refused with the reasons, nothing written.
      const service = await record<Service>('services', 'pothole');
      const broken = {
        ...service.record,
        delivery: { default: { partnerId: 'nobody', teamId: 'none' } },
      };
      await hub.storage.db
        .insertInto('pack_draft')
        .values({
          kind: 'services',
          id: 'pothole',
          revision: service.revision + 1,
          pending: 1,
          data: JSON.stringify(broken),
          updated_at: new Date().toISOString(),
          updated_by: 'alex-morgan',
        })
        .onConflict((oc) =>
          oc.columns(['kind', 'id']).doUpdateSet({ pending: 1, data: JSON.stringify(broken) }),
        )
        .execute();
      const refusedPublish = await send('POST', '/api/studio/pack/publish', alex, {
        note: 'Broken owner',
      });
      expect(refusedPublish.statusCode).toBe(422);
      expect(refusedPublish.json<DraftRefused>().errors[0]).toMatchObject({
        kind: 'services',
        record: 'pothole',
        field: 'delivery.default',
      });
      expect(await hub.storage.core.latestPackVersion()).toBe(2);
      // Put the service back as published (a save of the published record settles it).
      const now = await record<Service>('services', 'pothole');
      const fixed = await send('PUT', '/api/studio/pack/draft/services/pothole', alex, {
        revision: now.revision,
        record: now.published,
      });
      expect(fixed.statusCode).toBe(200);
      expect(fixed.json<DraftSaved>().pending).toBe(false);

      // Roll back to version 1: its content published again as version 3.
      const rollback = await send('POST', '/api/studio/pack/rollback', alex, {
        version: 1,
        note: 'Undo the Welsh',
      });
      expect(rollback.statusCode).toBe(200);
      const back = rollback.json<PublishResult>().published;
      expect(back.version).toBe(3);
      expect(back.summary.note).toBe('Undo the Welsh (back to version 1)');
      const diff = (
        await send('GET', '/api/studio/pack/diff?from=1&to=3', alex)
      ).json<VersionDiff>();
      expect(diff.difference.records).toEqual([]);
      // An editor who read the Welsh map before the roll back is told it changed.
      expect((await record('processMaps', 'pothole-map')).revision).toBe(2);

      const versions = (await send('GET', '/api/studio/pack/versions', alex)).json<VersionList>();
      expect(versions.versions.map((v) => v.version)).toEqual([3, 2, 1]);
    });

    it('tells an editor whose record a publish from elsewhere changed', async () => {
      const before = await record<Service>('services', 'library-card');
      const current = validatePack(
        Object.fromEntries(
          await Promise.all(
            PACK_KINDS.map(async (k) => [k, await hub.storage.core.listPackRecords(k)]),
          ),
        ),
      );
      if (!current.ok) throw new Error('invalid');
      // The command line publishes a file in which the library card's fee changed.
      const file = join(mkdtempSync(join(tmpdir(), 'studio-pack-')), 'pack.json');
      writeFileSync(
        file,
        JSON.stringify({
          ...current.pack,
          services: current.pack.services.map((s) =>
            s.id === 'library-card' ? { ...s, fees: { en: 'Free for everyone' } } : s,
          ),
        }),
      );
      const out: string[] = [];
      const code = await runPackCommand(['publish', file, '--note', 'From a file'], {
        out: (l) => out.push(l),
        err: (l) => out.push(l),
        openStorage: async () => ({ ...hub.storage, close: async () => {} }),
      });
      expect(code, out.join('\n')).toBe(0);
      const stale = await send('PUT', '/api/studio/pack/draft/services/library-card', alex, {
        revision: before.revision,
        record: { ...before.record, phone: '01234 567890' },
      });
      expect(stale.statusCode).toBe(409);
      expect((stale.json<DraftConflict>().current.record as Service).fees?.en).toBe(
        'Free for everyone',
      );
    });

    it('removes a record in the draft only when nothing needs it', async () => {
      const service = await record<Service>('services', 'pothole');
      const res = await send(
        'DELETE',
        `/api/studio/pack/draft/services/pothole?revision=${service.revision}`,
        alex,
      );
      expect(res.statusCode).toBe(422);
      expect(res.json<DraftRefused>().errors.some((e) => e.kind === 'commitments')).toBe(true);
    });

    it('imports an LGSL CSV into the draft with a validation report', async () => {
      const csv = [
        'Identifier,Label,Status,Description',
        '99991,Street piano licence,Live,"A licence to put a piano in the street."',
        '99992,Withdrawn thing,Withdrawn,Gone',
      ].join('\n');
      const res = await send('POST', '/api/studio/pack/import', alex, { format: 'lgsl', csv });
      expect(res.statusCode).toBe(200);
      expect(res.json<ImportReport>()).toMatchObject({ imported: true, added: 1, errors: [] });
      expect((await record<Service>('services', 'lgsl-99991')).record.name.en).toBe(
        'Street piano licence',
      );
      const bad = await send('POST', '/api/studio/pack/import', alex, {
        format: 'lgsl',
        csv: 'a,b\n1,2',
      });
      expect(bad.statusCode).toBe(400);
    });

    it('keeps every write and publish in the audit log', async () => {
      const log = (await send('GET', '/api/studio/admin-log', alex)).json<AdminLogPage>();
      const actions = log.entries.map((e) => e.action);
      for (const action of ['pack.draft-save', 'pack.publish', 'pack.rollback', 'pack.import']) {
        expect(actions).toContain(action);
      }
      expect(log.entries.find((e) => e.actorId === 'command-line')?.action).toBe('pack.publish');
    });

    it('lets a partner manager change only their own places, and publishes the change at once', async () => {
      const priya = await hub.staffHeaders('priya-shah', 'civic-centre');
      const view = (await send('GET', '/api/studio/places', priya)).json<PlacesView>();
      expect(view.allPartners).toBe(false);
      const partners = new Set(view.places.map((p) => (p.published as PackAccessPoint).partnerId));
      expect([...partners]).toEqual(['northam-district-council']);
      const civic = view.places.find((p) => p.id === 'civic-centre');
      if (!civic) throw new Error('no civic centre');
      const place = civic.published as PackAccessPoint;
      const changed: PackAccessPoint = {
        ...place,
        closures: [{ from: '2027-01-02', to: '2027-01-03', reason: { en: 'Stocktaking' } }],
        openOnBankHolidays: false,
        facilities: [...new Set([...place.facilities, 'quiet-room' as const])],
      };
      const saved = await send('PUT', '/api/studio/places/civic-centre', priya, {
        revision: civic.revision,
        record: changed,
      });
      expect(saved.statusCode, saved.body).toBe(200);
      const answer = saved.json<PlaceSaved>();
      expect(answer.revision).toBe(civic.revision + 1);
      const live = await hub.storage.core.listPackRecords('accessPoints');
      expect(live.find((a) => a.id === 'civic-centre')?.closures?.[0]?.reason?.en).toBe(
        'Stocktaking',
      );
      // The same revision again: someone (herself) changed it since.
      const stale = await send('PUT', '/api/studio/places/civic-centre', priya, {
        revision: civic.revision,
        record: changed,
      });
      expect(stale.statusCode).toBe(409);
      // Closing before opening is refused with the reason.
      const backwards = await send('PUT', '/api/studio/places/civic-centre', priya, {
        revision: answer.revision,
        record: { ...changed, closures: [{ from: '2027-02-02', to: '2027-02-01' }] },
      });
      expect(backwards.statusCode).toBe(422);
      expect(backwards.json<DraftRefused>().errors[0]?.reason).toBe('ends before it starts');

      // Another partner's place, or moving her place to another partner: refused.
      const eastbury = (await send('GET', '/api/studio/places', alex))
        .json<PlacesView>()
        .places.find((p) => p.id === 'eastbury-town-hall');
      if (!eastbury) throw new Error('no town hall');
      const theirs = await send('PUT', '/api/studio/places/eastbury-town-hall', priya, {
        revision: eastbury.revision,
        record: { ...(eastbury.published as PackAccessPoint), phone: '000' },
      });
      expect(theirs.statusCode).toBe(403);
      const move = await send('PUT', '/api/studio/places/civic-centre', priya, {
        revision: answer.revision,
        record: { ...changed, partnerId: 'eastbury-borough-council' },
      });
      expect(move.statusCode).toBe(403);
      // A new partner is the franchisor's.
      const newPartner = {
        id: 'oxfam-shop',
        name: { en: 'Oxfam shop' },
        kind: 'voluntary',
        teams: [{ id: 'volunteers', name: { en: 'Volunteers' } }],
      };
      expect(
        (
          await send('PUT', '/api/studio/partners/oxfam-shop', priya, {
            revision: 0,
            record: newPartner,
          })
        ).statusCode,
      ).toBe(403);
      const added = await send('PUT', '/api/studio/partners/oxfam-shop', alex, {
        revision: 0,
        record: newPartner,
      });
      expect(added.statusCode, added.body).toBe(200);

      const log = (await send('GET', '/api/studio/admin-log', priya)).json<AdminLogPage>();
      expect(log.entries[0]).toMatchObject({
        action: 'place.save',
        actorId: 'priya-shah',
        partnerId: 'northam-district-council',
      });
    });

    it('answers nobody without the permission', async () => {
      const priya = await hub.staffHeaders('priya-shah', 'civic-centre');
      for (const [method, url] of [
        ['GET', '/api/studio/pack/draft'],
        ['POST', '/api/studio/pack/publish'],
        ['PUT', '/api/studio/pack/draft/services/pothole'],
        ['GET', '/api/studio/pack/versions'],
      ] as const) {
        expect((await send(method, url, priya, {})).statusCode).toBe(403);
        expect((await send(method, url, {}, {})).statusCode).toBe(401);
      }
    });
  });
}
