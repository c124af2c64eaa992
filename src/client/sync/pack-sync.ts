// Brings the device's franchise pack up to the newest published version. Pages of changed
// records land in a staging table (an interrupted download resumes where it stopped) and one
// transaction then switches every pack table over, so the old version stays in use until the
// new one is complete.
import { PACK_KINDS, packRecordSchemas, type PackKind } from '../../shared/pack/schema.ts';
import {
  DEFAULT_PACK_PAGE,
  packDeltaResponse,
  type PackDeltaResponse,
} from '../../shared/sync/protocol.ts';
import {
  getPackSettings,
  getSetting,
  type AnyDoorDatabase,
  type DeviceSettings,
  type PackStagingRow,
  type PackStagingSettings,
} from '../db/database.ts';
import { SyncError } from './sync-error.ts';

const HISTORY_KEPT = 20;

export interface PackSyncOptions {
  db: AnyDoorDatabase;
  baseUrl: string;
  fetch: typeof fetch;
  pageSize?: number;
}

export interface PackCatchUp {
  requests: number;
  records: number;
  /** The version in use afterwards. */
  version: number;
}

function isPackKind(kind: string): kind is PackKind {
  return (PACK_KINDS as string[]).includes(kind);
}

export class PackSync {
  private readonly db: AnyDoorDatabase;
  private readonly baseUrl: string;
  private readonly fetchFn: typeof fetch;
  private readonly pageSize: number;

  constructor(options: PackSyncOptions) {
    this.db = options.db;
    this.baseUrl = options.baseUrl;
    this.fetchFn = options.fetch;
    this.pageSize = options.pageSize ?? DEFAULT_PACK_PAGE;
  }

  async catchUp(device: DeviceSettings, latest: number): Promise<PackCatchUp> {
    const { db } = this;
    const current = await getPackSettings(db);
    const outcome: PackCatchUp = { requests: 0, records: 0, version: current.version };
    if (latest <= current.version) return outcome;

    let staging = await this.staging();
    if (!staging || staging.since !== current.version || staging.to !== latest) {
      // Nothing staged, or staged for a version that has since been overtaken: start afresh.
      staging = { key: 'packStaging', since: current.version, to: latest, next: '', versions: [] };
      const fresh = staging;
      await db.transaction('rw', [db.packStaging, db.settings], async () => {
        await db.packStaging.clear();
        await db.settings.put(fresh);
      });
    }
    while (staging.next !== null) {
      const page = await this.fetchPage(device, staging);
      outcome.requests++;
      outcome.records += page.records.length;
      const rows: PackStagingRow[] = [];
      for (const record of page.records) {
        if (!isPackKind(record.kind)) continue; // A kind from a newer hub: ignored until an app update.
        if (!record.deleted) {
          // The hub is trusted with content, not with shape: a record this app cannot read
          // would break the screens that show it, so the download stops and retries instead.
          const parsed = packRecordSchemas[record.kind].safeParse(record.data);
          if (!parsed.success) {
            throw new SyncError(
              'bad-response',
              `pack record ${record.kind}/${record.id} is malformed`,
              true,
            );
          }
          rows.push({ kind: record.kind, id: record.id, deleted: false, data: parsed.data });
        } else {
          rows.push({ kind: record.kind, id: record.id, deleted: true, data: null });
        }
      }
      const next: PackStagingSettings = { ...staging, next: page.next, versions: page.versions };
      if (staging.next === '' && page.next === null) {
        // The whole delta came in one page: nothing to stage, switch over in one transaction.
        await this.switchOver(next, rows);
        return { ...outcome, version: next.to };
      }
      await db.transaction('rw', [db.packStaging, db.settings], async () => {
        await db.packStaging.bulkPut(rows);
        await db.settings.put(next);
      });
      staging = next;
    }
    await this.switchOver(staging, await db.packStaging.toArray());
    outcome.version = staging.to;
    return outcome;
  }

  private async staging(): Promise<PackStagingSettings | undefined> {
    return getSetting(this.db, 'packStaging');
  }

  private async fetchPage(
    device: DeviceSettings,
    staging: PackStagingSettings,
  ): Promise<PackDeltaResponse> {
    const query = new URLSearchParams({
      since: String(staging.since),
      to: String(staging.to),
      limit: String(this.pageSize),
    });
    if (staging.next) query.set('after', staging.next);
    let res: Response;
    try {
      res = await this.fetchFn(`${this.baseUrl}/api/pack/delta?${query.toString()}`, {
        headers: { authorization: `Bearer ${device.token}` },
        signal: AbortSignal.timeout(60_000),
      });
    } catch (error) {
      throw new SyncError(
        'unreachable',
        error instanceof Error ? error.message : String(error),
        true,
      );
    }
    if (res.status === 401) throw new SyncError('unauthorised', 'device not enrolled', false);
    if (!res.ok)
      throw new SyncError('server-error', `pack download failed: HTTP ${res.status}`, true);
    const parsed = packDeltaResponse.safeParse(await res.json().catch(() => null));
    if (!parsed.success)
      throw new SyncError('bad-response', 'the hub sent an unreadable pack page', true);
    return parsed.data;
  }

  /** The downloaded records → live pack tables, all in one transaction. */
  private async switchOver(staging: PackStagingSettings, rows: PackStagingRow[]): Promise<void> {
    const { db } = this;
    const tables = PACK_KINDS.map((kind) => db.packTable(kind));
    await db.transaction('rw', [...tables, db.packStaging, db.settings], async () => {
      for (const kind of PACK_KINDS) {
        const ofKind = rows.filter((row) => row.kind === kind);
        const table = db.packTable(kind);
        await table.bulkPut(ofKind.filter((r) => !r.deleted).map((r) => r.data as { id: string }));
        await table.bulkDelete(ofKind.filter((r) => r.deleted).map((r) => r.id));
      }
      const current = await getPackSettings(db);
      await db.packStaging.clear();
      await db.settings.delete('packStaging');
      await db.settings.put({
        key: 'pack',
        version: staging.to,
        publishedAt: staging.versions.at(-1)?.publishedAt ?? current.publishedAt,
        history: [...current.history, ...staging.versions].slice(-HISTORY_KEPT),
      });
    });
  }
}
