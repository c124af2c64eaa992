// The pack records that public pages (tracking, Open311) look up on every request, indexed by
// id and kept in memory until a newer pack version is published: one cheap query per request
// instead of parsing a thousand services.
import type { Commitment, Partner, Service } from '../../shared/pack/schema.ts';
import type { CoreStore } from './store/core-store.ts';

/** The stores this file uses. */
type Stores = { readonly core: CoreStore };

export interface PackIndex {
  services: Map<string, Service>;
  /** Topic names in English, by id. */
  topics: Map<string, string>;
  partners: Map<string, Partner>;
  /** By service id. */
  commitments: Map<string, Commitment>;
}

export function packIndexCache(storage: Stores): () => Promise<PackIndex> {
  let cached: { version: number; index: Promise<PackIndex> } | null = null;
  return async () => {
    const version = await storage.core.latestPackVersion();
    if (cached?.version !== version) {
      const index = build(storage);
      cached = { version, index };
      // A failed build must not stay cached.
      index.catch(() => {
        if (cached?.index === index) cached = null;
      });
    }
    return cached.index;
  };
}

async function build(storage: Stores): Promise<PackIndex> {
  const [services, topics, partners, commitments] = await Promise.all([
    storage.core.listPackRecords('services'),
    storage.core.listPackRecords('topics'),
    storage.core.listPackRecords('partners'),
    storage.core.listPackRecords('commitments'),
  ]);
  return {
    services: new Map(services.map((s) => [s.id, s])),
    topics: new Map(topics.map((t) => [t.id, t.name.en])),
    partners: new Map(partners.map((p) => [p.id, p])),
    commitments: new Map(commitments.map((c) => [c.serviceId, c])),
  };
}
