// A case is a log of events. Devices append events (offline too); the hub gives each its
// sequence number, and the case's state is a pure function of its events in that order. Device
// clocks are shown, never used to order. Two devices that act on the same state offline both
// keep their events; when their effects clash (say, one resolves while the other escalates),
// the state says so, for a person to settle.
import { z } from 'zod';
import { CHANNELS } from './channels.ts';
import { uuidV7 } from './ids.ts';
import { PACK_LANGUAGES } from './pack/local-text.ts';
import { slug } from './pack/schema.ts';
import { REFERENCE_PATTERN } from './reference.ts';
import { freeText } from './text.ts';
import { commitmentStatus, type CommitmentStatus } from './working-time.ts';

export const CASE_TYPES = ['request', 'complaint', 'comment', 'compliment', 'enquiry'] as const;
export type CaseType = (typeof CASE_TYPES)[number];

const postcode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/, { message: 'must be a UK postcode' });

/** Where: an address, a postcode, a map point (from the device's GPS, which works offline). */
export const caseLocation = z.strictObject({
  address: freeText(0, 300).optional(),
  postcode: postcode.optional(),
  lat: z.number().min(-90).max(90).optional(),
  lng: z.number().min(-180).max(180).optional(),
});
export type CaseLocation = z.infer<typeof caseLocation>;

/** Opening a case, as captured at a door. Contact details only with the citizen's consent. */
export const caseOpenInput = z
  .strictObject({
    id: uuidV7,
    reference: z.string().regex(REFERENCE_PATTERN, { message: 'is not a case reference' }),
    type: z.enum(CASE_TYPES),
    serviceId: slug,
    channel: z.enum(CHANNELS),
    details: freeText(1, 4000),
    location: caseLocation.optional(),
    contact: z
      .strictObject({
        name: freeText(1, 120).optional(),
        phone: z
          .string()
          .trim()
          .regex(/^\+?[0-9 ()-]{7,20}$/, { message: 'is not a phone number' })
          .optional(),
        email: z.email({ message: 'is not an email address' }).max(200).optional(),
        /** Helps recognise the person at another door (single customer view). */
        dateOfBirth: z.iso.date({ message: 'is not a date (YYYY-MM-DD)' }).optional(),
        postcode: postcode.optional(),
        /** What the citizen agreed to, in the words staff read to them. */
        consent: z.literal(true, { message: 'contact details need the citizen’s consent' }),
        /**
         * A second, separate consent: "keep one record of me across services", so no other
         * door asks again. Only with it does the hub link the case to a customer record.
         */
        keepRecord: z.literal(true, { message: 'is given or left out' }).optional(),
        /**
         * The language to write to them in, such as when the case is resolved (they agreed we
         * may contact them about it). English when not given.
         */
        language: z.enum(PACK_LANGUAGES).optional(),
      })
      .refine((c) => !c.keepRecord || !!c.name, {
        message: 'a customer record needs the citizen’s name',
        path: ['name'],
      })
      .optional(),
    author: freeText(1, 80),
    openedAt: z.iso.datetime({ offset: true }),
    /**
     * A customer record staff looked up at the counter (single customer view, online): the
     * case joins it instead of starting a new one. The hub checks the partner may see it.
     */
    customerId: uuidV7.optional(),
  })
  .refine((c) => !c.contact || c.contact.name || c.contact.phone || c.contact.email, {
    message: 'consent was recorded but no contact detail was given',
    path: ['contact'],
  });
export type CaseOpenInput = z.infer<typeof caseOpenInput>;

/** The largest hub sequence number (PostgreSQL's `integer`). */
export const MAX_SEQ = 2_147_483_647;

export const CASE_EVENT_KINDS = [
  'acknowledged',
  'note',
  'step-completed',
  /**
   * Said when a case is resolved: this step was NOT done (the person resolving confirmed it).
   * Before this kind existed a resolution settled every step as done, and an old 'resolved'
   * event still means that for the steps it says nothing about.
   */
  'step-not-done',
  'escalated',
  'resolved',
  'reopened',
] as const;
export type CaseEventKind = (typeof CASE_EVENT_KINDS)[number];

/** An action on a case, from a device. `basedOn` is the newest hub sequence the device had seen. */
export const caseEventInput = z
  .strictObject({
    id: uuidV7,
    caseId: uuidV7,
    kind: z.enum(CASE_EVENT_KINDS),
    note: freeText(0, 2000).optional(),
    stepId: slug.optional(),
    reason: freeText(1, 500).optional(),
    author: freeText(1, 80),
    // A hub sequence: the stores keep it in a 32-bit integer column.
    basedOn: z.number().int().min(0).max(MAX_SEQ).nullable(),
    createdAt: z.iso.datetime({ offset: true }),
  })
  .refine((e) => e.kind !== 'escalated' || !!e.reason, {
    message: 'an escalation needs a reason',
    path: ['reason'],
  })
  .refine((e) => (e.kind !== 'step-completed' && e.kind !== 'step-not-done') || !!e.stepId, {
    message: 'say which step',
    path: ['stepId'],
  })
  .refine((e) => e.kind !== 'note' || !!e.note, { message: 'a note needs text', path: ['note'] });
export type CaseEventInput = z.infer<typeof caseEventInput>;

/** A commitment step's deadline for this case, fixed by the hub when the case was routed. */
export const caseDue = z.strictObject({
  stepId: z.string(),
  level: z.number().int(),
  owner: z.string(),
  due: z.string(),
});
export type CaseDue = z.infer<typeof caseDue>;

