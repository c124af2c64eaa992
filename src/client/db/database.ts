// The one IndexedDB database of the app. Only src/client/db touches IndexedDB; screens read
// through live-query hooks. Schema versions are append-only: a new version lists every table
// and, where data must change shape, an upgrade function, so an upgrade keeps what is there.
import { Dexie, type EntityTable, type Table, type Transaction } from 'dexie';
import type { AuditItemInput } from '../../shared/audit.ts';
import type { CaseEvent, CaseRecord } from '../../shared/case.ts';
import type { CasePhotoMeta } from '../../shared/case-photo.ts';
import type { PublishedReview } from '../../shared/review.ts';
import { idleExpired, type Role, type StaffMember } from '../../shared/staff.ts';
import type { TrainingCompletion } from '../../shared/training.ts';
import type { Contact, DeviceMode, HelpEvent } from '../../shared/contact.ts';
import type { ContactNoteInput } from '../../shared/contact-note.ts';
import type { LocalPageRevision } from '../../shared/local-page.ts';
import type {
  Commitment,
  PackAccessPoint,
  PackKind,
  PackRecordOf,
  Partner,
  ProcessMap,
  Service,
  Standard,
  TrainingModule,
} from '../../shared/pack/schema.ts';
import type { Op, PackVersionInfo, RejectionCode } from '../../shared/sync/protocol.ts';

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

/**
 * An op the hub acknowledged, kept for JOURNAL_RETENTION_MS after (by the hub's clock) so it
 * can be sent again if the hub is restored from an older backup. `seq` is its outbox key, so
 * re-queued entries go back ahead of anything written since, in their original order.
 */
export interface JournalEntry {
  seq: number;
  opId: string;
  recordId: string;
  op: Op;
  /** The hub's clock when it acknowledged the op. */
  ackedAt: string;
}

/** How long acknowledged ops are kept for a hub restored from backup to be given back. */
export const JOURNAL_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

export interface AttentionEntry {
  opId: string;
  recordId: string;
  op: Op;
  code: RejectionCode | 'refused-batch';
  reason: string;
  rejectedAt: string;
}

/**
 * A change pulled from the hub that this device could not apply (malformed, an entity this app
 * does not know yet, or refused by IndexedDB): kept for a person with the reason, while the
 * feed moves on. Keyed by entity and id, so a later change to the same record replaces it.
 */
export interface UnappliedChange {
  key: string;
  entity: string;
  id: string;
  op: 'upsert' | 'delete';
  data: unknown;
  reason: string;
  at: string;
}

/**
 * The finder's index for one pack version, serialised (MiniSearch's JSON). `format` names the
 * index code that wrote it: an index written by other tokenizing or fields is not loaded.
 */
export interface StoredSearchIndex {
  packVersion: number;
  format: number;
  json: string;
  builtAt: string;
}

