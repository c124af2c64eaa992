import { useLiveQuery } from 'dexie-react-hooks';
import { pageState, type LocalPageRevision, type PageState } from '../../../shared/local-page.ts';
import { useDb } from '../../db/use-db.ts';

export interface PageSummary {
  pageId: string;
  accessPointId: string;
  state: PageState<LocalPageRevision>;
  revisions: LocalPageRevision[];
}

function summarise(pageId: string, revisions: LocalPageRevision[]): PageSummary | null {
  const state = pageState(revisions);
  // The access point that created the page owns it (the hub enforces the same rule).
  const first = [...revisions].sort((a, b) => (a.id < b.id ? -1 : 1))[0];
  return state && first ? { pageId, accessPointId: first.accessPointId, state, revisions } : null;
}

export function usePages(): PageSummary[] | undefined {
  const db = useDb();
  return useLiveQuery(async () => {
    const byPage = new Map<string, LocalPageRevision[]>();
    for (const r of await db.pageRevisions.toArray()) {
      byPage.set(r.pageId, [...(byPage.get(r.pageId) ?? []), r]);
    }
    return [...byPage.entries()]
      .map(([pageId, revisions]) => summarise(pageId, revisions))
      .filter((p): p is PageSummary => p !== null)
      .sort((a, b) => a.state.current.title.localeCompare(b.state.current.title));
  }, [db]);
}

export function usePage(pageId: string): PageSummary | null | undefined {
  const db = useDb();
  return useLiveQuery(
    async () => summarise(pageId, await db.pageRevisions.where('pageId').equals(pageId).toArray()),
    [db, pageId],
  );
}
