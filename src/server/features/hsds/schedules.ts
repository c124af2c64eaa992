// Opening hours and mobile-library stops as HSDS schedules (RFC 5545 recurrence fields), and
// back. Days with the same hours share one weekly schedule ("MO,TU,WE,TH,FR"), which is how
// HSDS publishers usually write them and keeps the export short.
import type { PackAccessPoint } from '../../../shared/pack/schema.ts';
import { hsdsId } from './hsds-ids.ts';
import type { HsdsSchedule } from './hsds-types.ts';

type OpeningHours = PackAccessPoint['openingHours'];
type RouteStop = NonNullable<PackAccessPoint['route']>[number];

/** RFC 5545 day codes, indexed by ISO weekday - 1 (1 = Monday). */
const DAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

// Pack times are wall-clock UK times. HSDS asks for a UTC offset on opens_at, but a fixed
// offset would be wrong for half the year (GMT/BST), so the times carry none and say so here.
const LOCAL_TIME_NOTE = 'Times are UK local time (Europe/London).';
const STOP_PREFIX = 'Mobile library stop: ';

export function schedulesOf(ap: PackAccessPoint, locationId: string): HsdsSchedule[] {
  const byHours = new Map<string, number[]>();
  for (const { day, opens, closes } of ap.openingHours) {
    const key = `${opens}-${closes}`;
    byHours.set(key, [...(byHours.get(key) ?? []), day]);
  }
  const weekly = [...byHours].map(([key, days]): HsdsSchedule => {
    const [opens = '', closes = ''] = key.split('-');
    const sorted = [...new Set(days)].sort((a, b) => a - b);
    return {
      id: hsdsId('schedule', `location/${ap.id}/${key}`),
      location_id: locationId,
      freq: 'WEEKLY',
      byday: sorted.map(dayCode).join(','),
      opens_at: opens,
      closes_at: closes,
      description: `${listOf(sorted.map(dayName))}, ${opens} to ${closes}`,
      notes: LOCAL_TIME_NOTE,
    };
  });
  const stops = (ap.route ?? []).map((stop): HsdsSchedule => ({
    id: hsdsId('schedule', `location/${ap.id}/stop/${stop.day}/${stop.arrives}/${stop.stop}`),
    location_id: locationId,
    freq: 'WEEKLY',
    byday: dayCode(stop.day),
    opens_at: stop.arrives,
    closes_at: stop.departs,
    description: `${STOP_PREFIX}${stop.stop}${stop.postcode ? ` (${stop.postcode})` : ''}`,
    notes: LOCAL_TIME_NOTE,
  }));
  return [...weekly, ...stops];
}

/** What the importer reads from one HSDS schedule; every field may be missing or odd. */
export interface ScheduleInput {
  freq?: string | undefined;
  byday?: string | undefined;
  opens_at?: string | undefined;
  closes_at?: string | undefined;
  description?: string | undefined;
}

/**
 * Weekly schedules back to opening hours; our mobile-library stop schedules back to a route.
 * Monthly or otherwise irregular schedules cannot be expressed in a pack and are skipped.
 */
export function openingHoursOf(schedules: readonly ScheduleInput[]): {
  openingHours: OpeningHours;
  route: RouteStop[];
  skipped: number;
} {
  const openingHours: OpeningHours = [];
  const route: RouteStop[] = [];
  let skipped = 0;
  for (const schedule of schedules) {
    const opens = clockTime(schedule.opens_at);
    const closes = clockTime(schedule.closes_at);
    const days = (schedule.byday ?? '').split(',').map((d) => dayNumber(d.trim()));
    const weekly = (schedule.freq ?? 'WEEKLY').toUpperCase() === 'WEEKLY';
    if (!weekly || !opens || !closes || closes <= opens || days.length === 0 || days.includes(0)) {
      skipped++;
      continue;
    }
    const stop = parseStop(schedule.description);
    for (const day of days) {
      if (stop) route.push({ ...stop, day, arrives: opens, departs: closes });
      else if (!openingHours.some((h) => h.day === day && h.opens === opens)) {
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
