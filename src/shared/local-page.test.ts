import { describe, expect, it } from 'vitest';
import { newId } from './ids.ts';
import { localPageRevisionInput, pageHeads, pageState } from './local-page.ts';

const rev = (id: string, ...base: string[]) => ({ id, baseRevisionIds: base });

describe('local page state', () => {
  it('follows a line of edits to one head', () => {
    const state = pageState([rev('a'), rev('b', 'a'), rev('c', 'b')]);
    expect(state?.heads.map((r) => r.id)).toEqual(['c']);
    expect(state?.conflict).toBe(false);
  });

  it('keeps both offline edits as a conflict, whatever order they arrive in', () => {
    const revisions = [rev('a'), rev('b1', 'a'), rev('b2', 'a')];
    for (const order of [
      revisions,
      [...revisions].reverse(),
      [revisions[1]!, revisions[0]!, revisions[2]!],
    ]) {
      const state = pageState(order);
      expect(state?.conflict).toBe(true);
      expect(state?.heads.map((r) => r.id)).toEqual(['b1', 'b2']);
    }
  });

  it('settles when a person merges the heads', () => {
    expect(
      pageHeads([rev('a'), rev('b1', 'a'), rev('b2', 'a'), rev('m', 'b1', 'b2')]).map((r) => r.id),
    ).toEqual(['m']);
    // A merge that missed a head (it arrived later) leaves that head standing: still a conflict.
    expect(
      pageHeads([rev('a'), rev('b1', 'a'), rev('b2', 'a'), rev('m', 'b1')]).map((r) => r.id),
    ).toEqual(['b2', 'm']);
  });

  it('sanitises the body as it parses a revision', () => {
    const parsed = localPageRevisionInput.parse({
      id: newId(),
      pageId: newId(),
      baseRevisionIds: [],
      title: 'Lift',
      body: '<p>Broken<img src=x onerror=alert(1)></p><script>alert(2)</script>',
      author: 'Sam',
      createdAt: new Date().toISOString(),
    });
    expect(parsed.body).toBe('<p>Broken</p>');
  });
});
