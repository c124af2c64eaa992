// The service finder's index: every service of the pack, in every language it is written in,
// with its keywords and synonyms, the life events and topics it belongs to. Built on the
// device from the pack (no network), rebuilt when the pack changes.
import MiniSearch, { type SearchResult } from 'minisearch';
import { PACK_LANGUAGES, type LocalText } from '../pack/local-text.ts';
import type { Service } from '../pack/schema.ts';
import { normalise, tokenize } from './tokenize.ts';

interface ServiceDocument {
  id: string;
  name: string;
  keywords: string;
  related: string;
  description: string;
}

const allLanguages = (text: LocalText | undefined): string =>
  text ? PACK_LANGUAGES.map((l) => text[l] ?? '').join(' \n ') : '';

export interface ServiceHit {
  id: string;
  score: number;
}

export interface ServiceIndex {
  search(query: string, options?: { limit?: number }): ServiceHit[];
  readonly size: number;
}

/**
 * @param labels names of life events and topics by id, so "bereavement" finds the services
 * filed under that life event even when their own text never says it.
 */
export function buildServiceIndex(
  services: readonly Service[],
  labels: ReadonlyMap<string, LocalText> = new Map(),
): ServiceIndex {
  const index = new MiniSearch<ServiceDocument>({
    fields: ['name', 'keywords', 'related', 'description'],
    tokenize,
    processTerm: (term) => (term.length > 0 ? term : null),
    searchOptions: {
      boost: { name: 4, keywords: 3, related: 1.5, description: 0.5 },
      prefix: (term) => term.length >= 2,
      // Typos: one edit in short words, two in long ones; never on one- or two-letter words.
      fuzzy: (term) => (term.length < 4 ? false : term.length < 8 ? 1 : 2),
      combineWith: 'AND',
    },
  });
  index.addAll(
    services.map((s) => ({
      id: s.id,
      name: allLanguages(s.name),
      keywords: Object.values(s.keywords).flat().join(' \n '),
      related: [...s.lifeEvents, ...s.topics]
        .map((id) => allLanguages(labels.get(id)))
        .join(' \n '),
      description: allLanguages(s.description),
    })),
  );
  const toHits = (results: SearchResult[], limit: number) =>
    results.slice(0, limit).map((r) => ({ id: String(r.id), score: r.score }));
  return {
    size: services.length,
    search(query, options = {}) {
      const limit = options.limit ?? 50;
      if (normalise(query).trim() === '') return [];
      const all = index.search(query);
      // Every word should match; when none does (a long, loose query), rank by any word.
      return toHits(all.length > 0 ? all : index.search(query, { combineWith: 'OR' }), limit);
    },
  };
}
