// The contract between the sync loop and the features: a handler per mutation kind (the kinds
// are declared in src/shared/sync/mutations.ts), what it is given and how it refuses an op. The
// core store claims the ops' ids and calls the handlers in that transaction (CoreStore.applyOps).
import type { Transaction } from 'kysely';
import type { MutationKind, ValidOp } from '../../../shared/sync/mutations.ts';
import type { OpResult, RejectionCode } from '../../../shared/sync/protocol.ts';
import type { Device } from './device.ts';
import type { Database } from './schema.ts';

/**
 * Applies the ops of its kinds, in the order sent, inside the transaction that claimed their
 * ids; sets a result for each op it refuses and returns their ids.
 */
export type OpHandler = (
  trx: Transaction<Database>,
  device: Device,
  ops: readonly ValidOp[],
  now: string,
  results: Map<string, OpResult>,
) => Promise<string[]>;

/**
 * The hub's handler for every mutation kind (declared in src/shared/sync/mutations.ts),
 * assembled from the features' handlers in src/server/storage.ts: a kind without one does not
 * compile. Kinds handled together (a case's opening and its actions, which may follow each
 * other in one batch) share one function.
 */
export type OpHandlers = { readonly [K in MutationKind]: OpHandler };

/** A handler's answer to an op it refuses: permanent, shown to the person on the device. */
export function refusal(opId: string, code: RejectionCode, reason: string): OpResult {
  return { status: 'rejected', opId, code, reason };
}

/** The refusal of an op whose record id is taken (by an earlier op or earlier in its batch). */
export function conflict(opId: string, recordId: string): OpResult {
  return refusal(opId, 'conflict', `a record with id ${recordId} already exists`);
}
