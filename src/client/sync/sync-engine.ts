// Push the outbox and pull the feed, one round trip at a time, until both are drained.
// Runs in the browser and, for tests and the benchmark, in Node over fake-indexeddb.
import type { DeviceMode } from '../../shared/contact.ts';
import { isMutationKind, keepsAfterAnswer } from '../../shared/sync/mutations.ts';
import {
  ACKED_HEADER,
  APP_VERSION_PATTERN,
  MAX_BODY_BYTES,
  NO_ACKED_OP,
  MAX_OPS_PER_PUSH,
  PROTOCOL_VERSION,
  errorResponse,
  syncResponse,
  type DeviceHealth,
  type Op,
  type SyncRequest,
  type SyncResponse,
} from '../../shared/sync/protocol.ts';
import { PackSync } from './pack-sync.ts';
import { applyFeedPage, feedTables } from './feed-appliers.ts';
import { LOCAL_RECORDS, localRecordTables } from './local-records.ts';
import { uploadCasePhotos } from './photo-uploader.ts';
import { SyncError } from './sync-error.ts';
import {
  getDevice,
  getPackSettings,
  getSetting,
  getSyncSettings,
  JOURNAL_RETENTION_MS,
  type AnyDoorDatabase,
  type AttentionEntry,
  type DeviceSettings,
  type JournalEntry,
  type OutboxEntry,
  type SyncSettings,
} from '../db/database.ts';

export const PUSH_BATCH = MAX_OPS_PER_PUSH;
/** Stay well inside the hub's request body limit whatever the ops contain. */
const BATCH_BYTE_BUDGET = Math.floor(MAX_BODY_BYTES * 0.8);
const PULL_PAGE = 500;
const REQUEST_TIMEOUT_MS = 30_000;
const MAX_ROUNDS = 10_000;
export { SyncError, type SyncErrorKey } from './sync-error.ts';

/**
 * Ops the device keeps nothing of once the hub has answered: not in the journal (so a hub
 * restored from backup does not get them back), not in the attention list, and no local record.
 * Declared per kind in src/shared/sync/mutations.ts: a kiosk keeps nothing a citizen typed, a
 * staff device nothing of a follow-up's address.
 */
export function forgetsOnAck(op: Op, mode: DeviceMode): boolean {
  return !keepsAfterAnswer(op.kind, mode);
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
  /** Records per pack download page. */
  packPageSize?: number;
}

export class SyncEngine {
  readonly db: AnyDoorDatabase;
  private readonly baseUrl: string;
  private readonly fetchFn: typeof fetch;
  private readonly pushBatch: number;
  private readonly pack: PackSync;
  private progress: SyncProgress = { running: false, sent: 0, received: 0, toSend: 0 };
  private readonly listeners = new Set<() => void>();

