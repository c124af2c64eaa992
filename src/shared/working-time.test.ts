import { describe, expect, it } from 'vitest';
import type { Duration } from './pack/schema.ts';
import {
  WORKING_DAY,
  addWorkingTime,
  atRiskFrom,
  bankHolidays,
  commitmentStatus,
  easterSunday,
  isWorkingDay,
  workingTimeBetween,
} from './working-time.ts';

const HOUR = 3_600_000;
const at = (iso: string): Date => new Date(iso);
const wd = (amount: number): Duration => ({ amount, unit: 'working-days' });
const wh = (amount: number): Duration => ({ amount, unit: 'working-hours' });
const cd = (amount: number): Duration => ({ amount, unit: 'calendar-days' });
/**
 * The fastest of a few runs after a warm-up, in milliseconds: the first call pays for creating
 * the Intl formatter and filling the bank-holiday cache, and one run can hit a GC pause.
 */
const fastestMs = (fn: () => unknown): number => {
  fn();
  let best = Infinity;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    fn();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
};
const due = (start: string, duration: Duration): string =>
  addWorkingTime(at(start), duration).toISOString();

describe('WORKING_DAY', () => {
  it('is 09:00 to 17:00', () => {
    expect(WORKING_DAY).toEqual({ start: '09:00', end: '17:00' });
  });
});

describe('easterSunday', () => {
  it.each([
    [1961, '1961-04-02'],
    [2000, '2000-04-23'],
    [2008, '2008-03-23'], // early
    [2011, '2011-04-24'],
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'], // latest possible
    [2285, '2285-03-22'], // earliest possible
  ])('%i → %s', (year, expected) => {
    expect(easterSunday(year)).toBe(expected);
  });
});

describe('bankHolidays (England and Wales, as published on GOV.UK)', () => {
  const official: Record<number, string[]> = {
    2019: [
      '2019-01-01',
      '2019-04-19',
      '2019-04-22',
      '2019-05-06',
      '2019-05-27',
      '2019-08-26',
      '2019-12-25',
      '2019-12-26',
    ],
    // Early May moved to Friday 8 May (VE Day 75); Christmas on Friday → Boxing Day Monday 28th.
    2020: [
      '2020-01-01',
      '2020-04-10',
      '2020-04-13',
      '2020-05-08',
      '2020-05-25',
      '2020-08-31',
      '2020-12-25',
      '2020-12-28',
    ],
    // Christmas on Saturday → Monday 27th and Tuesday 28th.
    2021: [
      '2021-01-01',
      '2021-04-02',
      '2021-04-05',
      '2021-05-03',
      '2021-05-31',
      '2021-08-30',
      '2021-12-27',
      '2021-12-28',
    ],
    // New Year on Saturday; spring moved to Thu 2 June + Platinum Jubilee Fri 3 June; State
    // Funeral Mon 19 September; Christmas on Sunday → Boxing Day Mon 26, Christmas Tue 27.
    2022: [
      '2022-01-03',
      '2022-04-15',
      '2022-04-18',
      '2022-05-02',
      '2022-06-02',
      '2022-06-03',
      '2022-08-29',
      '2022-09-19',
      '2022-12-26',
      '2022-12-27',
    ],
    // New Year on Sunday; Coronation Mon 8 May.
    2023: [
      '2023-01-02',
      '2023-04-07',
      '2023-04-10',
      '2023-05-01',
      '2023-05-08',
      '2023-05-29',
      '2023-08-28',
      '2023-12-25',
      '2023-12-26',
    ],
    // Easter in March.
    2024: [
      '2024-01-01',
      '2024-03-29',
      '2024-04-01',
      '2024-05-06',
      '2024-05-27',
      '2024-08-26',
      '2024-12-25',
      '2024-12-26',
    ],
    2025: [
      '2025-01-01',
      '2025-04-18',
      '2025-04-21',
      '2025-05-05',
      '2025-05-26',
      '2025-08-25',
      '2025-12-25',
      '2025-12-26',
    ],
    // Christmas on Friday → Boxing Day Monday 28th.
    2026: [
      '2026-01-01',
      '2026-04-03',
      '2026-04-06',
      '2026-05-04',
      '2026-05-25',
      '2026-08-31',
      '2026-12-25',
      '2026-12-28',
    ],
    // Christmas on Saturday → Monday 27th and Tuesday 28th.
    2027: [
      '2027-01-01',
      '2027-03-26',
      '2027-03-29',
      '2027-05-03',
      '2027-05-31',
      '2027-08-30',
      '2027-12-27',
      '2027-12-28',
    ],
  };

  it.each(Object.entries(official))('%s', (year, expected) => {
    expect(bankHolidays(Number(year))).toEqual(expected);
  });

  it('includes the earlier one-off changes (2011 Royal Wedding, 2012 Diamond Jubilee)', () => {
    expect(bankHolidays(2011)).toEqual([
      '2011-01-03',
      '2011-04-22',
      '2011-04-25',
      '2011-04-29',
      '2011-05-02',
      '2011-05-30',
      '2011-08-29',
      '2011-12-26',
      '2011-12-27',
    ]);
    expect(bankHolidays(2012)).toEqual([
      '2012-01-02',
      '2012-04-06',
      '2012-04-09',
      '2012-05-07',
      '2012-06-04',
      '2012-06-05',
      '2012-08-27',
      '2012-12-25',
      '2012-12-26',
    ]);
  });

  it('computes years without one-off changes from the rules', () => {
    // 2028: Easter 16 April; Christmas on Monday.
    expect(bankHolidays(2028)).toEqual([
      '2028-01-03',
      '2028-04-14',
      '2028-04-17',
      '2028-05-01',
      '2028-05-29',
      '2028-08-28',
      '2028-12-25',
      '2028-12-26',
    ]);
    // 2032: Christmas on Saturday, New Year on Thursday.
    expect(bankHolidays(2032)).toContain('2032-12-27');
    expect(bankHolidays(2032)).toContain('2032-12-28');
    // 2033: Christmas on Sunday, New Year on Saturday.
    expect(bankHolidays(2033)).toContain('2033-01-03');
    expect(bankHolidays(2033).slice(-2)).toEqual(['2033-12-26', '2033-12-27']);
  });

  it('returns a fresh, sorted array every time', () => {
    const first = bankHolidays(2025);
    first.push('2025-07-04');
    expect(bankHolidays(2025)).not.toContain('2025-07-04');
    for (const year of [2019, 2022, 2023, 2030]) {
      const list = bankHolidays(year);
      expect([...list].sort()).toEqual(list);
    }
  });
});

