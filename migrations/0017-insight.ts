// Migration 0017's one step that has no SQL form: the commitments still open on a hub upgraded
// with cases, each with the instant it will be at risk, worked out in UK working time (Europe/
// London, England and Wales bank holidays), which neither SQLite nor the SQL here can do.
//
// Frozen: a copy of backfillOpenDues (insight-dues.ts) and of the working-time rules it used
// (src/shared/working-time.ts) as they were when this migration shipped. The hub's own copies
// may change (a new bank holiday, say); this one must not, or an upgraded hub would differ from
// one upgraded earlier. It imports nothing from the application.
import type { Kysely } from 'kysely';

interface Tables {
  cases: {
    id: string;
    service_id: string;
    access_point_id: string;
    received_at: string;
    dues: string;
  };
  commitment_results: { case_id: string; step_id: string };
  insight_open_dues: {
    case_id: string;
    step_id: string;
    partner_id: string;
    team_id: string;
    service_id: string;
    access_point_id: string;
    level: number;
    at_risk_at: string;
    due: string;
  };
}

interface CaseDue {
  stepId: string;
  level: number;
  owner: string;
  due: string;
}

/** For a hub upgraded with cases: every due without a result yet. */
export async function backfillOpenDues(db: Kysely<unknown>): Promise<void> {
  const typed = db as Kysely<Tables>;
  const settled = new Set(
    (await typed.selectFrom('commitment_results').select(['case_id', 'step_id']).execute()).map(
      (r) => `${r.case_id}\n${r.step_id}`,
    ),
  );
  const cases = await typed
    .selectFrom('cases')
    .select(['id', 'service_id', 'access_point_id', 'received_at', 'dues'])
    .execute();
  const rows = cases.flatMap((c) => {
    const received = new Date(c.received_at);
    return (JSON.parse(c.dues) as CaseDue[])
      .map((d) => {
        const slash = d.owner.indexOf('/');
        return {
          case_id: c.id,
          step_id: d.stepId,
          partner_id: slash < 0 ? d.owner : d.owner.slice(0, slash),
          team_id: slash < 0 ? '' : d.owner.slice(slash + 1),
          service_id: c.service_id,
          access_point_id: c.access_point_id,
          level: d.level,
          at_risk_at: atRiskFrom(received, new Date(d.due)).toISOString(),
          due: d.due,
        };
      })
      .filter((r) => !settled.has(`${r.case_id}\n${r.step_id}`));
  });
  for (let i = 0; i < rows.length; i += 500) {
    await typed
      .insertInto('insight_open_dues')
      .values(rows.slice(i, i + 500))
      .execute();
  }
}

// ---------------------------------------------------------------------------------------------
// Working time, as src/shared/working-time.ts had it: Monday to Friday except the England and
// Wales bank holidays, 09:00 to 17:00 UK local time. A local calendar day is a day number (whole
// days since 1970-01-01 on the calendar); a wall-clock time is milliseconds since local midnight.

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
const DAY_START_MS = 9 * HOUR_MS; // 09:00
const DAY_END_MS = 17 * HOUR_MS; // 17:00
const WORKING_DAY_MS = DAY_END_MS - DAY_START_MS;

/** Day number of a calendar date (month 1-12). */
function dayNumber(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / DAY_MS);
}

function isoOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

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

function mondayOnOrAfter(day: number): number {
  return day + ((8 - weekday(day)) % 7);
}

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

/** One-off changes by royal proclamation known when this migration shipped. */
const ONE_OFF: Record<number, { moved?: [string, string][]; extra?: string[] }> = {
  1995: { moved: [['1995-05-01', '1995-05-08']] },
  1999: { extra: ['1999-12-31'] },
  2002: { moved: [['2002-05-27', '2002-06-04']], extra: ['2002-06-03'] },
  2011: { extra: ['2011-04-29'] },
  2012: { moved: [['2012-05-28', '2012-06-04']], extra: ['2012-06-05'] },
  2020: { moved: [['2020-05-04', '2020-05-08']] },
  2022: { moved: [['2022-05-30', '2022-06-02']], extra: ['2022-06-03', '2022-09-19'] },
  2023: { extra: ['2023-05-08'] },
};