export interface DeviceSettings {
  key: 'device';
  deviceId: string;
  token: string;
  deviceName: string;
  accessPointId: string;
  accessPointName: string;
  /** Chosen at enrolment; devices enrolled before modes existed are counters. */
  mode?: DeviceMode;
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

/** A case as the device knows it: routing and due times arrive with the hub's copy. */
export type LocalCase = Omit<
  CaseRecord,
  'ownerPartnerId' | 'ownerTeamId' | 'dues' | 'receivedAt'
> & {
  ownerPartnerId: string;
  ownerTeamId: string;
  dues: CaseRecord['dues'];
  receivedAt: string;
};

/** An event as the device knows it; `seq` is 0 until the hub has ordered it. */
export type LocalCaseEvent = CaseEvent;

export type LocalContact = Omit<Contact, 'mode' | 'receivedAt'> & { receivedAt: string };

/**
 * A photo of a case. `upload`: 'waiting' until the hub has the bytes, 'done' after, 'failed'
 * if the hub refused them (with its reason), 'remote' for another device's photo.
 */
export interface LocalCasePhoto extends CasePhotoMeta {
  upload: 'waiting' | 'done' | 'failed' | 'remote';
  /** The bytes; absent for another device's photo until it has been shown once. */
  blob?: Blob;
  failure?: string;
  createdAt: string;
}

/**
 * A mystery-shopping audit on the auditor's tablet: a draft until submitted, when it is queued
 * for sync with its op (its sync state is derived from the outbox, like a note's).
 */
export interface LocalAudit {
  id: string;
  /** The place audited (usually not the tablet's own). */
  accessPointId: string;
  staffId: string;
  status: 'draft' | 'submitted';
  items: AuditItemInput[];
  /** The device's own score, for display; the hub keeps the one it computes. */
  score: number | null;
  startedAt: string;
  updatedAt: string;
  visitedAt?: string;
}

/** The pack version this device uses, and what changed in the versions it took in. */
export interface PackSettings {
  key: 'pack';
  version: number;
  publishedAt: string | null;
  /** Newest last, at most the last 20 versions. */
  history: PackVersionInfo[];
}

/** A download in progress: records land in packStaging until the last page has arrived. */
export interface PackStagingSettings {
  key: 'packStaging';
  since: number;
  to: number;
  /** Resume point ("kind/id"); null once the last page is staged. */
  next: string | null;
  versions: PackVersionInfo[];
}

export interface PackStagingRow {
  kind: PackKind;
  id: string;
  deleted: boolean;
  data: unknown;
}

/** Interface choices on a staff device (a kiosk keeps them in memory only, per session). */
export interface UiSettings {
  key: 'ui';
  language: string;
  /** Who is at the desk, shown on screen until staff sign-in arrives. */
  staffName: string;
}

/** How long a kiosk waits before warning, then wiping, an abandoned session. */
export interface KioskSettings {
  key: 'kiosk';
  idleSeconds: number;
  warnSeconds: number;
}

/** The person signed in on this device (unlocked with their PIN); absent when locked. */
export interface StaffSessionSettings {
  key: 'staffSession';
  staffId: string;
  name: string;
  role: Role;
  partnerId: string | null;
  signedInAt: string;
  /** The last touch or key press: the device locks itself after IDLE_LOCK_MS without one. */
  lastActiveAt: string;
}

/** Wrong PINs in a row, per person, so a reload does not reset the lockout. */
export interface PinGuardSettings {
  key: 'pinGuard';
  failures: Record<string, { count: number; lockedUntil: number }>;
}

export type Settings =
  | DeviceSettings
  | SyncSettings
  | PackSettings
  | PackStagingSettings
  | UiSettings
  | KioskSettings
  | StaffSessionSettings
  | PinGuardSettings;

export const DB_NAME = 'anydoor';

/**
 * Every schema the database has had, oldest first. Append; never edit an entry. As Dexie
 * allows, a version lists only the tables it adds or changes; the others carry over.
 */
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
    // names it and needs attention while the attention list does. Notes list by creation time.
    version: 2,
    stores: {
      contactNotes: 'id, createdAt',
      outbox: '++seq, &opId, recordId',
      attention: 'opId, recordId',
    },
  },
  {
    // v3: the franchise pack, one table per record kind, and a staging area that a pack
    // download fills before one transaction switches the device to the new version.
    version: 3,
    stores: {
      partners: 'id',
      lifeEvents: 'id',
      topics: 'id',
      services: 'id, lgsl, tier, *lifeEvents, *topics',
      commitments: 'id, serviceId',
      processMaps: 'id, serviceId',
      training: 'id, *serviceIds',
      accessPoints: 'id, kind, *faceToFaceServiceIds',
      packStaging: '[kind+id]',
    },
  },
  {
    // v4: local information pages, as their immutable revisions (state is derived).
    version: 4,
    stores: { pageRevisions: 'id, pageId, accessPointId' },
  },
  {
    // v5: contacts (for "often used here") and calls for help between kiosks and counters.
    version: 5,
    stores: { contacts: 'id, accessPointId, createdAt', helpEvents: 'id, requestId, createdAt' },
  },
  {
    // v6: no index of access points by service. There are a dozen places but thousands of
    // (place, service) pairs, so the index cost more to keep than filtering a dozen rows.
    version: 6,
    stores: { accessPoints: 'id, kind' },
  },
  {
    // v7: cases and their events (the log; state is derived).
    version: 7,
    stores: {
      cases: 'id, &reference, ownerPartnerId, accessPointId, serviceId',
      caseEvents: 'id, caseId, seq',
    },
  },
  {
    // v8: photos of cases. This device's own keep their bytes until the hub has them; others'
    // arrive as a description and their bytes are fetched (and kept) when first shown.
    version: 8,
    stores: { casePhotos: 'id, caseId, upload' },
  },
  {
    // v9: the journal of acknowledged ops, so a hub restored from an older backup gets back
    // what it lost (see sync-engine.ts).
    version: 9,
    stores: { journal: 'seq, ackedAt' },
  },
  {
    // v10: the staff of this place (with their PIN hashes, for unlocking offline) and the
    // training they completed on this device.
    version: 10,
    stores: { staff: 'id', trainingCompletions: 'id, staffId, moduleId' },
  },
  {
    // v12: published reviews of services and partners (every device gets them; no personal
    // data). A review being written is never kept here, only in the outbox until acknowledged.
    version: 12,
    stores: { reviews: 'id, [targetKind+targetId], publishedAt' },
  },
  {
    // v13: the pack's quality standards, and mystery-shopping audits (drafts and submitted).
    version: 13,
    stores: { standards: 'id', audits: 'id, accessPointId, updatedAt' },
  },
  {
    // v14: changes pulled from the hub that could not be applied, kept for a person so that
    // one bad record never stops the feed (sync/feed-appliers.ts).
    version: 14,
    stores: { unappliedChanges: 'key, entity' },
  },
  {
    // v15: the finder's search index as built for one pack version (search-index.ts), so a
    // start loads it instead of rebuilding it. No personal data: a kiosk wipe leaves it.
    version: 15,
    stores: { searchIndex: 'packVersion' },
  },
];

