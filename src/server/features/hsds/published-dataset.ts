// The latest published pack as an HSDS dataset, read from storage once per pack version.
// Mapping the ~1000 demo services takes a few hundred milliseconds (mostly hashing UUIDv5 ids)
// and the API is public, so requests share one mapped copy until the next version.
import { PACK_KINDS, type PackContent, type PackKind } from '../../../shared/pack/schema.ts';
import type { CoreStore } from '../../platform/store/core-store.ts';
import type { ReviewStore } from '../reviews/review-store.ts';
import { indexDataset, type HsdsIndex } from './hsds-views.ts';
import { ukClockPeriods } from './schedules.ts';
import { toHsds } from './to-hsds.ts';

/** The stores this file uses. */
type Stores = { readonly core: CoreStore; readonly reviews: ReviewStore };

const PAGE = 1000;

export interface PublishedPack {
  version: number;
  pack: PackContent;
  /** When the version that last changed a record was published. */
  modifiedAt: (kind: PackKind, id: string) => string | undefined;
}

/**
 * Every current record of pack `version` with the version that last changed it. Reads a delta
 * from version 0 rather than listPackRecords(), so the snapshot is exactly `version` even if a
 * newer one is published meanwhile.
 */
export async function loadPublishedPack(storage: Stores, version: number): Promise<PublishedPack> {
  const records = Object.fromEntries(PACK_KINDS.map((kind) => [kind, [] as unknown[]]));
  const changedIn = new Map<string, number>();
  let after: { kind: string; id: string } | null = null;
  if (version > 0) {
    do {
      const page = await storage.core.packDelta({ since: 0, to: version, after, limit: PAGE });
      for (const record of page.records) {
        if (record.deleted || !(record.kind in records)) continue;
        records[record.kind]?.push(record.data);
        changedIn.set(`${record.kind}/${record.id}`, record.version);
      }
      after = page.next;
    } while (after);
  }
  const versions =
    version > 0 ? await storage.core.listPackVersions({ after: 0, upTo: version }) : [];
  const publishedAt = new Map(versions.map((v) => [v.version, v.publishedAt]));
  return {
    version,
    // Records were validated when published.
    pack: records as unknown as PackContent,
    modifiedAt: (kind, id) => publishedAt.get(changedIn.get(`${kind}/${id}`) ?? -1),
  };
}

export async function loadHsdsIndex(
  storage: Stores,
  version: number,
  now: Date = new Date(),
): Promise<HsdsIndex> {
  const [published, ratings] = await Promise.all([
    loadPublishedPack(storage, version),
    storage.reviews.ratingSummaries(),
  ]);
  const dataset = toHsds(published.pack, { modifiedAt: published.modifiedAt, ratings, now });
  return indexDataset(dataset, version, published.pack.services);
}

/**
 * A getter for the current index; concurrent requests share one load. It is mapped again when
 * a new pack version is published, a moderator publishes or withdraws a review (ratings), or
 * the UK clocks change (the schedules' periods move on a season).
 */
export function hsdsIndexCache(storage: Stores): () => Promise<HsdsIndex> {
  let current: { key: string; index: Promise<HsdsIndex> } | null = null;
  return async () => {
    const [version, reviews] = await Promise.all([
      storage.core.latestPackVersion(),
      storage.reviews.reviewsRevision(),
    ]);
    const now = new Date();
    const key = `${version}/${reviews}/${ukClockPeriods(now, 1)[0]?.from ?? ''}`;
    if (!current || current.key !== key) {
      const index = loadHsdsIndex(storage, version, now);
      current = { key, index };
      // A failed load is not cached: the next request tries again.
      index.catch(() => {
        if (current?.index === index) current = null;
      });
    }
    return current.index;
  };
}
