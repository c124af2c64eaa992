/** The ways a citizen reaches a public service (see DESIGN.md, "Channels"). */
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