describe('isWorkingDay', () => {
  it('excludes weekends and bank holidays', () => {
    expect(isWorkingDay('2025-03-03')).toBe(true); // Monday
    expect(isWorkingDay('2025-03-07')).toBe(true); // Friday
    expect(isWorkingDay('2025-03-08')).toBe(false); // Saturday
    expect(isWorkingDay('2025-03-09')).toBe(false); // Sunday
    expect(isWorkingDay('2025-04-18')).toBe(false); // Good Friday
    expect(isWorkingDay('2025-04-21')).toBe(false); // Easter Monday
    expect(isWorkingDay('2022-09-19')).toBe(false); // State Funeral
    expect(isWorkingDay('2022-05-30')).toBe(true); // spring holiday moved away that year
    expect(isWorkingDay('2026-12-28')).toBe(false); // Boxing Day substitute
  });
});

describe('addWorkingTime: working days', () => {
  it('is the end of the Nth working day after the day of receipt', () => {
    // Monday 3 March 2025 10:00 GMT; no holidays in March 2025.
    expect(due('2025-03-03T10:00:00Z', wd(10))).toBe('2025-03-17T17:00:00.000Z');
    expect(due('2025-03-03T10:00:00Z', wd(1))).toBe('2025-03-04T17:00:00.000Z');
    expect(due('2025-03-03T10:00:00Z', wd(5))).toBe('2025-03-10T17:00:00.000Z');
  });

  it('skips weekends', () => {
    expect(due('2025-03-07T10:00:00Z', wd(1))).toBe('2025-03-10T17:00:00.000Z'); // Fri → Mon
    expect(due('2025-03-06T10:00:00Z', wd(3))).toBe('2025-03-11T17:00:00.000Z'); // Thu → Tue
  });

  it('counts from the next working day when received outside working hours', () => {
    // Before 09:00 on a working day: that day is the day of receipt.
    expect(due('2025-03-03T08:00:00Z', wd(1))).toBe('2025-03-04T17:00:00.000Z');
    // At or after 17:00: the next working day is the day of receipt.
    expect(due('2025-03-03T17:00:00Z', wd(1))).toBe('2025-03-05T17:00:00.000Z');
    expect(due('2025-03-03T18:30:00Z', wd(1))).toBe('2025-03-05T17:00:00.000Z');
    expect(due('2025-03-07T18:00:00Z', wd(1))).toBe('2025-03-11T17:00:00.000Z'); // Fri evening
    // Weekend: Monday is the day of receipt.
    expect(due('2025-03-08T12:00:00Z', wd(1))).toBe('2025-03-11T17:00:00.000Z');
    expect(due('2025-03-09T23:59:00Z', wd(10))).toBe('2025-03-24T17:00:00.000Z');
  });

  it('skips bank holidays, including receipt on one', () => {
    // Easter 2025 (BST): Thursday 17 April → Tuesday 22 April 17:00 BST = 16:00Z.
    expect(due('2025-04-17T09:00:00Z', wd(1))).toBe('2025-04-22T16:00:00.000Z');
    // Received on Good Friday: Tuesday is the day of receipt.
    expect(due('2025-04-18T09:00:00Z', wd(1))).toBe('2025-04-23T16:00:00.000Z');
    // Early May and spring 2025 both inside a 20-day span from Wed 30 April.
    expect(due('2025-04-30T09:00:00Z', wd(20))).toBe('2025-05-30T16:00:00.000Z');
  });

  it('handles the Christmas and New Year stretch of 2026-27', () => {
    // Thu 24 Dec 2026; Fri 25, Mon 28 Dec and Fri 1 Jan are bank holidays.
    expect(due('2026-12-24T10:00:00Z', wd(1))).toBe('2026-12-29T17:00:00.000Z');
    expect(due('2026-12-24T10:00:00Z', wd(3))).toBe('2026-12-31T17:00:00.000Z');
    expect(due('2026-12-24T10:00:00Z', wd(4))).toBe('2027-01-04T17:00:00.000Z');
    expect(due('2026-12-24T10:00:00Z', wd(5))).toBe('2027-01-05T17:00:00.000Z');
    // Received on Christmas Day: Tuesday 29th is the day of receipt.
    expect(due('2026-12-25T10:00:00Z', wd(1))).toBe('2026-12-30T17:00:00.000Z');
    // Christmas 2027 is a Saturday: Mon 27 and Tue 28 are holidays.
    expect(due('2027-12-24T10:00:00Z', wd(1))).toBe('2027-12-29T17:00:00.000Z');
  });

  it('keeps 17:00 local across the clock changes', () => {
    // Fri 27 March 2026 10:00 GMT; clocks go forward Sun 29 March → due 17:00 BST = 16:00Z.
    expect(due('2026-03-27T10:00:00Z', wd(2))).toBe('2026-03-31T16:00:00.000Z');
    // Fri 23 Oct 2026 10:00 BST; clocks go back Sun 25 Oct → due 17:00 GMT = 17:00Z.
    expect(due('2026-10-23T09:00:00Z', wd(2))).toBe('2026-10-27T17:00:00.000Z');
  });

  it('uses the local date, not the UTC date, for the day of receipt', () => {
    // 23:30Z on Sunday 6 April 2025 is 00:30 BST on Monday 7 April.
    expect(due('2025-04-06T23:30:00Z', wd(1))).toBe('2025-04-08T16:00:00.000Z');
  });

  it('rounds fractional days up and treats 0 as the end of the day of receipt', () => {
    expect(due('2025-03-03T10:00:00Z', wd(1.5))).toBe('2025-03-05T17:00:00.000Z');
    expect(due('2025-03-03T10:00:00Z', wd(0))).toBe('2025-03-03T17:00:00.000Z');
    expect(due('2025-03-08T10:00:00Z', wd(0))).toBe('2025-03-10T17:00:00.000Z');
  });

  it('counts exactly N working days for long targets, fast', () => {
    const start = at('2025-03-03T10:00:00Z');
    expect(fastestMs(() => addWorkingTime(start, wd(1000)))).toBeLessThan(5);
    const result = addWorkingTime(start, wd(1000));
    // Independent count with isWorkingDay over (day of receipt, due].
    const dueDay = result.toISOString().slice(0, 10);
    let count = 0;
    for (let d = new Date('2025-03-04T00:00:00Z'); ; d = new Date(d.getTime() + 24 * HOUR)) {
      const iso = d.toISOString().slice(0, 10);
      if (isWorkingDay(iso)) count++;
      if (iso === dueDay) break;
    }
    expect(count).toBe(1000);
    expect(isWorkingDay(dueDay)).toBe(true);
  });
});

