// Push the outbox and pull the feed, one round trip at a time, until both are drained.
// Runs in the browser and, for tests and the benchmark, in Node over fake-indexeddb.
import { contactNote } from '../../shared/contact-note.ts';
import {
  PROTOCOL_VERSION,
  errorResponse,
  syncResponse,
  type Change,
  type OpResult,
  type SyncRequest,
  type SyncResponse,
} from '../../shared/sync/protocol.ts';
import {
  getDevice,
  getSyncSettings,
  type AnyDoorDatabase,
  type AttentionEntry,
  type DeviceSettings,
  type OutboxEntry,
  type SyncSettings,
} from '../db/database.ts';

export const PUSH_BATCH = 500;
const PULL_PAGE = 500;
const REQUEST_TIMEOUT_MS = 30_000;
const MAX_ROUNDS = 10_000;

/** Why a sync stopped short. The key names a sentence in i18n "sync.errors". */
export type SyncErrorKey =
  'offline' | 'unreachable' | 'server-error' | 'unauthorised' | 'update-needed' | 'bad-response';

export class SyncError extends Error {
  readonly key: SyncErrorKey;
  /** Whether waiting and retrying can help (it cannot for a revoked device or an old app). */
  readonly retryable: boolean;
  constructor(key: SyncErrorKey, detail: string, retryable: boolean) {
    super(detail);
    this.key = key;
    this.retryable = retryable;
  }
}

export interface SyncProgress {
  running: boolean;
  sent: number;
  received: number;
  /** Ops waiting when this run started (for "42 of 300 sent"). */
  toSend: number;
}

export interface SyncOutcome {
  requests: number;
  sent: number;
  received: number;
  rejected: number;
}

export interface SyncEngineOptions {
  db: AnyDoorDatabase;
  /** Origin of the hub; '' for the page's own origin. */
  baseUrl?: string;
  fetch?: typeof fetch;
  pushBatch?: number;
}

export class SyncEngine {
  readonly db: AnyDoorDatabase;
  private readonly baseUrl: string;
  private readonly fetchFn: typeof fetch;
  private readonly pushBatch: number;
  private progress: SyncProgress = { running: false, sent: 0, received: 0, toSend: 0 };
  private readonly listeners = new Set<() => void>();

  constructor(options: SyncEngineOptions) {
    this.db = options.db;
    this.baseUrl = options.baseUrl ?? '';
    this.fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
    this.pushBatch = options.pushBatch ?? PUSH_BATCH;
  }

  getProgress = (): SyncProgress => this.progress;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private setProgress(next: SyncProgress): void {
    this.progress = next;
    for (const listener of this.listeners) listener();
  }

  /** One full sync. Throws SyncError when it could not finish; what was acknowledged stays done. */
  async syncOnce(): Promise<SyncOutcome> {
    const device = await getDevice(this.db);
    if (!device) return { requests: 0, sent: 0, received: 0, rejected: 0 };
    const outcome: SyncOutcome = { requests: 0, sent: 0, received: 0, rejected: 0 };
    this.setProgress({ running: true, sent: 0, received: 0, toSend: await this.db.outbox.count() });
    let batchSize = this.pushBatch;
    try {
      for (let round = 0; round < MAX_ROUNDS; round++) {
        const batch = await this.db.outbox.orderBy('seq').limit(batchSize).toArray();
        const settings = await getSyncSettings(this.db);
        const request: SyncRequest = {
          type: 'sync',
          protocolVersion: PROTOCOL_VERSION,
          push: batch.map((entry) => entry.op),
          cursor: settings.cursor,
          pullLimit: PULL_PAGE,
        };
        outcome.requests++;
        const reply = await this.post(device, request);
        if (reply.kind === 'refused') {
          // The hub refused the whole batch as malformed. Find the culprit by sending one op
          // at a time; a lone op refused is set aside for a person, so the queue moves on.
          if (batch.length > 1) {
            batchSize = 1;
            continue;
          }
          if (batch.length === 1 && batch[0]) {
            await this.setAside(batch[0], reply.detail);
            outcome.rejected++;
            batchSize = this.pushBatch;
            continue;
          }
          // Nothing pushed, so the cursor itself was refused: start the feed again.
          await this.saveSettings({ cursor: null });
          continue;
        }
        const response = reply.response;
        const counts = await this.applyResponse(batch, response);
        if (batch.length > 0 && counts.acknowledged + counts.rejected === 0) {
          // A hub that answers none of the ops sent would make this loop forever.
          throw new SyncError(
            'bad-response',
            'the hub acknowledged none of the changes sent',
            true,
          );
        }
        outcome.sent += counts.acknowledged;
        outcome.rejected += counts.rejected;
        outcome.received += response.changes.length;
        this.setProgress({
          ...this.progress,
          sent: this.progress.sent + counts.acknowledged + counts.rejected,
          received: this.progress.received + response.changes.length,
        });
        const outboxLeft = batch.length > 0 && (await this.db.outbox.count()) > 0;
        if (!outboxLeft && !response.hasMore) {
          await this.saveSettings({
            lastSuccessAt: new Date().toISOString(),
            lastError: null,
            lastErrorDetail: null,
          });
          return outcome;
        }
      }
      throw new SyncError('server-error', 'sync did not converge', true);
    } catch (error) {
      const syncError =
        error instanceof SyncError
          ? error
          : new SyncError(
              'unreachable',
              error instanceof Error ? error.message : String(error),
              true,
            );
      await this.saveSettings({ lastError: syncError.key, lastErrorDetail: syncError.message });
      throw syncError;
    } finally {
      await this.saveSettings({ lastAttemptAt: new Date().toISOString() }).catch(() => undefined);
      this.setProgress({ ...this.progress, running: false });
    }
  }