/** The case as devices store it: what was captured, plus routing decided by the hub. */
export const caseRecord = z.strictObject({
  id: z.string(),
  reference: z.string(),
  type: z.enum(CASE_TYPES),
  serviceId: z.string(),
  channel: z.enum(CHANNELS),
  details: z.string(),
  location: caseLocation.optional(),
  contact: z.unknown().optional(),
  author: z.string(),
  openedAt: z.string(),
  accessPointId: z.string(),
  deviceId: z.string(),
  receivedAt: z.string(),
  ownerPartnerId: z.string(),
  ownerTeamId: z.string(),
  /** Level-1 promise first, then the level-2/3 steps. */
  dues: z.array(caseDue),
});
export type CaseRecord = z.infer<typeof caseRecord>;

export const caseEvent = z.strictObject({
  id: z.string(),
  caseId: z.string(),
  /** The hub's order: the only order that counts. */
  seq: z.number().int(),
  kind: z.enum(['opened', 'routed', ...CASE_EVENT_KINDS]),
  note: z.string().optional(),
  stepId: z.string().optional(),
  reason: z.string().optional(),
  author: z.string(),
  basedOn: z.number().int().nullable(),
  createdAt: z.string(),
  receivedAt: z.string(),
  deviceId: z.string(),
});
export type CaseEvent = z.infer<typeof caseEvent>;

export type CaseStatus = 'open' | 'acknowledged' | 'resolved';

export interface CaseState {
  status: CaseStatus;
  acknowledgedAt: string | null;
  resolvedAt: string | null;
  completedSteps: Set<string>;
  /** Steps confirmed not done when the case was resolved (cleared when it is reopened). */
  notDoneSteps: Set<string>;
  escalation: { reason: string; at: string; author: string } | null;
  /** Pairs of events made on the same state whose effects clash: a person must settle them. */
  conflicts: { a: CaseEvent; b: CaseEvent }[];
}

const CLASHING: Partial<Record<CaseEventKind, CaseEventKind[]>> = {
  resolved: ['escalated', 'reopened', 'step-completed'],
  escalated: ['resolved'],
  reopened: ['resolved'],
  'step-completed': ['resolved'],
};

/** The state of a case from its events (any order in; the hub's sequence decides). */
export function caseState(events: readonly CaseEvent[]): CaseState {
  const ordered = [...events].sort((a, b) => a.seq - b.seq);
  const state: CaseState = {
    status: 'open',
    acknowledgedAt: null,
    resolvedAt: null,
    completedSteps: new Set(),
    notDoneSteps: new Set(),
    escalation: null,
    conflicts: [],
  };
  for (const event of ordered) {
    switch (event.kind) {
      case 'acknowledged':
        if (state.status === 'open') state.status = 'acknowledged';
        state.acknowledgedAt ??= event.receivedAt;
        break;
      case 'step-completed':
        if (event.stepId) {
          state.completedSteps.add(event.stepId);
          state.notDoneSteps.delete(event.stepId);
        }
        break;
      case 'step-not-done':
        if (event.stepId && !state.completedSteps.has(event.stepId))
          state.notDoneSteps.add(event.stepId);
        break;
      case 'escalated':
        state.escalation = {
          reason: event.reason ?? '',
          at: event.receivedAt,
          author: event.author,
        };
        break;
      case 'resolved':
        state.status = 'resolved';
        state.resolvedAt = event.receivedAt;
        break;
      case 'reopened':
        state.status = state.acknowledgedAt ? 'acknowledged' : 'open';
        state.resolvedAt = null;
        // Reopened, the steps not done are open again.
        state.notDoneSteps.clear();
        break;
      default:
        break;
    }
  }
  // Concurrent = made on the same known state (same basedOn) on different devices.
  for (let i = 0; i < ordered.length; i++) {
    for (let j = i + 1; j < ordered.length; j++) {
      const a = ordered[i] as CaseEvent;
      const b = ordered[j] as CaseEvent;
      if (a.basedOn === null || a.basedOn !== b.basedOn || a.deviceId === b.deviceId) continue;
      const clash = CLASHING[a.kind as CaseEventKind]?.includes(b.kind as CaseEventKind);
      if (clash) state.conflicts.push({ a, b });
    }
  }
  return state;
}

/**
 * Where one step of a case stands: completed; confirmed not done at its resolution; or open. A
 * resolved case's other steps count as done, as every resolution before 'step-not-done' meant.
 */
export function stepOutcome(state: CaseState, stepId: string): 'done' | 'not-done' | 'open' {
  if (state.completedSteps.has(stepId)) return 'done';
  if (state.status !== 'resolved') return 'open';
  return state.notDoneSteps.has(stepId) ? 'not-done' : 'done';
}

/** A due date's standing: as `commitmentStatus` has it, or 'not-done' once confirmed so. */
export type DueStatus = CommitmentStatus | 'not-done';

/**
 * Where one of a case's due dates stands now. A step confirmed not done at resolution is
 * 'not-done', never 'done': counts, look-ups and the queue all read it from here.
 */
export function dueStatus(
  state: CaseState,
  due: { stepId: string; due: string },
  received: Date,
  now: Date,
): DueStatus {
  const outcome = stepOutcome(state, due.stepId);
  if (outcome === 'not-done') return 'not-done';
  return commitmentStatus(received, new Date(due.due), now, outcome === 'done');
}