describe('addWorkingTime: working hours', () => {
  it('counts within the same day', () => {
    expect(due('2025-03-03T10:00:00Z', wh(4))).toBe('2025-03-03T14:00:00.000Z');
    expect(due('2025-03-03T09:00:00Z', wh(8))).toBe('2025-03-03T17:00:00.000Z');
  });

  it('carries over to the next working day', () => {
    expect(due('2025-03-03T10:00:00Z', wh(8))).toBe('2025-03-04T10:00:00.000Z');
    expect(due('2025-03-03T09:00:00Z', wh(40))).toBe('2025-03-07T17:00:00.000Z');
  });

  it('runs from Friday afternoon to Monday', () => {
    expect(due('2025-03-07T15:00:00Z', wh(4))).toBe('2025-03-10T11:00:00.000Z');
  });

  it('starts at 09:00 on the next working day when outside working hours', () => {
    expect(due('2025-03-08T10:00:00Z', wh(4))).toBe('2025-03-10T13:00:00.000Z'); // Saturday
    expect(due('2025-03-03T07:00:00Z', wh(1))).toBe('2025-03-03T10:00:00.000Z'); // early
    expect(due('2025-03-03T20:00:00Z', wh(1))).toBe('2025-03-04T10:00:00.000Z'); // late
    expect(due('2025-03-03T17:00:00Z', wh(1))).toBe('2025-03-04T10:00:00.000Z'); // at close
  });

  it('skips bank holidays', () => {
    // Fri 2 May 2025 15:00 BST; Mon 5 May is the early May bank holiday.
    expect(due('2025-05-02T14:00:00Z', wh(4))).toBe('2025-05-06T10:00:00.000Z');
    // Thu 24 Dec 2026 16:00 GMT + 16 h: 1 h on the 24th, 8 h on Tue 29th, 7 h on Wed 30th.
    expect(due('2026-12-24T16:00:00Z', wh(16))).toBe('2026-12-30T16:00:00.000Z');
  });

  it('allows fractional hours', () => {
    expect(due('2025-03-03T10:00:00Z', wh(0.5))).toBe('2025-03-03T10:30:00.000Z');
    expect(due('2025-03-03T10:00:00Z', wh(0.25))).toBe('2025-03-03T10:15:00.000Z');
    expect(due('2025-03-03T16:30:00Z', wh(1.5))).toBe('2025-03-04T10:00:00.000Z');
    expect(due('2025-03-08T10:00:00Z', wh(0.5))).toBe('2025-03-10T09:30:00.000Z');
  });

  it('works across the clock changes', () => {
    // Fri 27 March 2026 16:00 GMT + 2 h → Mon 30 March 10:00 BST = 09:00Z.
    expect(due('2026-03-27T16:00:00Z', wh(2))).toBe('2026-03-30T09:00:00.000Z');
    // Fri 23 Oct 2026 16:00 BST + 2 h → Mon 26 Oct 10:00 GMT = 10:00Z.
    expect(due('2026-10-23T15:00:00Z', wh(2))).toBe('2026-10-26T10:00:00.000Z');
    // In summer 09:00 local is 08:00Z.
    expect(due('2025-07-05T12:00:00Z', wh(1))).toBe('2025-07-07T09:00:00.000Z');
  });

  it('returns the start for 0 hours and is fast for 1000 hours', () => {
    expect(due('2025-03-08T10:00:00Z', wh(0))).toBe('2025-03-08T10:00:00.000Z');
    expect(fastestMs(() => addWorkingTime(at('2025-03-03T09:00:00Z'), wh(1000)))).toBeLessThan(5);
    const result = addWorkingTime(at('2025-03-03T09:00:00Z'), wh(1000));
    expect(workingTimeBetween(at('2025-03-03T09:00:00Z'), result)).toBe(1000 * HOUR);
  });

  it('is the inverse of workingTimeBetween', () => {
    // Deterministic pseudo-random starts over 2025-2027 and amounts up to 100 h.
    let seed = 12345;
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const base = Date.UTC(2025, 0, 1);
    for (let i = 0; i < 200; i++) {
      const start = new Date(base + Math.floor(next() * 3 * 365 * 24) * HOUR + 17 * 60_000);
      const hours = Math.round(next() * 400) / 4;
      if (hours === 0) continue;
      const end = addWorkingTime(start, wh(hours));
      expect(workingTimeBetween(start, end)).toBe(hours * HOUR);
    }
  });
});

