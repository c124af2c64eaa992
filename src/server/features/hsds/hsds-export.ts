// `npm run pack -- export --format hsds`: the latest published version, mapped exactly as the
// /hsds API serves it, written as files.
import type { CoreStore } from '../../platform/store/core-store.ts';
import type { ReviewStore } from '../reviews/review-store.ts';
import { HSDS_FILES, writeHsdsDir } from './hsds-files.ts';
import type { HsdsDataset } from './hsds-types.ts';
import { loadPublishedPack } from './published-dataset.ts';
import { toHsds } from './to-hsds.ts';

/** The stores this file uses. */
type Stores = { readonly core: CoreStore; readonly reviews: ReviewStore };

export async function exportHsds(
  storage: Stores,
  dir: string,
): Promise<{ version: number; summary: string }> {
  const version = await storage.core.latestPackVersion();
  const published = await loadPublishedPack(storage, version);
  const dataset = toHsds(published.pack, {
    modifiedAt: published.modifiedAt,
    ratings: await storage.reviews.ratingSummaries(),
  });
  const [info] =
    version > 0 ? await storage.core.listPackVersions({ after: version - 1, upTo: version }) : [];
  writeHsdsDir(dir, dataset, { packVersion: version, publishedAt: info?.publishedAt });
  const summary = (Object.keys(HSDS_FILES) as (keyof HsdsDataset)[])
    .map((key) => `${dataset[key].length} ${key}`)
    .join(', ');
  return { version, summary };
}
