// Opening hours and mobile-library stops as HSDS schedules (RFC 5545 recurrence fields), and
// back. Days with the same hours share one weekly schedule ("MO,TU,WE,TH,FR"), which is how
// HSDS publishers usually write them and keeps the export short.
//
// Pack times are UK wall-clock times (Europe/London). HSDS holds a time zone only as a fixed UTC
// offset (`timezone`, and the offset on opens_at/closes_at), which is right for half the year at
// most. So each weekly schedule is written once per UK clock period (GMT, then BST, …), with
// `valid_from`/`valid_to` bounding it and the offset in force then: "09:00Z" in winter,
// "09:00+01:00" in summer, 09:00 on the town hall's clock both times. A client that reads only
// opens_at and assumes UTC is then never an hour out. The periods cover a year from `now`.
import type { PackAccessPoint } from '../../../shared/pack/schema.ts';
import { hsdsId } from './hsds-ids.ts';
import type { HsdsSchedule } from './hsds-types.ts';

type OpeningHours = PackAccessPoint['openingHours'];
type RouteStop = NonNullable<PackAccessPoint['route']>[number];

/** RFC 5545 day codes, indexed by ISO weekday - 1 (1 = Monday). */
const DAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export const UK_TIME_ZONE = 'Europe/London';
const LOCAL_TIME_NOTE =
  'Times are UK local time (Europe/London), written with the UTC offset in force from valid_from to valid_to.';
const STOP_PREFIX = 'Mobile library stop: ';

/** One stretch of UK clock time: its first and last dates (inclusive) and its UTC offset. */
export interface UkClockPeriod {
  from: string;
  to: string;
  /** Hours ahead of UTC: 0 (GMT) or 1 (BST). */
  offset: 0 | 1;
}

/** The last Sunday of a month (1-12) of a year, as a UTC date. */
function lastSunday(year: number, month: number): Date {
  const last = new Date(Date.UTC(year, month, 0));
  return new Date(Date.UTC(year, month - 1, last.getUTCDate() - last.getUTCDay()));
}

const isoDate = (d: Date) => d.toISOString().slice(0, 10);
const dayBefore = (d: Date) => new Date(d.getTime() - 86_400_000);

/**
 * British Summer Time runs from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last
 * Sunday of October. No opening hours span 01:00-02:00, so a period can start on the Sunday of
 * the change.
 */
export function ukClockPeriods(now: Date, count = 3): UkClockPeriod[] {
  const changes: { at: Date; offset: 0 | 1 }[] = [];
  for (let year = now.getUTCFullYear() - 1; year <= now.getUTCFullYear() + 2; year++) {
    changes.push({ at: lastSunday(year, 3), offset: 1 }, { at: lastSunday(year, 10), offset: 0 });
  }
  // The change that started the period `now` is in (the day of a change counts as after it).
  const today = isoDate(now);
  let first = 0;
  for (let i = 0; i < changes.length; i++) {
    const change = changes[i];
    if (change && isoDate(change.at) <= today) first = i;
  }
  const periods: UkClockPeriod[] = [];
  for (let i = first; i < first + count && i + 1 < changes.length; i++) {
    const start = changes[i];
    const next = changes[i + 1];
    if (!start || !next) break;
    periods.push({
      from: isoDate(start.at),
      to: isoDate(dayBefore(next.at)),
      offset: start.offset,
    });
  }
  return periods;
}

/** UK clock's offset from UTC, in hours, on a date (YYYY-MM-DD or a Date). */
export function ukOffsetOn(date: string | Date): 0 | 1 {
  const day = typeof date === 'string' ? new Date(`${date.slice(0, 10)}T12:00:00Z`) : date;
  const [period] = ukClockPeriods(day, 1);
  return period?.offset ?? 0;
}

/** "09:00" with the period's offset: "09:00Z" in GMT, "09:00+01:00" in BST. */
const zoned = (time: string, offset: 0 | 1) => (offset === 0 ? `${time}Z` : `${time}+01:00`);
const zoneName = (offset: 0 | 1) =>
  offset === 0 ? 'UK time (Greenwich Mean Time, UTC)' : 'UK time (British Summer Time, UTC+1)';

export function schedulesOf(
  ap: PackAccessPoint,
  locationId: string,
  now: Date = new Date(),
): HsdsSchedule[] {
  const byHours = new Map<string, number[]>();
  for (const { day, opens, closes } of ap.openingHours) {
    const key = `${opens}-${closes}`;
    byHours.set(key, [...(byHours.get(key) ?? []), day]);
  }
  const periods = ukClockPeriods(now);
  const inPeriod = (period: UkClockPeriod, id: string, opens: string, closes: string) => ({
    id: hsdsId('schedule', `${id}/${period.from}`),
    location_id: locationId,
    freq: 'WEEKLY' as const,
    valid_from: period.from,
    valid_to: period.to,
    timezone: period.offset,
    opens_at: zoned(opens, period.offset),
    closes_at: zoned(closes, period.offset),
    notes: LOCAL_TIME_NOTE,
  });
  const weekly = [...byHours].flatMap(([key, days]) => {
    const [opens = '', closes = ''] = key.split('-');
    const sorted = [...new Set(days)].sort((a, b) => a - b);
    return periods.map((period): HsdsSchedule => ({
      ...inPeriod(period, `location/${ap.id}/${key}`, opens, closes),
      byday: sorted.map(dayCode).join(','),
      description: `${listOf(sorted.map(dayName))}, ${opens} to ${closes} ${zoneName(period.offset)}`,
    }));
  });
  const stops = (ap.route ?? []).flatMap((stop) =>
    periods.map((period): HsdsSchedule => ({
      ...inPeriod(
        period,
        `location/${ap.id}/stop/${stop.day}/${stop.arrives}/${stop.stop}`,
        stop.arrives,
        stop.departs,
      ),
      byday: dayCode(stop.day),
      description: `${STOP_PREFIX}${stop.stop}${stop.postcode ? ` (${stop.postcode})` : ''}`,
    })),
  );
  return [...weekly, ...stops];
}

