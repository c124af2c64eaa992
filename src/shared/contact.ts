// A contact: one interaction at a door, whatever it ended in. No personal data: these feed the
// insight figures (volumes, first-contact resolution, channel shift) and "often used here".
import { z } from 'zod';
import { CHANNELS } from './channels.ts';
import { uuidV7 } from './ids.ts';
import { slug, tier, type Outcome } from './pack/schema.ts';

export const DEVICE_MODES = ['counter', 'kiosk', 'tablet'] as const;
export type DeviceMode = (typeof DEVICE_MODES)[number];

/** How a contact ended. */
export const CONTACT_OUTCOMES = [
  'resolved',
  'self-serve',
  'captured',
  'referred',
  'booked',
] as const;
export type ContactOutcome = (typeof CONTACT_OUTCOMES)[number];

/** How a process map's ending counts as a contact outcome. */
export const CONTACT_OUTCOME_OF: Record<Outcome, ContactOutcome> = {
  'self-serve': 'self-serve',
  'capture-request': 'captured',
  refer: 'referred',
  book: 'booked',
  resolved: 'resolved',
};

export const contactInput = z.strictObject({
  id: uuidV7,
  serviceId: slug,
  channel: z.enum(CHANNELS),
  tier,
  outcome: z.enum(CONTACT_OUTCOMES),
  /** The steps taken through the process map, by step and answer id (no free text). */
  path: z
    .array(z.string().regex(/^[a-z0-9-]{1,80}(:[a-z0-9-]{1,80})?$/))
    .max(100)
    .default([]),
  createdAt: z.iso.datetime({ offset: true }),
  /**
   * The customer record staff looked up and attached (single customer view, online only); the
   * hub checks it exists and that the person's partner may see it.
   */
  customerId: uuidV7.optional(),
});
export type ContactInput = z.infer<typeof contactInput>;

export const contact = contactInput.extend({
  accessPointId: z.string(),
  deviceId: z.string(),
  mode: z.enum(DEVICE_MODES),
  receivedAt: z.string(),
});
export type Contact = z.infer<typeof contact>;

export { HELP_UNANSWERED_MS } from './help-call.ts';

/**
 * A kiosk asks for a person; a counter at the same access point, or at the place the pack names
 * as the kiosk's `helpFrom`, answers.
 */
export const helpRequestInput = z.strictObject({
  id: uuidV7,
  createdAt: z.iso.datetime({ offset: true }),
});
export const helpAnswerInput = z.strictObject({
  id: uuidV7,
  requestId: uuidV7,
  createdAt: z.iso.datetime({ offset: true }),
});

export const helpEvent = z.strictObject({
  id: z.string(),
  kind: z.enum(['request', 'answer']),
  requestId: z.string().nullable(),
  accessPointId: z.string(),
  deviceId: z.string(),
  deviceName: z.string(),
  createdAt: z.string(),
  receivedAt: z.string(),
});
export type HelpEvent = z.infer<typeof helpEvent>;
