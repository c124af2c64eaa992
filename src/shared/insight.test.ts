import { describe, expect, it } from 'vitest';
import {
  csvCell,
  defaultFrom,
  ignoredFilters,
  parseInsightFilter,
  shiftPeriods,
  toCsv,
} from './insight.ts';

describe('CSV', () => {
  it('quotes separators, quotes and line breaks, and makes formulas inert', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    for (const formula of ['=1+1', '+44 7700', '-2', '@SUM(A1)', '\tx', '\rx']) {
      expect(csvCell(formula).replace(/^"/, '').startsWith("'")).toBe(true);
    }
    expect(csvCell(-53.7)).toBe('-53.7');
    expect(csvCell(null)).toBe('');
    expect(toCsv({ columns: ['a', 'b'], rows: [[1, '=x']] })).toBe("a,b\r\n1,'=x\r\n");
  });
});

describe('filters', () => {
  it('opens on six whole calendar months', () => {
    expect(defaultFrom('2026-11-23')).toBe('2026-06-01');
    expect(defaultFrom('2026-03-31')).toBe('2025-10-01');
    expect(parseInsightFilter({}, '2026-11-23')).toEqual({
      ok: true,
      filter: { from: '2026-06-01', to: '2026-11-23' },
    });
  });

  it('refuses what is not a filter, saying why', () => {
    for (const query of [
      { from: '2026-02-30x' },
      { from: '2026-02-30' },
      { to: '1999-12-31' },
      { from: '2026-05-01', to: '2026-04-01' },
      { channel: 'fax' },
      { tier: '4' },
      { partner: 'a b' },
      { service: 'x'.repeat(101) },
    ]) {
      const parsed = parseInsightFilter(query, '2026-11-23');
      expect(parsed.ok, JSON.stringify(query)).toBe(false);
    }
  });

  it('names the filters in force that a section cannot apply, and only those', () => {
    const range = { from: '2026-06-01', to: '2026-11-30' };
    expect(ignoredFilters('commitments', { ...range, partner: 'p', channel: 'web' })).toEqual([
      'channel',
    ]);
    expect(ignoredFilters('shift', { ...range, service: 's', tier: 2 })).toEqual([
      'service',
      'tier',
    ]);
    expect(ignoredFilters('volumes', { ...range, service: 's', channel: 'web', tier: 1 })).toEqual(
      [],
    );
    expect(ignoredFilters('audits', range)).toEqual([]);
  });

  it('splits the months in two for channel shift', () => {
    expect(shiftPeriods({ from: '2026-01-15', to: '2026-06-02' })).toEqual({
      earlier: { from: '2026-01', to: '2026-03' },
      later: { from: '2026-04', to: '2026-06' },
    });
    expect(shiftPeriods({ from: '2026-01-01', to: '2026-03-31' })).toEqual({
      earlier: { from: '2026-01', to: '2026-01' },
      later: { from: '2026-02', to: '2026-03' },
    });
  });
});
