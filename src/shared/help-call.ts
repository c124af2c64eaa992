// A kiosk's call for help, without zod (the kiosk's first screen uses it).

/**
 * How long a citizen at a kiosk waits for someone to answer a call for help before the kiosk
 * says honestly that nobody has, and offers another way: the phone number of the place.
 */
export const HELP_UNANSWERED_MS = 2 * 60_000;
