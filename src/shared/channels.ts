/**
 * The ways a citizen reaches a public service: each contact and case records one, the insight
 * figures count and price them (DEFAULT_UNIT_COSTS in insight.ts) and follow channel shift.
 */
export const CHANNELS = [
  'face-to-face',
  'phone',
  'web',
  'kiosk',
  'letter',
  'sms',
  'email',
] as const;
export type Channel = (typeof CHANNELS)[number];
