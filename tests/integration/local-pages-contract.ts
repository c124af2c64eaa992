// The local information pages' store (features/local-pages): revisions kept, owners enforced,
// pages shared with every door. Run on SQLite and PostgreSQL by local-pages.*.test.ts.
import { beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../src/shared/ids.ts';
import { pageHeads } from '../../src/shared/local-page.ts';
import { pageOp } from '../helpers/fixtures.ts';
import type { Storage } from '../../src/server/storage.ts';
import { storeForEachTest, type StorageFactory } from '../helpers/store-contract.ts';

export function describeLocalPagesContract(name: string, factory: StorageFactory): void {
  describe(`local pages store: ${name}`, () => {
    const { store, now, enrol, pullAll } = storeForEachTest(factory);
    let storage: Storage;
    beforeEach(() => {
      storage = store();
    });

    it('keeps every revision, both sides of an offline clash, and a merge', async () => {
      const desk = await enrol('central-library');
      const tablet = await enrol('central-library');
      const pageId = newId();
      const first = pageOp(desk.id, { pageId });
      await storage.core.applyOps(desk, [first], now());
      const base = [first.payload.id];
      const mine = pageOp(desk.id, { pageId, base, body: '<p>Lift broken</p>' });
      const theirs = pageOp(tablet.id, { pageId, base, body: '<p>Lift fixed</p>' });
      expect((await storage.core.applyOps(desk, [mine], now()))[0]?.status).toBe('applied');
      expect((await storage.core.applyOps(tablet, [theirs], now()))[0]?.status).toBe('applied');
      let revisions = await storage.localPages.listPageRevisions(pageId);
      expect(revisions).toHaveLength(3);
      expect(pageHeads(revisions)).toHaveLength(2);

      const merge = pageOp(tablet.id, { pageId, base: [mine.payload.id, theirs.payload.id] });
      expect((await storage.core.applyOps(tablet, [merge], now()))[0]?.status).toBe('applied');
      revisions = await storage.localPages.listPageRevisions(pageId);
      expect(pageHeads(revisions).map((r) => r.id)).toEqual([merge.payload.id]);
    });

    it('lets only the owning access point edit, and only on revisions of the page', async () => {
      const owner = await enrol('central-library');
      const stranger = await enrol('civic-centre');
      const pageId = newId();
      const first = pageOp(owner.id, { pageId });
      await storage.core.applyOps(owner, [first], now());
      const [forbidden] = await storage.core.applyOps(
        stranger,
        [pageOp(stranger.id, { pageId, base: [first.payload.id] })],
        now(),
      );
      expect(forbidden).toMatchObject({ status: 'rejected', code: 'forbidden' });
      const [unknown] = await storage.core.applyOps(
        owner,
        [pageOp(owner.id, { pageId, base: [newId()] })],
        now(),
      );
      expect(unknown).toMatchObject({ status: 'rejected', code: 'invalid-payload' });
      expect(await storage.localPages.listPageRevisions(pageId)).toHaveLength(1);
    });

    it('applies a revision that builds on one sent just before it in the same batch', async () => {
      const device = await enrol();
      const pageId = newId();
      const first = pageOp(device.id, { pageId });
      const second = pageOp(device.id, { pageId, base: [first.payload.id] });
      const results = await storage.core.applyOps(device, [first, second], now());
      expect(results.map((r) => r.status)).toEqual(['applied', 'applied']);
    });

    it('shares pages with every access point', async () => {
      const owner = await enrol('central-library');
      const elsewhere = await enrol('riverside-health-centre');
      await storage.core.applyOps(owner, [pageOp(owner.id, { pageId: newId() })], now());
      const page = await pullAll(elsewhere);
      expect(page.changes.map((c) => c.entity)).toEqual(['localPageRevision']);
    });
  });
}
