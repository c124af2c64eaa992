// Every kind of write a device can make. The client and the server validate an op's payload
// with the same schema, so a device never queues what the hub would refuse as malformed.
import type { z } from 'zod';
import { auditSubmitInput } from '../audit.ts';
import { caseEventInput, caseOpenInput } from '../case.ts';
import { contactInput, helpAnswerInput, helpRequestInput } from '../contact.ts';
import { contactNoteInput } from '../contact-note.ts';
import { feedbackInput, followupConsentInput } from '../feedback.ts';
import { localPageRevisionInput } from '../local-page.ts';
import { reviewInput } from '../review.ts';
import { trainingCompletionInput } from '../training.ts';
import type { Op, RejectionCode } from './protocol.ts';
import { describeIssues } from './protocol.ts';

export const MUTATIONS = {
  'contactNote.create': contactNoteInput,
  'localPage.save': localPageRevisionInput,
  'contact.record': contactInput,
  'help.request': helpRequestInput,
  'help.answer': helpAnswerInput,
  'case.open': caseOpenInput,
  'case.event': caseEventInput,
  'training.complete': trainingCompletionInput,
  'feedback.give': feedbackInput,
  'followup.consent': followupConsentInput,
  'review.submit': reviewInput,
  'audit.submit': auditSubmitInput,
} as const satisfies Record<string, z.ZodType>;

export type MutationKind = keyof typeof MUTATIONS;
export type MutationPayload<K extends MutationKind> = z.infer<(typeof MUTATIONS)[K]>;

/** An op whose payload has been checked against its kind's schema. */
export type ValidOp = {
  [K in MutationKind]: Omit<Op, 'kind' | 'payload'> & { kind: K; payload: MutationPayload<K> };
}[MutationKind];

export type OpValidation =
  { ok: true; op: ValidOp } | { ok: false; code: RejectionCode; reason: string };

function isMutationKind(kind: string): kind is MutationKind {
  return Object.hasOwn(MUTATIONS, kind);
}

export function validateOp(op: Op): OpValidation {
  if (!isMutationKind(op.kind)) {
    return { ok: false, code: 'unknown-kind', reason: `unknown operation kind "${op.kind}"` };
  }
  const parsed = MUTATIONS[op.kind].safeParse(op.payload);
  if (!parsed.success) {
    return { ok: false, code: 'invalid-payload', reason: describeIssues(parsed.error).join('; ') };
  }
  // The schema was chosen by `op.kind`, so kind and payload agree.
  return { ok: true, op: { ...op, kind: op.kind, payload: parsed.data } as ValidOp };
}

/** The record an op creates or changes, so the client can show it as "waiting to send". */
export function recordIdOf(op: ValidOp): string {
  return op.payload.id;
}
