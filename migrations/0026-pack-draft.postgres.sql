-- 0026-pack-draft, PostgreSQL. Frozen: a hub that has run it never runs it again, so never
-- edit it; change the schema in a new migration.
--
-- The studio's draft of the franchise pack, over the published version: one row per record
-- (kind, id) that has ever been edited in the studio or changed by a publish. revision only
-- grows: an editor sends the revision it read, and a save based on an older one is refused
-- (two people never overwrite each other silently). pending = 1 while the row's data differs
-- from what is published (data null and pending 1: removed in the draft).

create table "pack_draft" (
  "kind" text not null,
  "id" text not null,
  "revision" integer not null,
  "pending" integer not null,
  "data" text,
  "updated_at" text not null,
  "updated_by" text not null,
  primary key ("kind", "id")
);

create index "pack_draft_pending" on "pack_draft" ("pending");
