// Working time for service commitments ("we will reply within 10 working days").
//
// Public services in England and Wales count time on working days: Monday to Friday, except
// the England and Wales bank holidays, between 09:00 and 17:00 UK local time (Europe/London,
// GMT in winter and BST in summer). This module is pure: it computes bank holidays from the
// rules (plus the known one-off changes) and reads the UK wall clock through `Intl`, never
// assuming a fixed offset.
//
// Internally a local calendar day is a "day number": whole days since 1970-01-01 counted on
// the calendar (UTC arithmetic on the date only, so no time zone is involved). A wall-clock
// time within a day is milliseconds since local midnight. The working window 09:00-17:00 never
// contains a clock change (the UK changes clocks at 01:00 UTC on a Sunday), so inside working
// hours wall-clock milliseconds and real elapsed milliseconds are the same.
import type { Duration } from './pack/schema.ts';

/** The working day in UK local time (Europe/London). */
export const WORKING_DAY = { start: '09:00', end: '17:00' } as const;

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** Milliseconds after local midnight for 'HH:MM'. */
function clockMs(hhmm: string): number {
  const [h, m] = hhmm.split(':');
  return Number(h) * HOUR_MS + Number(m) * MINUTE_MS;
}

const DAY_START_MS = clockMs(WORKING_DAY.start); // 09:00
const DAY_END_MS = clockMs(WORKING_DAY.end); // 17:00
const WORKING_DAY_MS = DAY_END_MS - DAY_START_MS; // 8 hours

// ---------------------------------------------------------------------------------------------
// Calendar days (no time zone involved)

/** Day number of a calendar date (month 1-12). */
function dayNumber(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / DAY_MS);
}

/** 'YYYY-MM-DD' for a day number. */
function isoOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Day number of 'YYYY-MM-DD'. */
function dayOfIso(iso: string): number {
  return dayNumber(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10)));
}

