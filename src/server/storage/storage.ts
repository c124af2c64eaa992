// The one storage interface of the sync hub. SQLite and PostgreSQL both implement it and both
// pass tests/integration/storage-contract.ts; routes never see which one they talk to.
import type { AccessPoint } from '../../shared/access-point.ts';
import type { CaseEvent, CaseOpenInput, CaseRecord } from '../../shared/case.ts';
import type { Contact, DeviceMode } from '../../shared/contact.ts';
import type { ContactNote } from '../../shared/contact-note.ts';
import type { LocalPageRevision } from '../../shared/local-page.ts';
import type { PackContent, PackKind, PackRecordOf } from '../../shared/pack/schema.ts';
import type {
  Change,
  OpResult,
  PackRecordChange,
  PackSummary,
  PackVersionInfo,
} from '../../shared/sync/protocol.ts';
import type { ValidOp } from '../../shared/sync/mutations.ts';
import type { ApiKey, CaseHistory, CaseQuery } from './open311-store.ts';

export interface Device {
  id: string;
  accessPointId: string;
  name: string;
  enrolledAt: string;
  revokedAt: string | null;
  mode: DeviceMode;
}

export interface PullPage {
  changes: Change[];
  /** Where the next pull starts. Unchanged (possibly null) when nothing new was visible. */
  cursor: string | null;
  hasMore: boolean;
}

export interface EnrolmentInput {
  codeHash: string;
  deviceId: string;
  deviceName: string;
  tokenHash: string;
  now: string;
  mode?: DeviceMode;
}

export interface Storage {
  readonly dialect: 'sqlite' | 'postgres';
  migrate(): Promise<void>;
  close(): Promise<void>;

  upsertAccessPoints(accessPoints: readonly AccessPoint[]): Promise<void>;
  listAccessPoints(): Promise<AccessPoint[]>;

  createEnrolmentCode(input: {
    codeHash: string;
    accessPointId: string;
    now: string;
    expiresAt: string;
  }): Promise<void>;
  /** Uses the code up and registers the device, atomically; null if the code is unknown, used or expired. */
  enrolDevice(input: EnrolmentInput): Promise<Device | null>;
  findDeviceByTokenHash(tokenHash: string): Promise<Device | null>;
  revokeDevice(deviceId: string, now: string): Promise<void>;

  /**
   * Applies each op exactly once: the op id's row in applied_ops is written in the same
   * transaction as the op's effect and its change-log entries. Ops already applied come back
   * as duplicates with their original result.
   */
  applyOps(device: Device, ops: readonly ValidOp[], now: string): Promise<OpResult[]>;
  /** Throws InvalidCursorError unless `cursor` has the shape this store issues. */
  assertCursor(cursor: string | null): void;
  /** Commit-ordered changes after `cursor` that the scopes entitle the device to see. */
  pullChanges(input: {
    scopes: readonly string[];
    excludeOriginDevice: string;
    /** Record kinds this device must never receive (a kiosk gets no personal data). */
    excludeEntities?: readonly string[];
    cursor: string | null;
    limit: number;
  }): Promise<PullPage>;

  /**
   * Publishes a validated pack as the next version: only records that differ from the current
   * version are stored. Returns null when nothing changed. Also refreshes the access points
   * devices can be enrolled to.
   */
  publishPack(
    pack: PackContent,
    input: { now: string; note?: string },
  ): Promise<PackVersionInfo | null>;
  latestPackVersion(): Promise<number>;
  listPackVersions(input: { after: number; upTo: number }): Promise<PackVersionInfo[]>;
  /** The latest state, after `since` and up to `to`, of every record changed in between. */
  packDelta(input: {
    since: number;
    to: number;
    after: { kind: string; id: string } | null;
    limit: number;
  }): Promise<{ records: PackRecordChange[]; next: { kind: string; id: string } | null }>;
  /** The current records of one kind (for the directory APIs and export). */
  listPackRecords<K extends PackKind>(kind: K): Promise<PackRecordOf<K>[]>;

  /** Every revision of one local information page, in the order the hub received them. */
  listPageRevisions(pageId: string): Promise<LocalPageRevision[]>;

  listContacts(filter?: { accessPointId?: string }): Promise<Contact[]>;

  getAccessPoint(id: string): Promise<AccessPoint | null>;
  /** A case and its events in the hub's order (for the public tracking page). */
  findCaseByReference(
    reference: string,
  ): Promise<{ record: CaseRecord; events: CaseEvent[] } | null>;
  listCases(filter?: { ownerPartnerId?: string }): Promise<CaseRecord[]>;

  /** Stores a case photo sent by a device allowed to act on the case (idempotent by photo id). */
  storeCasePhoto(input: {
    caseId: string;
    photoId: string;
    contentType: string;
    data: Uint8Array;
    device: Device;
    devicePartnerId: string | null;
    now: string;
  }): Promise<'stored' | 'exists' | 'no-case' | 'forbidden'>;
  readCasePhoto(input: {
    caseId: string;
    photoId: string;
    device: Device;
    devicePartnerId: string | null;
  }): Promise<'no-case' | 'forbidden' | { contentType: string; data: Uint8Array }>;

  listContactNotes(filter?: { accessPointId?: string }): Promise<ContactNote[]>;
  /** How many distinct ops were ever applied (tests count lost and duplicated writes with it). */
  countAppliedOps(): Promise<number>;

  /** Open311 integrations (see open311-store.ts): keys are stored only as SHA-256 hashes. */
  createApiKey(input: {
    keyHash: string;
    name: string;
    partnerId: string | null;
    now: string;
  }): Promise<void>;
  findApiKey(keyHash: string): Promise<ApiKey | null>;
  /** Opens a case for an integration, exactly as openCase does for a door; null when opened. */
  openIntegrationCase(key: ApiKey, input: CaseOpenInput, now: string): Promise<OpResult | null>;
  /** Cases with their events, newest opened first, for the Open311 read API. */
  listCaseHistories(query: CaseQuery): Promise<CaseHistory[]>;
}

/** Change-log scopes: a device sees the global scope and its own access point's. */
export const GLOBAL_SCOPE = '*';
export function accessPointScope(accessPointId: string): string {
  return `ap:${accessPointId}`;
}
/** Cases owned by a partner reach the devices at that partner's access points. */
export function partnerScope(partnerId: string): string {
  return `partner:${partnerId}`;
}

export type { PackSummary };

export class InvalidCursorError extends Error {
  constructor(cursor: string) {
    super(`cursor "${cursor}" was not issued by this server`);
  }
}