  private async post(
    device: DeviceSettings,
    request: SyncRequest,
  ): Promise<{ kind: 'ok'; response: SyncResponse } | { kind: 'refused'; detail: string }> {
    let res: Response;
    try {
      res = await this.fetchFn(`${this.baseUrl}/api/sync`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${device.token}` },
        body: JSON.stringify(request),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
      throw new SyncError(
        offline ? 'offline' : 'unreachable',
        error instanceof Error ? error.message : String(error),
        true,
      );
    }
    const body: unknown = await res.json().catch(() => null);
    if (res.ok) {
      const parsed = syncResponse.safeParse(body);
      if (!parsed.success)
        throw new SyncError('bad-response', 'the hub sent an unreadable reply', true);
      return { kind: 'ok', response: parsed.data };
    }
    const error = errorResponse.safeParse(body);
    const detail = error.success
      ? [error.data.message, ...(error.data.issues ?? [])].join(' ')
      : `HTTP ${res.status}`;
    if (res.status === 401) throw new SyncError('unauthorised', detail, false);
    if (res.status === 426) throw new SyncError('update-needed', detail, false);
    if (res.status === 400 && error.success && error.data.code === 'invalid-request') {
      return { kind: 'refused', detail };
    }
    throw new SyncError('server-error', detail, true);
  }

  /** Acknowledgements, rejections, pulled changes and the new cursor: all or nothing. */
  private async applyResponse(
    batch: OutboxEntry[],
    response: SyncResponse,
  ): Promise<{ acknowledged: number; rejected: number }> {
    const byOpId = new Map(batch.map((entry) => [entry.op.id, entry]));
    let acknowledged = 0;
    let rejected = 0;
    const { db } = this;
    await db.transaction(
      'rw',
      [db.outbox, db.attention, db.contactNotes, db.settings],
      async () => {
        const done: string[] = [];
        for (const result of response.results) {
          const entry = byOpId.get(result.opId);
          if (!entry) continue;
          done.push(entry.opId);
          if (result.status === 'rejected') {
            rejected++;
            await this.recordRejection(entry, result);
          } else {
            acknowledged++;
            await this.markSynced(entry, response.serverTime);
          }
        }
        // Only what the hub acknowledged leaves the outbox.
        await db.outbox.where('opId').anyOf(done).delete();
        for (const change of response.changes) await this.applyChange(change);
        const settings = await getSyncSettings(db);
        await db.settings.put({ ...settings, cursor: response.cursor ?? settings.cursor });
      },
    );
    return { acknowledged, rejected };
  }

  private async markSynced(entry: OutboxEntry, serverTime: string): Promise<void> {
    if (entry.op.kind === 'contactNote.create') {
      await this.db.contactNotes.update(entry.recordId, {
        state: 'synced',
        receivedAt: serverTime,
      });
    }
  }

  private async recordRejection(
    entry: OutboxEntry,
    result: Extract<OpResult, { status: 'rejected' }>,
  ): Promise<void> {
    const item: AttentionEntry = {
      opId: entry.opId,
      recordId: entry.recordId,
      op: entry.op,
      code: result.code,
      reason: result.reason,
      rejectedAt: new Date().toISOString(),
    };
    await this.db.attention.put(item);
    if (entry.op.kind === 'contactNote.create') {
      await this.db.contactNotes.update(entry.recordId, { state: 'rejected' });
    }
  }

  private async setAside(entry: OutboxEntry, detail: string): Promise<void> {
    const { db } = this;
    await db.transaction('rw', [db.outbox, db.attention, db.contactNotes], async () => {
      await db.attention.put({
        opId: entry.opId,
        recordId: entry.recordId,
        op: entry.op,
        code: 'refused-batch',
        reason: detail,
        rejectedAt: new Date().toISOString(),
      });
      if (entry.op.kind === 'contactNote.create') {
        await db.contactNotes.update(entry.recordId, { state: 'rejected' });
      }
      await db.outbox.where('opId').equals(entry.opId).delete();
    });
  }

  private async applyChange(change: Change): Promise<void> {
    if (change.entity !== 'contactNote') return; // A newer hub's record kinds wait for an app update.
    if (change.op === 'delete') {
      await this.db.contactNotes.delete(change.id);
      return;
    }
    const parsed = contactNote.safeParse(change.data);
    if (!parsed.success) return;
    await this.db.contactNotes.put({ ...parsed.data, state: 'synced' });
  }

  private async saveSettings(patch: Partial<Omit<SyncSettings, 'key'>>): Promise<void> {
    await this.db.transaction('rw', this.db.settings, async () => {
      const settings = await getSyncSettings(this.db);
      await this.db.settings.put({ ...settings, ...patch });
    });
  }
}