function yearOf(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

function isWeekend(day: number): boolean {
  const w = weekday(day);
  return w === 0 || w === 6;
}

/** The first Monday on or after a day. */
function mondayOnOrAfter(day: number): number {
  return day + ((8 - weekday(day)) % 7);
}

/** The last Monday on or before a day. */
function mondayOnOrBefore(day: number): number {
  return day - ((weekday(day) + 6) % 7);
}

/** Easter Sunday as a day number: the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
function easterDay(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const dayOfMonth = ((h + l - 7 * m + 114) % 31) + 1;
  return dayNumber(year, month, dayOfMonth);
}

/** Easter Sunday of a (Gregorian) year as 'YYYY-MM-DD'. */
export function easterSunday(year: number): string {
  return isoOf(easterDay(year));
}

// ---------------------------------------------------------------------------------------------
// Bank holidays (England and Wales)

/**
 * One-off changes by royal proclamation: a regular holiday moved (`moved`: from → to) and
 * extra days added. The regular rules below give every other year.
 */
const ONE_OFF: Record<number, { moved?: [string, string][]; extra?: string[] }> = {
  1995: { moved: [['1995-05-01', '1995-05-08']] }, // VE Day 50th anniversary
  1999: { extra: ['1999-12-31'] }, // Millennium
  2002: { moved: [['2002-05-27', '2002-06-04']], extra: ['2002-06-03'] }, // Golden Jubilee
  2011: { extra: ['2011-04-29'] }, // Royal Wedding
  2012: { moved: [['2012-05-28', '2012-06-04']], extra: ['2012-06-05'] }, // Diamond Jubilee
  2020: { moved: [['2020-05-04', '2020-05-08']] }, // VE Day 75th anniversary
  2022: {
    moved: [['2022-05-30', '2022-06-02']], // spring bank holiday moved for the Platinum Jubilee
    extra: ['2022-06-03', '2022-09-19'], // Platinum Jubilee; State Funeral of Queen Elizabeth II
  },
  2023: { extra: ['2023-05-08'] }, // Coronation of King Charles III
};

function computeBankHolidays(year: number): string[] {
  const days: number[] = [];

  // New Year's Day; on a weekend the substitute is the following Monday.
  const newYear = dayNumber(year, 1, 1);
  days.push(isWeekend(newYear) ? mondayOnOrAfter(newYear) : newYear);

  // Good Friday and Easter Monday.
  const easter = easterDay(year);
  days.push(easter - 2, easter + 1);

  // Early May (first Monday of May), spring (last Monday of May), summer (last Monday of
  // August).
  days.push(mondayOnOrAfter(dayNumber(year, 5, 1)));
  days.push(mondayOnOrBefore(dayNumber(year, 5, 31)));
  days.push(mondayOnOrBefore(dayNumber(year, 8, 31)));

  // Christmas Day and Boxing Day. A holiday on a weekend moves to the next weekday not
  // already taken, which works out as: Christmas on Saturday or Sunday → the 27th; Boxing Day
  // on Saturday or Sunday → the 28th. (Christmas Saturday: Mon 27 + Tue 28; Christmas Sunday:
  // Boxing Day Mon 26 + Christmas Tue 27; Christmas Friday: Boxing Day Mon 28.)
  const christmas = dayNumber(year, 12, 25);
  days.push(isWeekend(christmas) ? christmas + 2 : christmas);
  days.push(isWeekend(christmas + 1) ? christmas + 3 : christmas + 1);

  let isos = days.map(isoOf);
  const oneOff = ONE_OFF[year];
  for (const [from, to] of oneOff?.moved ?? []) isos = isos.map((d) => (d === from ? to : d));
  isos.push(...(oneOff?.extra ?? []));
  return [...new Set(isos)].sort();
}

/** Cache: year → bank holidays as day numbers (computed once per year). */
const holidayCache = new Map<number, { isos: string[]; days: Set<number> }>();

function holidaysOf(year: number): { isos: string[]; days: Set<number> } {
  let entry = holidayCache.get(year);
  if (!entry) {
    const isos = computeBankHolidays(year);
    const days = new Set(isos.map(dayOfIso));
    entry = { isos, days };
    holidayCache.set(year, entry);
  }
  return entry;
}

/**
 * The England and Wales bank holidays of a year as sorted 'YYYY-MM-DD' dates: computed from
 * the rules in force since 1978 plus the known one-off changes (1995, 1999, 2002, 2011, 2012,
 * 2020, 2022, 2023). Future one-off changes must be added to ONE_OFF when proclaimed.
 */
export function bankHolidays(year: number): string[] {
  return [...holidaysOf(year).isos];
}

function isWorkingDayNumber(day: number): boolean {
  return !isWeekend(day) && !holidaysOf(yearOf(day)).days.has(day);
}

/** Whether a calendar date 'YYYY-MM-DD' is a working day in England and Wales. */
export function isWorkingDay(isoDate: string): boolean {
  return isWorkingDayNumber(dayOfIso(isoDate));
}

// ---------------------------------------------------------------------------------------------
// UK wall clock (Europe/London) through Intl

let londonFormat: Intl.DateTimeFormat | undefined;

/** Wall-clock milliseconds of an instant in Europe/London, as if that wall clock were UTC. */
function londonWallMs(instantMs: number): number {
  londonFormat ??= new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const parts: Record<string, number> = {};
  for (const p of londonFormat.formatToParts(instantMs)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const wall = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  // Intl gives whole seconds; the UK offset is whole hours, so the milliseconds carry over.
  return wall + (((instantMs % 1000) + 1000) % 1000);
}

/** UK local offset from UTC at an instant in milliseconds (0 in GMT, 3 600 000 in BST). */
function londonOffsetMs(instantMs: number): number {
  return londonWallMs(instantMs) - instantMs;
}

/** An instant as a local day number and milliseconds since local midnight. */
function toLocal(instant: Date): { day: number; ms: number } {
  const wall = londonWallMs(instant.getTime());
  const day = Math.floor(wall / DAY_MS);
  return { day, ms: wall - day * DAY_MS };
}

/**
 * The instant at which the UK wall clock shows `wallMs` (wall-clock milliseconds as if UTC).
 * A time skipped by the spring clock change (01:00-02:00) comes out one hour later; a time
 * repeated in the autumn (01:00-02:00) resolves to the second, GMT, occurrence. Neither
 * happens inside working hours.
 */
function fromLocalWall(wallMs: number): Date {
  const firstGuess = wallMs - londonOffsetMs(wallMs);
  const offset = londonOffsetMs(firstGuess);
  return new Date(wallMs - offset);
}

function fromLocal(day: number, ms: number): Date {
  return fromLocalWall(day * DAY_MS + ms);
}

// ---------------------------------------------------------------------------------------------
// Due dates

/**
 * The first working day whose working hours have not ended at the local time `local`: the
 * day itself if it is a working day and it is before 17:00, otherwise the next working day.
 */
function effectiveStartDay(local: { day: number; ms: number }): number {
  let day = local.day;
  if (!isWorkingDayNumber(day) || local.ms >= DAY_END_MS) {
    day += 1;
    // At most a long weekend plus Christmas: a handful of days.
    for (let i = 0; i < 31 && !isWorkingDayNumber(day); i++) day += 1;
  }
  return day;
}

function checkAmount(amount: number): void {
  if (!Number.isFinite(amount) || amount < 0) {
    throw new RangeError(`duration amount must be a finite number ≥ 0, got ${amount}`);
  }
}

/**
 * The instant a commitment of `duration` started at `start` falls due.
 *
 * - `calendar-days`: the same UK local time `amount` days later (so across a clock change the
 *   local time is kept and the elapsed real time is 23 or 25 hours per change). A fractional
 *   part adds that fraction of 24 wall-clock hours.
 * - `working-days`: the end (17:00 local) of the Nth working day after the day of receipt.
 *   The day of receipt is day 0 and is the start day if it is a working day and the start is
 *   before 17:00 (so receipt at 08:00 counts as that day); otherwise (after 17:00, a weekend or
 *   a bank holiday) the next working day is the day of receipt. So "10 working days" from
 *   Monday 10:00 is 17:00 on the Monday two weeks later (with no holidays), and from Saturday
 *   is 17:00 on the Monday two weeks after the following Monday. A fractional amount is
 *   rounded up to whole days; 0 means the end of the day of receipt.
 * - `working-hours`: only time inside working hours counts; time before the first working
 *   instant after `start` is skipped. If the hours run out exactly at 17:00 the due instant is
 *   17:00 that day (not 09:00 the next working day). Fractional amounts are allowed.
 */
export function addWorkingTime(start: Date, duration: Duration): Date {
  const { amount, unit } = duration;
  checkAmount(amount);
  const local = toLocal(start);

  if (unit === 'calendar-days') {
    return fromLocalWall(local.day * DAY_MS + local.ms + amount * DAY_MS);
  }

  if (unit === 'working-days') {
    let day = effectiveStartDay(local);
    let remaining = Math.ceil(amount);
    // Each week has at least 3 working days even around Christmas, so 3 calendar days per
    // working day plus slack is a safe bound.
    const limit = remaining * 3 + 31;
    for (let i = 0; i < limit && remaining > 0; i++) {
      day += 1;
      if (isWorkingDayNumber(day)) remaining -= 1;
    }
    return fromLocal(day, DAY_END_MS);
  }

  // working-hours
  if (amount === 0) return new Date(start.getTime());
  let remaining = amount * HOUR_MS;
  let day = local.day;
  const limit = Math.ceil(remaining / WORKING_DAY_MS) * 3 + 31;
  for (let i = 0; i < limit; i++, day++) {
    if (!isWorkingDayNumber(day)) continue;
    const from = day === local.day ? Math.max(DAY_START_MS, local.ms) : DAY_START_MS;
    if (from >= DAY_END_MS) continue; // started after hours on this day
    const available = DAY_END_MS - from;
    if (remaining <= available) return fromLocal(day, from + remaining);
    remaining -= available;
  }
  // Unreachable for any finite amount: the bound above always leaves enough working days.
  throw new RangeError('working time could not be added');
}

/**
 * Working milliseconds between two instants: the time inside working hours on working days
 * (0 if `to` is not after `from`).
 */
export function workingTimeBetween(from: Date, to: Date): number {
  if (to.getTime() <= from.getTime()) return 0;
  const a = toLocal(from);
  const b = toLocal(to);
  let total = 0;
  // One step per calendar day between the two instants (bounded by their distance).
  for (let day = a.day; day <= b.day; day++) {
    if (!isWorkingDayNumber(day)) continue;
    const lo = Math.max(DAY_START_MS, day === a.day ? a.ms : 0);
    const hi = Math.min(DAY_END_MS, day === b.day ? b.ms : DAY_MS);
    if (hi > lo) total += hi - lo;
  }
  return total;
}

export type CommitmentStatus = 'done' | 'on-track' | 'at-risk' | 'breached';

/**
 * Where a commitment stands at `now`: 'done' once done (even if it was late), 'breached' once
 * `now` is after `due`, 'at-risk' when 80 % or more of the working time from `start` to `due`
 * has been used, otherwise 'on-track'. If start → due holds no working time at all (e.g. a
 * calendar-day target over a weekend) the elapsed wall time is used instead.
 */
export function commitmentStatus(
  start: Date,
  due: Date,
  now: Date,
  done: boolean,
): CommitmentStatus {
  if (done) return 'done';
  if (now.getTime() > due.getTime()) return 'breached';
  let total = workingTimeBetween(start, due);
  let used = workingTimeBetween(start, now);
  if (total === 0) {
    total = due.getTime() - start.getTime();
    used = Math.max(0, now.getTime() - start.getTime());
  }
  if (total <= 0) return 'at-risk'; // due at (or before) the start: nothing left to use
  // used / total >= 80 %, compared without division so exactly 80 % is at risk.
  return used * 5 >= total * 4 ? 'at-risk' : 'on-track';
}

/**
 * The first instant at which `commitmentStatus` calls an unfinished commitment at risk (80 % of
 * its working time used), so the hub can store it and count "at risk now" in the database.
 */
export function atRiskFrom(start: Date, due: Date): Date {
  const total = workingTimeBetween(start, due);
  let at: Date;
  if (total === 0) {
    const wall = due.getTime() - start.getTime();
    if (wall <= 0) return new Date(start.getTime());
    at = new Date(start.getTime() + Math.ceil((wall * 4) / 5));
  } else {
    at = addWorkingTime(start, { amount: (total * 0.8) / HOUR_MS, unit: 'working-hours' });
  }
  const atRisk = (ms: number) => commitmentStatus(start, due, new Date(ms), false) !== 'on-track';
  if (atRisk(at.getTime()) && !atRisk(at.getTime() - 1)) return at;
  // Rounding of fractional milliseconds missed it: search between the start and the due time
  // (at risk is monotonic in time, and the due time itself is at risk).
  let lo = start.getTime();
  let hi = due.getTime();
  if (atRisk(lo)) return new Date(lo);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (atRisk(mid)) hi = mid;
    else lo = mid;
  }
  return new Date(hi);
}
