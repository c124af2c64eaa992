// The service finder's index: every service of the pack, in every language it is written in,
// with its keywords and synonyms, the life events and topics it belongs to. Built on the
// device from the pack (no network), rebuilt when the pack changes.
import MiniSearch, { type Options, type SearchResult } from 'minisearch';
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

/**
 * Names the index code below (fields, tokenizing, terms). Bump it whenever any of it changes, so
 * that an index a device stored with the old code is rebuilt rather than loaded.
 */
export const SERVICE_INDEX_FORMAT = 1;

export interface ServiceIndex {
  search(query: string, options?: { limit?: number }): ServiceHit[];
  readonly size: number;
  /** The index as MiniSearch JSON, for serviceIndexFromJson. */
  toJson(): string;
}

// Loading an index needs exactly the options it was built with (tokenize and processTerm are
// not stored in it), so both paths take them from here.
const indexOptions = (): Options<ServiceDocument> => ({
  fields: ['name', 'keywords', 'related', 'description'],
  tokenize,
  processTerm: (term: string) => (term.length > 0 ? term : null),
  searchOptions: {
    boost: { name: 4, keywords: 3, related: 1.5, description: 0.5 },
    prefix: (term: string) => term.length >= 2,
    // Typos: one edit in short words, two in long ones; never on one- or two-letter words.
    fuzzy: (term: string) => (term.length < 4 ? false : term.length < 8 ? 1 : 2),
    combineWith: 'AND',
  },
});

const toDocuments = (
  services: readonly Service[],
  labels: ReadonlyMap<string, LocalText>,
): ServiceDocument[] =>
  services.map((s) => ({
    id: s.id,
    name: allLanguages(s.name),
    keywords: Object.values(s.keywords).flat().join(' \n '),
    related: [...s.lifeEvents, ...s.topics].map((id) => allLanguages(labels.get(id))).join(' \n '),
    description: allLanguages(s.description),
  }));

function wrap(index: MiniSearch<ServiceDocument>): ServiceIndex {
  // Equal scores in the order of their ids: MiniSearch leaves ties in the order of its own
  // tree, which differs between an index built here and one loaded from storage.
  const toHits = (results: SearchResult[], limit: number) =>
    results
      .map((r) => ({ id: String(r.id), score: r.score }))
      .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .slice(0, limit);
  return {
    size: index.documentCount,
    search(query, options = {}) {
      const limit = options.limit ?? 50;
      if (normalise(query).trim() === '') return [];
      const all = index.search(query);
      // Every word should match; when none does (a long, loose query), rank by any word.
      return toHits(all.length > 0 ? all : index.search(query, { combineWith: 'OR' }), limit);
    },
    toJson: () => JSON.stringify(index),
  };
}

/**
 * @param labels names of life events and topics by id, so "bereavement" finds the services
 * filed under that life event even when their own text never says it.
 */
export function buildServiceIndex(
  services: readonly Service[],
  labels: ReadonlyMap<string, LocalText> = new Map(),
): ServiceIndex {
  const index = new MiniSearch<ServiceDocument>(indexOptions());
  index.addAll(toDocuments(services, labels));
  return wrap(index);
}

/**
 * The same index, built in chunks that give the main thread back between them, so that a
 * screen stays responsive (typing, painting) while it is built.
 */
export async function buildServiceIndexAsync(
  services: readonly Service[],
  labels: ReadonlyMap<string, LocalText> = new Map(),
): Promise<ServiceIndex> {
  const index = new MiniSearch<ServiceDocument>(indexOptions());
  await index.addAllAsync(toDocuments(services, labels), { chunkSize: 50 });
  return wrap(index);
}

/** An index from ServiceIndex.toJson, written by code of the same SERVICE_INDEX_FORMAT. */
export async function serviceIndexFromJson(json: string): Promise<ServiceIndex> {
  return wrap(await MiniSearch.loadJSONAsync<ServiceDocument>(json, indexOptions()));
}