describe('addWorkingTime: calendar days', () => {
  it('adds whole days, weekends included', () => {
    expect(due('2025-01-10T12:00:00Z', cd(14))).toBe('2025-01-24T12:00:00.000Z');
    expect(due('2025-03-07T12:00:00Z', cd(1))).toBe('2025-03-08T12:00:00.000Z'); // Fri → Sat
  });

  it('keeps the local time across the clock changes', () => {
    // Sat 28 March 2026 10:00 GMT + 2 days → Mon 30 March 10:00 BST = 09:00Z.
    expect(due('2026-03-28T10:00:00Z', cd(2))).toBe('2026-03-30T09:00:00.000Z');
    // Sat 24 Oct 2026 10:00 BST + 2 days → Mon 26 Oct 10:00 GMT = 10:00Z.
    expect(due('2026-10-24T09:00:00Z', cd(2))).toBe('2026-10-26T10:00:00.000Z');
  });

  it('adds fractions of a day as wall-clock hours', () => {
    expect(due('2025-03-03T10:00:00Z', cd(0.5))).toBe('2025-03-03T22:00:00.000Z');
  });
});

describe('addWorkingTime: invalid amounts', () => {
  it('refuses negative and non-finite amounts', () => {
    expect(() => addWorkingTime(at('2025-03-03T10:00:00Z'), wd(-1))).toThrow(RangeError);
    expect(() => addWorkingTime(at('2025-03-03T10:00:00Z'), wh(Number.NaN))).toThrow(RangeError);
    expect(() => addWorkingTime(at('2025-03-03T10:00:00Z'), cd(Infinity))).toThrow(RangeError);
  });
});

