// Every kind of write a device can make, declared once. Device and hub both read this table:
// the payload's schema (validated the same on both sides, so a device never queues what the hub
// would refuse as malformed), the permission the person named on the op needs, what a kiosk may
// send and what it keeps once the hub has answered, and what a staff device keeps. The hub's
// handler for each kind is typed against `MutationKind` (OP_HANDLERS, src/server/storage.ts), so a
// kind declared here without a handler does not compile, and an undeclared kind is refused.
import type { z } from 'zod';
import { auditSubmitInput } from '../audit.ts';
import { caseEventInput, caseOpenInput } from '../case.ts';
import { contactInput, helpAnswerInput, helpRequestInput, type DeviceMode } from '../contact.ts';
import { contactNoteInput } from '../contact-note.ts';
import { feedbackInput, followupConsentInput } from '../feedback.ts';
import { localPageRevisionInput } from '../local-page.ts';
import { reviewInput } from '../review.ts';
import type { Action } from '../staff.ts';
import { trainingCompletionInput } from '../training.ts';
import type { Op, RejectionCode } from './protocol.ts';
import { describeIssues } from './protocol.ts';

/**
 * What a kiosk does with a kind: `refused` (the hub refuses it from a kiosk and the kiosk never
 * offers it); `forget` (it may send it, and keeps nothing of it once the hub has answered: no
 * journal, no attention entry, no local record); `keep` (nothing personal: kept like anywhere).
 */
export type KioskRule = 'refused' | 'forget' | 'keep';

/**
 * What a staff device keeps of an answered op: `journal` (30 days, so a hub restored from an
 * older backup gets it back) or `forget` (it carries a citizen's address: nothing once answered).
 */
export type StaffDeviceRule = 'journal' | 'forget';

export interface MutationDeclaration<
  S extends z.ZodType = z.ZodType,
  R extends KioskRule = KioskRule,
> {
  schema: S;
  /** The permission (PERMISSIONS in staff.ts) the person named on the op must hold. */
  action: (payload: z.infer<S>) => Action;
  kiosk: R;
  staffDevice: StaffDeviceRule;
}

/** Keeps each declaration's payload type for its `action`, and its kiosk rule as a literal. */
function mutation<S extends z.ZodType, R extends KioskRule>(
  declaration: MutationDeclaration<S, R>,
) {
  return declaration;
}

export const MUTATIONS = {
  'contactNote.create': mutation({
    schema: contactNoteInput,
    action: () => 'serve',
    kiosk: 'refused',
    staffDevice: 'journal',
  }),
  'localPage.save': mutation({
    schema: localPageRevisionInput,
    action: () => 'pages.edit',
    kiosk: 'refused',
    staffDevice: 'journal',
  }),
  'contact.record': mutation({
    schema: contactInput,
    // Naming a customer record is looking the person up: the single customer view's right.
    action: (p) => (p.customerId ? 'customers.view' : 'serve'),
    // The path through a flow says what a citizen chose: a kiosk forgets it once sent.
    kiosk: 'forget',
    staffDevice: 'journal',
  }),
  'help.request': mutation({
    schema: helpRequestInput,
    action: () => 'serve',
    // The kiosk watches its own call until someone answers; it names nobody.
    kiosk: 'keep',
    staffDevice: 'journal',
  }),
  'help.answer': mutation({
    schema: helpAnswerInput,
    action: () => 'serve',
    kiosk: 'refused',
    staffDevice: 'journal',
  }),
  'case.open': mutation({
    schema: caseOpenInput,
    action: (p) => (p.customerId ? 'customers.view' : 'case.capture'),
    kiosk: 'forget',
    staffDevice: 'journal',
  }),
  'case.event': mutation({
    schema: caseEventInput,
    action: (p) =>
      p.kind === 'escalated' ? 'case.escalate' : p.kind === 'note' ? 'case.note' : 'case.work',
    kiosk: 'refused',
    staffDevice: 'journal',
  }),
  'training.complete': mutation({
    schema: trainingCompletionInput,
    action: () => 'training.view',
    kiosk: 'refused',
    staffDevice: 'journal',
  }),
  'feedback.give': mutation({
    schema: feedbackInput,
    action: () => 'serve',
    kiosk: 'forget',
    staffDevice: 'journal',
  }),
  'followup.consent': mutation({
    schema: followupConsentInput,
    action: () => 'serve',
    // A kiosk never takes anyone's contact details.
    kiosk: 'refused',
    staffDevice: 'forget',
  }),
  'review.submit': mutation({
    schema: reviewInput,
    action: () => 'serve',
    kiosk: 'forget',
    staffDevice: 'journal',
  }),
  'audit.submit': mutation({
    schema: auditSubmitInput,
    action: () => 'audit',
    kiosk: 'refused',
    staffDevice: 'journal',
  }),
} as const;

export type MutationKind = keyof typeof MUTATIONS;
export const MUTATION_KINDS = Object.keys(MUTATIONS) as MutationKind[];
/** The kinds a kiosk may send (the citizen's own actions). */
export type KioskKind = {
  [K in MutationKind]: (typeof MUTATIONS)[K]['kiosk'] extends 'refused' ? never : K;
}[MutationKind];
export const KIOSK_KINDS = MUTATION_KINDS.filter(
  (kind): kind is KioskKind => MUTATIONS[kind].kiosk !== 'refused',
);
export type MutationPayload<K extends MutationKind> = z.infer<(typeof MUTATIONS)[K]['schema']>;

/**
 * What an op that names nobody may do: what a member of the public may do at a kiosk. An op
 * without a person is judged as the public, never as "anyone": no role has less.
 */
export const PUBLIC_ACTIONS: readonly Action[] = ['serve', 'case.capture'];

/** An op whose payload has been checked against its kind's schema. */
export type ValidOp = {
  [K in MutationKind]: Omit<Op, 'kind' | 'payload'> & { kind: K; payload: MutationPayload<K> };
}[MutationKind];

export type OpValidation =
  { ok: true; op: ValidOp } | { ok: false; code: RejectionCode; reason: string };

export function isMutationKind(kind: string): kind is MutationKind {
  return Object.hasOwn(MUTATIONS, kind);
}

export function validateOp(op: Op): OpValidation {
  if (!isMutationKind(op.kind)) {
    return { ok: false, code: 'unknown-kind', reason: `unknown operation kind "${op.kind}"` };
  }
  const parsed = MUTATIONS[op.kind].schema.safeParse(op.payload);
  if (!parsed.success) {
    return { ok: false, code: 'invalid-payload', reason: describeIssues(parsed.error).join('; ') };
  }
  // The schema was chosen by `op.kind`, so kind and payload agree.
  return { ok: true, op: { ...op, kind: op.kind, payload: parsed.data } as ValidOp };
}

/** The permission an op needs, from its kind's declaration and its payload. */
export function requiredAction(op: ValidOp): Action {
  const declaration = MUTATIONS[op.kind] as MutationDeclaration;
  return declaration.action(op.payload);
}

/**
 * Whether a device of this mode keeps an answered op of this kind (journal, attention, its local
 * record). An op of a kind this version does not declare is kept, for a person to see.
 */
export function keepsAfterAnswer(kind: string, mode: DeviceMode): boolean {
  if (!isMutationKind(kind)) return true;
  const declaration = MUTATIONS[kind];
  return mode === 'kiosk' ? declaration.kiosk === 'keep' : declaration.staffDevice === 'journal';
}

/** The record an op creates or changes, so the client can show it as "waiting to send". */
export function recordIdOf(op: ValidOp): string {
  return op.payload.id;
}