function computeBankHolidays(year: number): string[] {
  const days: number[] = [];
  const newYear = dayNumber(year, 1, 1);
  days.push(isWeekend(newYear) ? mondayOnOrAfter(newYear) : newYear);
  const easter = easterDay(year);
  days.push(easter - 2, easter + 1);
  days.push(mondayOnOrAfter(dayNumber(year, 5, 1)));
  days.push(mondayOnOrBefore(dayNumber(year, 5, 31)));
  days.push(mondayOnOrBefore(dayNumber(year, 8, 31)));
  const christmas = dayNumber(year, 12, 25);
  days.push(isWeekend(christmas) ? christmas + 2 : christmas);
  days.push(isWeekend(christmas + 1) ? christmas + 3 : christmas + 1);
  let isos = days.map(isoOf);
  const oneOff = ONE_OFF[year];
  for (const [from, to] of oneOff?.moved ?? []) isos = isos.map((d) => (d === from ? to : d));
  isos.push(...(oneOff?.extra ?? []));
  return [...new Set(isos)].sort();
}

const holidayCache = new Map<number, Set<number>>();

function isWorkingDayNumber(day: number): boolean {
  const year = yearOf(day);
  let holidays = holidayCache.get(year);
  if (!holidays) {
    holidays = new Set(computeBankHolidays(year).map(dayOfIso));
    holidayCache.set(year, holidays);
  }
  return !isWeekend(day) && !holidays.has(day);
}

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
  return wall + (((instantMs % 1000) + 1000) % 1000);
}

function londonOffsetMs(instantMs: number): number {
  return londonWallMs(instantMs) - instantMs;
}

function toLocal(instant: Date): { day: number; ms: number } {
  const wall = londonWallMs(instant.getTime());
  const day = Math.floor(wall / DAY_MS);
  return { day, ms: wall - day * DAY_MS };
}

function fromLocal(day: number, ms: number): Date {
  const wallMs = day * DAY_MS + ms;
  const firstGuess = wallMs - londonOffsetMs(wallMs);
  return new Date(wallMs - londonOffsetMs(firstGuess));
}

/** `hours` of working time after `start` (time before the first working instant is skipped). */
function addWorkingHours(start: Date, hours: number): Date {
  if (!Number.isFinite(hours) || hours < 0) {
    throw new RangeError(`duration amount must be a finite number ≥ 0, got ${hours}`);
  }
  if (hours === 0) return new Date(start.getTime());
  const local = toLocal(start);
  let remaining = hours * HOUR_MS;
  let day = local.day;
  const limit = Math.ceil(remaining / WORKING_DAY_MS) * 3 + 31;
  for (let i = 0; i < limit; i++, day++) {
    if (!isWorkingDayNumber(day)) continue;
    const from = day === local.day ? Math.max(DAY_START_MS, local.ms) : DAY_START_MS;
    if (from >= DAY_END_MS) continue;
    const available = DAY_END_MS - from;
    if (remaining <= available) return fromLocal(day, from + remaining);
    remaining -= available;
  }
  throw new RangeError('working time could not be added');
}

/** Working milliseconds between two instants (0 if `to` is not after `from`). */
function workingTimeBetween(from: Date, to: Date): number {
  if (to.getTime() <= from.getTime()) return 0;
  const a = toLocal(from);
  const b = toLocal(to);
  let total = 0;
  for (let day = a.day; day <= b.day; day++) {
    if (!isWorkingDayNumber(day)) continue;
    const lo = Math.max(DAY_START_MS, day === a.day ? a.ms : 0);
    const hi = Math.min(DAY_END_MS, day === b.day ? b.ms : DAY_MS);
    if (hi > lo) total += hi - lo;
  }
  return total;
}

/** Whether an unfinished commitment is at risk at `now`: 80 % of its working time used. */
function atRisk(start: Date, due: Date, now: Date): boolean {
  if (now.getTime() > due.getTime()) return true;
  let total = workingTimeBetween(start, due);
  let used = workingTimeBetween(start, now);
  if (total === 0) {
    total = due.getTime() - start.getTime();
    used = Math.max(0, now.getTime() - start.getTime());
  }
  if (total <= 0) return true;
  return used * 5 >= total * 4;
}

/** The first instant at which a commitment started at `start` and due at `due` is at risk. */
function atRiskFrom(start: Date, due: Date): Date {
  const total = workingTimeBetween(start, due);
  let at: Date;
  if (total === 0) {
    const wall = due.getTime() - start.getTime();
    if (wall <= 0) return new Date(start.getTime());
    at = new Date(start.getTime() + Math.ceil((wall * 4) / 5));
  } else {
    at = addWorkingHours(start, (total * 0.8) / HOUR_MS);
  }
  const risky = (ms: number) => atRisk(start, due, new Date(ms));
  if (risky(at.getTime()) && !risky(at.getTime() - 1)) return at;
  let lo = start.getTime();
  let hi = due.getTime();
  if (risky(lo)) return new Date(lo);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (risky(mid)) hi = mid;
    else lo = mid;
  }
  return new Date(hi);
}