describe('workingTimeBetween', () => {
  it('is 0 when to is not after from', () => {
    expect(workingTimeBetween(at('2025-03-03T12:00:00Z'), at('2025-03-03T12:00:00Z'))).toBe(0);
    expect(workingTimeBetween(at('2025-03-04T12:00:00Z'), at('2025-03-03T12:00:00Z'))).toBe(0);
  });

  it('counts only weekday working time over a weekend', () => {
    // Fri 15:00 → Mon 11:00: 2 h on Friday + 2 h on Monday.
    expect(workingTimeBetween(at('2025-03-07T15:00:00Z'), at('2025-03-10T11:00:00Z'))).toBe(
      4 * HOUR,
    );
    // Saturday to Sunday: nothing.
    expect(workingTimeBetween(at('2025-03-08T00:00:00Z'), at('2025-03-09T23:59:00Z'))).toBe(0);
    // Friday 17:00 to Monday 09:00: nothing.
    expect(workingTimeBetween(at('2025-03-07T17:00:00Z'), at('2025-03-10T09:00:00Z'))).toBe(0);
  });

  it('counts a whole week and excludes bank holidays', () => {
    expect(workingTimeBetween(at('2025-03-03T10:00:00Z'), at('2025-03-10T10:00:00Z'))).toBe(
      40 * HOUR,
    );
    // Easter week 2025 (Mon 14 – Mon 21 April, BST): Good Friday and Easter Monday excluded.
    expect(workingTimeBetween(at('2025-04-13T23:00:00Z'), at('2025-04-21T22:59:00Z'))).toBe(
      32 * HOUR,
    );
  });

  it('clips to working hours within a day', () => {
    expect(workingTimeBetween(at('2025-03-03T07:00:00Z'), at('2025-03-03T20:00:00Z'))).toBe(
      8 * HOUR,
    );
    expect(workingTimeBetween(at('2025-03-03T10:15:00Z'), at('2025-03-03T10:45:30Z'))).toBe(
      30.5 * 60_000,
    );
  });

  it('uses UK local time across the clock changes', () => {
    // Fri 27 March 2026 16:00 GMT → Mon 30 March 10:00 BST (09:00Z): 1 h + 1 h.
    expect(workingTimeBetween(at('2026-03-27T16:00:00Z'), at('2026-03-30T09:00:00Z'))).toBe(
      2 * HOUR,
    );
    // A summer working day is 08:00Z–16:00Z.
    expect(workingTimeBetween(at('2025-07-07T00:00:00Z'), at('2025-07-07T16:00:00Z'))).toBe(
      8 * HOUR,
    );
    expect(workingTimeBetween(at('2025-07-07T16:00:00Z'), at('2025-07-07T17:00:00Z'))).toBe(0);
  });
});

