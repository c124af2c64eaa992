// Local information pages, wiki-style: facts about one access point ("the lift is broken",
// the volunteer rota) kept by the people there and readable everywhere. Every save is an
// immutable revision naming the revisions it replaces; a page's state is a pure function of
// its revisions, so devices that edited offline converge whatever order revisions arrive in.
import { z } from 'zod';
import { uuidV7 } from './ids.ts';
import { MAX_RICH_TEXT_CHARS, sanitizeRichText } from './rich-text.ts';
import { freeText } from './text.ts';

/** What a device sends when someone saves a page. The body is sanitised as it is parsed. */
export const localPageRevisionInput = z.strictObject({
  id: uuidV7,
  pageId: uuidV7,
  /** The heads the editor started from: none for a new page, several to merge a conflict. */
  baseRevisionIds: z.array(uuidV7).max(20),
  title: freeText(1, 120),
  body: z.string().max(MAX_RICH_TEXT_CHARS).transform(sanitizeRichText),
  author: freeText(1, 80),
  /** Device clock: shown, never used to decide which revision wins. */
  createdAt: z.iso.datetime({ offset: true }),
});
export type LocalPageRevisionInput = z.infer<typeof localPageRevisionInput>;

export const localPageRevision = localPageRevisionInput.extend({
  accessPointId: z.string(),
  deviceId: z.string(),
  receivedAt: z.string(),
});
export type LocalPageRevision = z.infer<typeof localPageRevision>;

type RevisionLink = Pick<LocalPageRevisionInput, 'id' | 'baseRevisionIds'>;

/** Revisions no other revision replaces. One head: the page is settled; more: in conflict. */
export function pageHeads<R extends RevisionLink>(revisions: readonly R[]): R[] {
  const replaced = new Set(revisions.flatMap((r) => r.baseRevisionIds));
  return revisions.filter((r) => !replaced.has(r.id)).sort((a, b) => (a.id < b.id ? -1 : 1));
}

export interface PageState<R extends RevisionLink> {
  heads: R[];
  conflict: boolean;
  /** The revision shown as the page: the only head, or (in conflict) the newest-created one. */
  current: R;
}

export function pageState<R extends RevisionLink>(revisions: readonly R[]): PageState<R> | null {
  const heads = pageHeads(revisions);
  const current = heads.at(-1);
  if (!current) return null;
  return { heads, conflict: heads.length > 1, current };
}