/** What the importer reads from one HSDS schedule; every field may be missing or odd. */
export interface ScheduleInput {
  freq?: string | undefined;
  byday?: string | undefined;
  opens_at?: string | undefined;
  closes_at?: string | undefined;
  description?: string | undefined;
  /** HSDS `timezone`: hours ahead of UTC, for times written without an offset. */
  timezone?: number | undefined;
  valid_from?: string | undefined;
}

/**
 * Weekly schedules back to opening hours; our mobile-library stop schedules back to a route.
 * Monthly or otherwise irregular schedules cannot be expressed in a pack and are skipped.
 * A time with a UTC offset (its own, or the schedule's `timezone`) becomes UK clock time on
 * the schedule's valid_from date (else `now`); one without is taken as UK clock time. The same
 * hours written once per clock period (as schedulesOf does) come back once.
 */
export function openingHoursOf(
  schedules: readonly ScheduleInput[],
  now: Date = new Date(),
): {
  openingHours: OpeningHours;
  route: RouteStop[];
  skipped: number;
} {
  const openingHours: OpeningHours = [];
  const route: RouteStop[] = [];
  let skipped = 0;
  for (const schedule of schedules) {
    const on =
      schedule.valid_from && /^\d{4}-\d{2}-\d{2}/.test(schedule.valid_from)
        ? schedule.valid_from
        : now;
    const opens = ukClockTime(schedule.opens_at, schedule.timezone, on);
    const closes = ukClockTime(schedule.closes_at, schedule.timezone, on);
    const days = (schedule.byday ?? '').split(',').map((d) => dayNumber(d.trim()));
    const weekly = (schedule.freq ?? 'WEEKLY').toUpperCase() === 'WEEKLY';
    if (!weekly || !opens || !closes || closes <= opens || days.length === 0 || days.includes(0)) {
      skipped++;
      continue;
    }
    const stop = parseStop(schedule.description);
    for (const day of days) {
      if (stop) {
        const same = (r: RouteStop) => r.day === day && r.arrives === opens && r.stop === stop.stop;
        if (!route.some(same)) route.push({ ...stop, day, arrives: opens, departs: closes });
      } else if (!openingHours.some((h) => h.day === day && h.opens === opens)) {
        openingHours.push({ day, opens, closes });
      }
    }
  }
  openingHours.sort((a, b) => a.day - b.day || a.opens.localeCompare(b.opens));
  return { openingHours, route, skipped };
}

function parseStop(description: string | undefined): { stop: string; postcode: string } | null {
  if (!description?.startsWith(STOP_PREFIX)) return null;
  const match = /^(.+?)(?: \(([^()]{0,10})\))?$/.exec(description.slice(STOP_PREFIX.length));
  const stop = match?.[1]?.trim().slice(0, 200);
  return stop ? { stop, postcode: match?.[2] ?? '' } : null;
}

/** "9:00", "09:00:00", "09:00Z" or "09:00+01:00" → "09:00"; null when it is not a time. */
export function clockTime(value: string | undefined): string | null {
  const match = /^(\d{1,2}):(\d{2})/.exec(value?.trim() ?? '');
  if (!match) return null;
  const [hours, minutes] = [Number(match[1]), Number(match[2])];
  if (hours > 23 || minutes > 59) return null;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

/** A time as UK clock time: its offset (or `timezone`) taken off, the UK offset on `on` put on. */
function ukClockTime(
  value: string | undefined,
  timezone: number | undefined,
  on: string | Date,
): string | null {
  const time = clockTime(value);
  if (!time) return null;
  const suffix = /(Z|[+-]\d{2}:?\d{2})$/i.exec(value?.trim() ?? '')?.[1];
  const offsetMinutes =
    suffix === undefined
      ? timezone !== undefined && Number.isFinite(timezone)
        ? Math.round(timezone * 60)
        : null
      : suffix.toUpperCase() === 'Z'
        ? 0
        : (suffix.startsWith('-') ? -1 : 1) *
          (Number(suffix.slice(1, 3)) * 60 + Number(suffix.slice(-2)));
  if (offsetMinutes === null) return time;
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  const local = (hours * 60 + minutes - offsetMinutes + ukOffsetOn(on) * 60 + 1440) % 1440;
  return `${String(Math.floor(local / 60)).padStart(2, '0')}:${String(local % 60).padStart(2, '0')}`;
}

function dayCode(day: number): string {
  return DAY_CODES[day - 1] ?? 'MO';
}

function dayName(day: number): string {
  return DAY_NAMES[day - 1] ?? '';
}

/** 1 (Monday) … 7 (Sunday), or 0 for anything else, such as MONTHLY's "2MO". */
function dayNumber(code: string): number {
  return (DAY_CODES as readonly string[]).indexOf(code.toUpperCase()) + 1;
}

function listOf(items: string[]): string {
  return items.length > 1
    ? `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`
    : (items[0] ?? '');
}