describe('commitmentStatus', () => {
  // Monday 3 March 2025 09:00 GMT, 10 working hours → due Tuesday 11:00.
  const start = at('2025-03-03T09:00:00Z');
  const target = addWorkingTime(start, wh(10));

  it('has the expected due instant', () => {
    expect(target.toISOString()).toBe('2025-03-04T11:00:00.000Z');
  });

  it('is on track below 80 % of the working time', () => {
    expect(commitmentStatus(start, target, start, false)).toBe('on-track');
    // 79 % of 10 h = 7 h 54 min → Monday 16:54.
    expect(commitmentStatus(start, target, at('2025-03-03T16:54:00Z'), false)).toBe('on-track');
  });

  it('is at risk from 80 % of the working time until due', () => {
    // 80 % = 8 h → Monday 17:00; the evening adds no working time.
    expect(commitmentStatus(start, target, at('2025-03-03T17:00:00Z'), false)).toBe('at-risk');
    expect(commitmentStatus(start, target, at('2025-03-03T22:00:00Z'), false)).toBe('at-risk');
    expect(commitmentStatus(start, target, target, false)).toBe('at-risk');
  });

  it('measures working time, not wall time, over a weekend', () => {
    // Friday 09:00 → Monday 17:00 is 16 working hours; Sunday has used only 8 (50 %).
    const friday = at('2025-03-07T09:00:00Z');
    const monday = at('2025-03-10T17:00:00Z');
    expect(commitmentStatus(friday, monday, at('2025-03-09T20:00:00Z'), false)).toBe('on-track');
    // Monday 12:00 is 11 h (69 %); Monday 14:00 is 13 h (81 %).
    expect(commitmentStatus(friday, monday, at('2025-03-10T12:00:00Z'), false)).toBe('on-track');
    expect(commitmentStatus(friday, monday, at('2025-03-10T14:00:00Z'), false)).toBe('at-risk');
  });

  it('is breached after the due instant unless done', () => {
    expect(commitmentStatus(start, target, at('2025-03-04T11:00:01Z'), false)).toBe('breached');
    expect(commitmentStatus(start, target, at('2025-04-01T00:00:00Z'), false)).toBe('breached');
    expect(commitmentStatus(start, target, at('2025-04-01T00:00:00Z'), true)).toBe('done');
    expect(commitmentStatus(start, target, at('2025-03-03T10:00:00Z'), true)).toBe('done');
  });

  it('falls back to wall time when start → due holds no working time', () => {
    // A one-calendar-day target over a weekend: Sat 00:00 → Sun 00:00.
    const sat = at('2025-03-08T00:00:00Z');
    const sun = addWorkingTime(sat, cd(1));
    expect(sun.toISOString()).toBe('2025-03-09T00:00:00.000Z');
    // 79 % of 24 h = 18 h 57 min 36 s; 80 % = 19 h 12 min.
    expect(commitmentStatus(sat, sun, at('2025-03-08T18:57:36Z'), false)).toBe('on-track');
    expect(commitmentStatus(sat, sun, at('2025-03-08T19:12:00Z'), false)).toBe('at-risk');
    expect(commitmentStatus(sat, sun, at('2025-03-09T00:00:01Z'), false)).toBe('breached');
  });
});

describe('atRiskFrom', () => {
  const cases: [string, string][] = [
    ['2025-03-10T10:00:00Z', '2025-03-24T17:00:00Z'], // ten working days from a Monday
    ['2025-03-08T10:00:00Z', '2025-03-12T11:30:00Z'], // received on a Saturday
    ['2025-03-08T10:00:00Z', '2025-03-09T10:00:00Z'], // no working time at all: wall time
    ['2025-03-10T16:59:59.999Z', '2025-03-11T09:00:00.007Z'], // fractions of a millisecond
    ['2025-03-10T10:00:00Z', '2025-03-10T10:00:00Z'], // due at the start
  ];
  it.each(cases)('from %s to %s is the first instant commitmentStatus calls at risk', (s, d) => {
    const start = new Date(s);
    const due = new Date(d);
    const at = atRiskFrom(start, due);
    expect(commitmentStatus(start, due, at, false)).not.toBe('on-track');
    if (at.getTime() > start.getTime()) {
      expect(commitmentStatus(start, due, new Date(at.getTime() - 1), false)).toBe('on-track');
    }
  });
});