  constructor(options: SyncEngineOptions) {
    this.db = options.db;
    this.baseUrl = options.baseUrl ?? '';
    this.fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
    this.pushBatch = options.pushBatch ?? PUSH_BATCH;
    this.pack = new PackSync({
      db: this.db,
      baseUrl: this.baseUrl,
      fetch: this.fetchFn,
      ...(options.packPageSize ? { pageSize: options.packPageSize } : {}),
    });
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
    let finished = false;
    let packVersion = 0;
    try {
      const health = await this.health();
      for (let round = 0; round < MAX_ROUNDS && !finished; round++) {
        const [{ batch, opsJson }, settings, acked] = await this.db.transaction(
          'r',
          [this.db.outbox, this.db.settings, this.db.journal],
          async () =>
            [
              await this.nextBatch(batchSize),
              await getSyncSettings(this.db),
              await this.db.journal.orderBy('seq').last(),
            ] as const,
        );
        const envelope: Omit<SyncRequest, 'push'> = {
          type: 'sync',
          protocolVersion: PROTOCOL_VERSION,
          cursor: settings.cursor,
          pullLimit: PULL_PAGE,
          // What still waits once this batch is answered: counted once, at the start.
          health: {
            ...health,
            outbox: Math.max(0, this.progress.toSend - this.progress.sent - batch.length),
          },
        };
        // The ops were serialised once to measure the batch; splice them in rather than twice.
        const body = `${JSON.stringify(envelope).slice(0, -1)},"push":[${opsJson.join(',')}]}`;
        outcome.requests++;
        const reply = await this.post(device, body, acked?.opId ?? NO_ACKED_OP);
        if (reply.kind === 'refused') {
          // The hub refused the whole batch (malformed or too large). Halve it until the
          // culprit is alone; a lone op refused is set aside for a person, so the queue moves on.
          if (batch.length > 1) {
            batchSize = Math.ceil(batch.length / 2);
          } else if (batch[0]) {
            await this.setAside(batch[0], reply.detail);
            outcome.rejected++;
            batchSize = this.pushBatch;
          } else {
            // Nothing pushed, so the cursor itself was refused: start the feed again.
            await this.saveSettings({ cursor: null });
          }
          continue;
        }
        const response = reply.response;
        packVersion = response.packVersion;
        const counts = await this.applyResponse(batch, response, device.mode ?? 'counter');
        if (!response.restored && batch.length > 0 && counts.acknowledged + counts.rejected === 0) {
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
        finished = counts.done;
      }
      if (!finished) throw new SyncError('server-error', 'sync did not converge', true);
      if (packVersion > (await getPackSettings(this.db)).version) {
        const pack = await this.pack.catchUp(device, packVersion);
        outcome.requests += pack.requests;
        outcome.received += pack.records;
      }
      const photos = await uploadCasePhotos(this.db, device, {
        baseUrl: this.baseUrl,
        fetch: this.fetchFn,
      });
      outcome.requests += photos.uploaded + photos.failed;
      return outcome;
    } catch (error) {
      // Network failures arrive as SyncErrors from post(); anything else is a fault here. But
      // a connection lost halfway through a reply (a cut body, a pack page, a photo) is no
      // fault and no bad reply: once the browser says it is offline, it is said calmly as that.
      const detail = error instanceof Error ? error.message : String(error);
      const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
      const syncError =
        error instanceof SyncError && !(offline && error.retryable)
          ? error
          : offline
            ? new SyncError('offline', detail, true)
            : new SyncError('device-error', detail, true);
      await this.saveSettings({
        lastError: syncError.key,
        lastErrorDetail: syncError.message,
        lastAttemptAt: new Date().toISOString(),
      }).catch(() => undefined);
      throw syncError;
    } finally {
      this.setProgress({ ...this.progress, running: false });
    }
  }

  /**
   * What the device reports of itself with each sync, for the studio's device list: read once
   * per sync (the outbox size per request is derived from the count taken at the start).
   */
  private async health(): Promise<Omit<DeviceHealth, 'outbox'>> {
    const [pack, session] = await Promise.all([
      getPackSettings(this.db),
      getSetting(this.db, 'staffSession'),
    ]);
    const persisted =
      typeof navigator !== 'undefined' && navigator.storage?.persisted
        ? await navigator.storage.persisted().catch(() => undefined)
        : undefined;
    const version = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : '';
    return {
      packVersion: pack.version,
      ...(persisted === undefined ? {} : { storagePersisted: persisted }),
      ...(APP_VERSION_PATTERN.test(version) ? { appVersion: version } : {}),
      ...(session ? { staffId: session.staffId } : {}),
    };
  }

  /** The oldest outbox entries, at most `limit` and small enough for the hub's body limit. */
  private async nextBatch(limit: number): Promise<{ batch: OutboxEntry[]; opsJson: string[] }> {
    const candidates = await this.db.outbox.orderBy('seq').limit(limit).toArray();
    const batch: OutboxEntry[] = [];
    const opsJson: string[] = [];
    let bytes = 0;
    for (const entry of candidates) {
      const json = JSON.stringify(entry.op);
      // A UTF-16 code unit is at most 3 bytes of UTF-8: a safe upper bound without encoding.
      bytes += json.length * 3;
      if (batch.length > 0 && bytes > BATCH_BYTE_BUDGET) break;
      batch.push(entry);
      opsJson.push(json);
    }
    return { batch, opsJson };
  }

  private async post(
    device: DeviceSettings,
    body: string,
    acked: string,
  ): Promise<{ kind: 'ok'; response: SyncResponse } | { kind: 'refused'; detail: string }> {
    let res: Response;
    try {
      res = await this.fetchFn(`${this.baseUrl}/api/sync`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${device.token}`,
          // The restore check: the hub says when it no longer has this op (see protocol.ts).
          [ACKED_HEADER]: acked,
        },
        body,
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
    const reply: unknown = await res.json().catch(() => null);
    if (res.ok) {
      const parsed = syncResponse.safeParse(reply);
      if (!parsed.success)
        throw new SyncError('bad-response', 'the hub sent an unreadable reply', true);
      return { kind: 'ok', response: parsed.data };
    }
    const error = errorResponse.safeParse(reply);
    const detail = error.success
      ? [error.data.message, ...(error.data.issues ?? [])].join(' ')
      : `HTTP ${res.status}`;
    if (res.status === 401) throw new SyncError('unauthorised', detail, false);
    if (res.status === 426) throw new SyncError('update-needed', detail, false);
    const refused =
      (res.status === 400 && error.success && error.data.code === 'invalid-request') ||
      res.status === 413;
    if (refused) {
      return { kind: 'refused', detail };
    }
    throw new SyncError('server-error', detail, true);
  }

  /**
   * Acknowledgements, rejections, pulled changes and the new cursor: all or nothing. When
   * nothing is left to send or pull, the same transaction records the sync as successful.
   * Acknowledged ops move to the journal; a hub restored from backup gets the journal back.
   */
  private async applyResponse(
    batch: OutboxEntry[],
    response: SyncResponse,
    mode: DeviceMode,
  ): Promise<{ acknowledged: number; rejected: number; done: boolean }> {
    const byOpId = new Map(batch.map((entry) => [entry.op.id, entry]));
    let acknowledged = 0;
    let rejected = 0;
    let done = false;
    const { db } = this;
    await db.transaction(
      'rw',
      // Every table a reply can touch: acknowledgements, rejections, what forgotten ops leave
      // and each entity of the feed.
      [
        ...new Set([
          db.outbox,
          db.journal,
          db.attention,
          db.settings,
          ...localRecordTables(db),
          ...feedTables(db),
        ]),
      ],
      async () => {
        if (response.restored) {
          // The hub lost ops it had acknowledged, or feed it had sent: give it the journal
          // again, oldest first and ahead of the outbox (it applied nothing of this batch),
          // and take the feed from the start it pulled from. Re-sent ops it still has come
          // back as duplicates; pulled records overwrite their own copies.
          await db.outbox.bulkPut(
            (await db.journal.toArray()).map(({ seq, opId, recordId, op }) => ({
              seq,
              opId,
              recordId,
              op,
            })),
          );
          await db.journal.clear();
          await applyFeedPage(db, response.changes);
          const settings = await getSyncSettings(db);
          await db.settings.put({ ...settings, cursor: response.cursor });
          return;
        }
        const answered: number[] = [];
        const journal: JournalEntry[] = [];
        for (const result of response.results) {
          const entry = byOpId.get(result.opId);
          if (!entry || entry.seq === undefined) continue;
          answered.push(entry.seq);
          const forget = forgetsOnAck(entry.op, mode);
          if (forget) await this.forgetLocal(entry);
          if (result.status === 'rejected') {
            rejected++;
            if (!forget) await this.recordRejection(entry, result.code, result.reason);
          } else {
            acknowledged++;
            if (forget) continue;
            journal.push({
              seq: entry.seq,
              opId: entry.opId,
              recordId: entry.recordId,
              op: entry.op,
              ackedAt: response.serverTime,
            });
          }
        }
        await db.journal.bulkPut(journal);
        // Retention by the hub's clock: the device clock may be days out.
        const expired = new Date(Date.parse(response.serverTime) - JOURNAL_RETENTION_MS);
        await db.journal.where('ackedAt').below(expired.toISOString()).delete();
        // Only what the hub answered leaves the outbox.
        // Usually the whole batch was answered: a contiguous run of keys, which one range
        // delete removes far faster than key by key.
        const first = batch[0]?.seq;
        const last = batch.at(-1)?.seq;
        if (answered.length === batch.length && first !== undefined && last !== undefined) {
          await db.outbox.where('seq').between(first, last, true, true).delete();
        } else {
          await db.outbox.bulkDelete(answered);
        }
        await applyFeedPage(db, response.changes);
        done = !response.hasMore && (batch.length === 0 || (await db.outbox.count()) === 0);
        const settings = await getSyncSettings(db);
        const now = new Date().toISOString();
        await db.settings.put({
          ...settings,
          cursor: response.cursor ?? settings.cursor,
          ...(done
            ? { lastSuccessAt: now, lastAttemptAt: now, lastError: null, lastErrorDetail: null }
            : {}),
        });
      },
    );
    return { acknowledged, rejected, done };
  }

  /** Keeps a refused op for a person and takes back its local effect where it has one. */
  private async recordRejection(
    entry: OutboxEntry,
    code: AttentionEntry['code'],
    reason: string,
  ): Promise<void> {
    await this.db.attention.put({
      opId: entry.opId,
      recordId: entry.recordId,
      op: entry.op,
      code,
      reason,
      rejectedAt: new Date().toISOString(),
    });
    // A refused page revision must not stand as a head the hub will never have; its text
    // stays readable in the attention list.
    if (entry.op.kind === 'localPage.save') await this.db.pageRevisions.delete(entry.recordId);
  }

  /** Removes what a forgotten op left on the device besides its outbox entry. */
  private async forgetLocal(entry: OutboxEntry): Promise<void> {
    if (isMutationKind(entry.op.kind)) {
      await LOCAL_RECORDS[entry.op.kind].forget(this.db, entry.recordId);
    }
  }

  private async setAside(entry: OutboxEntry, detail: string): Promise<void> {
    const { db } = this;
    const mode = (await getDevice(db))?.mode ?? 'counter';
    await db.transaction('rw', [db.outbox, db.attention, ...localRecordTables(db)], async () => {
      if (forgetsOnAck(entry.op, mode)) await this.forgetLocal(entry);
      else await this.recordRejection(entry, 'refused-batch', detail);
      await db.outbox.delete(entry.seq as number);
    });
  }

  private async saveSettings(patch: Partial<Omit<SyncSettings, 'key'>>): Promise<void> {
    await this.db.transaction('rw', this.db.settings, async () => {
      const settings = await getSyncSettings(this.db);
      await this.db.settings.put({ ...settings, ...patch });
    });
  }
}