export class AnyDoorDatabase extends Dexie {
  contactNotes!: EntityTable<LocalContactNote, 'id'>;
  outbox!: EntityTable<OutboxEntry, 'seq'>;
  attention!: EntityTable<AttentionEntry, 'opId'>;
  journal!: EntityTable<JournalEntry, 'seq'>;
  staff!: EntityTable<StaffMember, 'id'>;
  trainingCompletions!: EntityTable<TrainingCompletion, 'id'>;
  settings!: Table<Settings, Settings['key']>;
  partners!: EntityTable<Partner, 'id'>;
  lifeEvents!: EntityTable<PackRecordOf<'lifeEvents'>, 'id'>;
  topics!: EntityTable<PackRecordOf<'topics'>, 'id'>;
  services!: EntityTable<Service, 'id'>;
  commitments!: EntityTable<Commitment, 'id'>;
  processMaps!: EntityTable<ProcessMap, 'id'>;
  training!: EntityTable<TrainingModule, 'id'>;
  accessPoints!: EntityTable<PackAccessPoint, 'id'>;
  standards!: EntityTable<Standard, 'id'>;
  audits!: EntityTable<LocalAudit, 'id'>;
  packStaging!: Table<PackStagingRow, [string, string]>;
  pageRevisions!: EntityTable<LocalPageRevision, 'id'>;
  /** This device's contacts and, once synced, those of the other devices at its access point. */
  contacts!: EntityTable<LocalContact, 'id'>;
  helpEvents!: EntityTable<HelpEvent, 'id'>;
  cases!: EntityTable<LocalCase, 'id'>;
  caseEvents!: EntityTable<LocalCaseEvent, 'id'>;
  casePhotos!: EntityTable<LocalCasePhoto, 'id'>;
  /** Published reviews, from the change feed (review-store.ts on the hub). */
  reviews!: EntityTable<PublishedReview, 'id'>;
  unappliedChanges!: EntityTable<UnappliedChange, 'key'>;
  searchIndex!: EntityTable<StoredSearchIndex, 'packVersion'>;

  /** The table that holds one kind of pack record. */
  packTable(kind: PackKind): Table<{ id: string }, string> {
    return this.table(kind);
  }

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

/** One settings row, by its key; undefined until it is first written. */
export async function getSetting<K extends Settings['key']>(
  db: AnyDoorDatabase,
  key: K,
): Promise<Extract<Settings, { key: K }> | undefined> {
  const row = await db.settings.get(key);
  return row?.key === key ? (row as Extract<Settings, { key: K }>) : undefined;
}

export async function getDevice(db: AnyDoorDatabase): Promise<DeviceSettings | undefined> {
  return getSetting(db, 'device');
}

export async function getSyncSettings(db: AnyDoorDatabase): Promise<SyncSettings> {
  return (await getSetting(db, 'sync')) ?? EMPTY_SYNC_SETTINGS;
}

export async function getPackSettings(db: AnyDoorDatabase): Promise<PackSettings> {
  return (
    (await getSetting(db, 'pack')) ?? { key: 'pack', version: 0, publishedAt: null, history: [] }
  );
}

export async function getUiSettings(db: AnyDoorDatabase): Promise<UiSettings> {
  return (await getSetting(db, 'ui')) ?? { key: 'ui', language: 'en', staffName: '' };
}

export async function getStaffSession(
  db: AnyDoorDatabase,
): Promise<StaffSessionSettings | undefined> {
  return getSetting(db, 'staffSession');
}

/**
 * The session someone may go on working in: none when nobody signed in, or when it was left
 * idle too long (a device reopened after a pause is locked at once, before the idle lock runs).
 */
export async function getOpenSession(
  db: AnyDoorDatabase,
  now: number,
): Promise<StaffSessionSettings | null> {
  const session = await getStaffSession(db);
  return session && !idleExpired(Date.parse(session.lastActiveAt), now) ? session : null;
}
