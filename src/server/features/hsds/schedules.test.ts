import { describe, expect, it } from 'vitest';
import type { PackAccessPoint } from '../../../shared/pack/schema.ts';
import { clockTime, openingHoursOf, schedulesOf, ukClockPeriods } from './schedules.ts';

const place: PackAccessPoint = {
  id: 'hall',
  name: 'Town Hall',
  kind: 'council-office',
  partnerId: 'district',
  address: { line1: 'High Street', town: 'Eastbury', postcode: 'EB1 1AA' },
  openingHours: [
    { day: 1, opens: '09:00', closes: '17:00' },
    { day: 2, opens: '09:00', closes: '17:00' },
    { day: 3, opens: '10:00', closes: '17:00' },
    { day: 5, opens: '09:00', closes: '17:00' },
    { day: 6, opens: '09:00', closes: '12:30' },
  ],
  route: [
    { stop: 'Ashby, The Green', postcode: 'NM7 9QT', day: 4, arrives: '10:00', departs: '11:30' },
  ],
  facilities: [],
  faceToFaceServiceIds: [],
};

describe('schedules', () => {
  it('groups days that share hours into one weekly schedule', () => {
    const now = new Date('2026-05-01T12:00:00Z');
    const schedules = schedulesOf(place, 'loc', now).filter((s) => s.valid_from === '2026-03-29');
    expect(schedules.map((s) => [s.byday, s.opens_at, s.closes_at])).toEqual([
      ['MO,TU,FR', '09:00+01:00', '17:00+01:00'],
      ['WE', '10:00+01:00', '17:00+01:00'],
      ['SA', '09:00+01:00', '12:30+01:00'],
      ['TH', '10:00+01:00', '11:30+01:00'],
    ]);
    expect(schedules[0]).toMatchObject({
      freq: 'WEEKLY',
      location_id: 'loc',
      timezone: 1,
      valid_to: '2026-10-24',
      description:
        'Monday, Tuesday and Friday, 09:00 to 17:00 UK time (British Summer Time, UTC+1)',
    });
    expect(schedules[3]?.description).toBe('Mobile library stop: Ashby, The Green (NM7 9QT)');
    // Stable ids: the same hours give the same schedule id on every export.
    expect(schedulesOf(place, 'loc', now).map((s) => s.id)).toEqual(
      schedulesOf(place, 'loc', now).map((s) => s.id),
    );
    expect(new Set(schedulesOf(place, 'loc', now).map((s) => s.id)).size).toBe(12);
  });

  it('knows when the UK clocks change', () => {
    expect(ukClockPeriods(new Date('2026-03-29T12:00:00Z'), 2)).toEqual([
      { from: '2026-03-29', to: '2026-10-24', offset: 1 },
      { from: '2026-10-25', to: '2027-03-27', offset: 0 },
    ]);
    expect(ukClockPeriods(new Date('2026-03-28T23:00:00Z'), 1)).toEqual([
      { from: '2025-10-26', to: '2026-03-28', offset: 0 },
    ]);
    // The importer turns zoned times back into UK clock time for the date they are valid on.
    expect(
      openingHoursOf([
        { byday: 'MO', opens_at: '08:00Z', closes_at: '16:00Z', valid_from: '2026-07-01' },
      ]).openingHours,
    ).toEqual([{ day: 1, opens: '09:00', closes: '17:00' }]);
  });

  it('reads its own schedules back to the same hours and route', () => {
    const back = openingHoursOf(schedulesOf(place, 'loc'));
    // Written once per clock period, read back once.
    expect(back).toEqual({ openingHours: place.openingHours, route: place.route, skipped: 0 });
  });

  it('reads other publishers’ times and skips what a pack cannot hold', () => {
    // A time with an offset is read as UK clock time on the day (here, in winter: GMT).
    const back = openingHoursOf(
      [
        { freq: 'WEEKLY', byday: 'SU', opens_at: '9:30', closes_at: '12:00:00' },
        { byday: 'mo, tu', opens_at: '08:00Z', closes_at: '17:00+01:00' },
        { freq: 'MONTHLY', byday: '2MO', opens_at: '10:00', closes_at: '12:00' },
        { freq: 'WEEKLY', byday: 'TH', opens_at: '18:00', closes_at: '09:00' },
        { freq: 'WEEKLY', opens_at: '09:00', closes_at: '17:00' },
      ],
      new Date('2026-01-10T12:00:00Z'),
    );
    expect(back.openingHours).toEqual([
      { day: 1, opens: '08:00', closes: '16:00' },
      { day: 2, opens: '08:00', closes: '16:00' },
      { day: 7, opens: '09:30', closes: '12:00' },
    ]);
    expect(back.skipped).toBe(3);
  });

  it('parses clock times', () => {
    expect(clockTime('7:05')).toBe('07:05');
    expect(clockTime('23:59:59')).toBe('23:59');
    expect(clockTime('24:00')).toBeNull();
    expect(clockTime('noon')).toBeNull();
    expect(clockTime(undefined)).toBeNull();
  });
});
