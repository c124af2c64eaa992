// What the studio's pack routes answer (/api/studio/pack/…, /api/studio/places/…), typed once
// for the hub and the app. The draft is the published pack with the records people have
// changed laid over it; every record carries a revision that only grows, and a save names the
// revision it was based on, so two editors never overwrite each other silently.
import type { PackVersionInfo } from '../sync/protocol.ts';
import type { PackDifference } from './pack-diff.ts';
import type { AnyPackRecord, PackKind } from './schema.ts';
import type { PackError } from './validate-pack.ts';

/** One record of the draft, in the list of every record. */
export interface DraftEntry {
  kind: PackKind;
  id: string;
  /** Its name or title in English, for the list. */
  title: string;
  revision: number;
  /** Changed in the draft (added, edited or removed) and not yet published. */
  pending: boolean;
  /** Removed in the draft: still published until the next publish. */
  removed: boolean;
}

/** GET /api/studio/pack/draft: every record of the draft, and whether it can be published. */
export interface DraftIndex {
  /** The published version the draft is laid over (0 before the first publish). */
  version: number;
  entries: DraftEntry[];
  errors: PackError[];
}

/** GET /api/studio/pack/draft/:kind/:id, and a 409's `current`. */
export interface DraftRecord {
  kind: PackKind;
  id: string;
  revision: number;
  pending: boolean;
  /** The record as the draft has it; null when removed in the draft. */
  record: AnyPackRecord | null;
  /** The record as published; null when it is new. */
  published: AnyPackRecord | null;
  /** Who last saved it in the draft, and when. */
  updatedBy: string | null;
  updatedAt: string | null;
}

/** GET /api/studio/pack/draft/:kind: every record of one kind (for pickers and lists). */
export interface DraftKind {
  kind: PackKind;
  records: DraftRecord[];
}

/** PUT /api/studio/pack/draft/:kind/:id body; DELETE sends the revision only. */
export interface DraftSave {
  /** The revision the edit was based on (0 for a record the draft has never had). */
  revision: number;
  record: unknown;
}

/** What a save answers: the record's new revision, and the draft's errors left (if any). */
export interface DraftSaved {
  revision: number;
  pending: boolean;
  errors: PackError[];
}

/** 409: someone else changed the record since `revision`; `current` is what they saved. */
export interface DraftConflict {
  type: 'conflict';
  message: string;
  current: DraftRecord;
}

/** 422: the change or the publish was refused; `errors` are validatePack's, per record/field. */
export interface DraftRefused {
  type: 'error';
  code: 'invalid-pack';
  message: string;
  errors: PackError[];
}

/** POST /api/studio/pack/draft/validate: the draft's errors, with `record` in place if given. */
export interface DraftValidate {
  kind?: PackKind;
  id?: string;
  record?: unknown;
}
export interface DraftValidation {
  errors: PackError[];
}

/** POST /api/studio/pack/publish. */
export interface PublishRequest {
  note: string;
}
export interface PublishResult {
  published: PackVersionInfo;
}

/** GET /api/studio/pack/versions: newest first. */
export interface VersionList {
  versions: PackVersionInfo[];
}

/** GET /api/studio/pack/diff?from=&to= */
export interface VersionDiff {
  from: number;
  to: number;
  difference: PackDifference;
}

/** POST /api/studio/pack/rollback: publish `version`'s content again as the next version. */
export interface RollbackRequest {
  version: number;
  note: string;
}

/** POST /api/studio/pack/import: a Local Government Service List CSV, or an HSDS dataset. */
export type ImportRequest =
  { format: 'lgsl'; csv: string } | { format: 'hsds'; files: Record<string, unknown> };
export interface ImportReport {
  /** Written to the draft only when the draft stays valid. */
  imported: boolean;
  added: number;
  changed: number;
  unchanged: number;
  warnings: string[];
  errors: PackError[];
}

/** GET /api/studio/places: what this person may change, and the names the editor offers. */
export interface PlacesView {
  version: number;
  /** May add partners and move places between them (the franchisor). */
  allPartners: boolean;
  places: DraftRecord[];
  partners: DraftRecord[];
  services: { id: string; name: string }[];
}

/** PUT /api/studio/places/:id and /api/studio/partners/:id answer. */
export interface PlaceSaved {
  revision: number;
  version: number;
}
