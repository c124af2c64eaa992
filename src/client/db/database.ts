// The one IndexedDB database of the app. Only src/client/db touches IndexedDB; screens read
// through live-query hooks. Schema versions are append-only: a new version lists every table
// and, where data must change shape, an upgrade function, so an upgrade keeps what is there.
import { Dexie, type EntityTable, type Table, type Transaction } from 'dexie';
import type { ContactNoteInput } from '../../shared/contact-note.ts';
import type { Op, RejectionCode } from '../../shared/sync/protocol.ts';

/** Derived for display: see use-contact-notes.ts. */
export type SyncState = 'pending' | 'synced' | 'rejected';

export interface LocalContactNote extends ContactNoteInput {
  accessPointId: string;
  deviceId: string;
  /** Server clock when the hub stored it; '' for this device's own notes, which are not pulled back. */
  receivedAt: string;
}

export interface OutboxEntry {
  /** Local insertion order: the outbox drains oldest first. */
  seq?: number;
  opId: string;
  /** The record the op writes, so screens can show it as "waiting to send". */
  recordId: string;
  op: Op;
}

export interface AttentionEntry {
  opId: string;
  recordId: string;
  op: Op;
  code: RejectionCode | 'refused-batch';
  reason: string;
  rejectedAt: string;
}

export interface DeviceSettings {
  key: 'device';
  deviceId: string;
  token: string;
  deviceName: string;
  accessPointId: string;
  accessPointName: string;
  enrolledAt: string;
}

export interface SyncSettings {
  key: 'sync';
  cursor: string | null;
  lastSuccessAt: string | null;
  lastAttemptAt: string | null;
  /** An error key (see i18n "sync.errors") from the last attempt; null when it succeeded. */
  lastError: string | null;
  lastErrorDetail: string | null;
}

export type Settings = DeviceSettings | SyncSettings;

export const DB_NAME = 'anydoor';

/** Every schema the database has had, oldest first. Append; never edit an entry. */
export const SCHEMA_VERSIONS: {
  version: number;
  stores: Record<string, string>;
  upgrade?: (tx: Transaction) => Promise<void>;
}[] = [
  {
    version: 1,
    stores: {
      contactNotes: 'id, receivedAt',
      outbox: '++seq, &opId',
      attention: 'opId',
      settings: 'key',
    },
  },
  {
    // v2: sync state is derived, not stored: a note waits to be sent while an outbox entry
    // names it and needs attention while the attention list does. Acknowledging a batch then
    // touches only the outbox. Notes list by creation time.
    version: 2,
    stores: {
      contactNotes: 'id, createdAt',
      outbox: '++seq, &opId, recordId',
      attention: 'opId, recordId',
      settings: 'key',
    },
  },
];

export class AnyDoorDatabase extends Dexie {
  contactNotes!: EntityTable<LocalContactNote, 'id'>;
  outbox!: EntityTable<OutboxEntry, 'seq'>;
  attention!: EntityTable<AttentionEntry, 'opId'>;
  settings!: Table<Settings, Settings['key']>;

  constructor(name = DB_NAME, options?: { upToVersion?: number; indexedDB?: IDBFactory }) {
    super(name, options?.indexedDB ? { indexedDB: options.indexedDB } : undefined);
    for (const schema of SCHEMA_VERSIONS) {
      if (options?.upToVersion !== undefined && schema.version > options.upToVersion) break;
      const version = this.version(schema.version).stores(schema.stores);
      if (schema.upgrade) version.upgrade(schema.upgrade);
    }
  }
}

export const EMPTY_SYNC_SETTINGS: SyncSettings = {
  key: 'sync',
  cursor: null,
  lastSuccessAt: null,
  lastAttemptAt: null,
  lastError: null,
  lastErrorDetail: null,
};

export async function getDevice(db: AnyDoorDatabase): Promise<DeviceSettings | undefined> {
  const row = await db.settings.get('device');
  return row?.key === 'device' ? row : undefined;
}

export async function getSyncSettings(db: AnyDoorDatabase): Promise<SyncSettings> {
  const row = await db.settings.get('sync');
  return row?.key === 'sync' ? row : EMPTY_SYNC_SETTINGS;
}
