-- 0003-franchise-pack, SQLite and PostgreSQL. Frozen: a hub that has run it never runs it again, so never edit
-- it; change the schema in a new migration.
--
-- Published pack versions. Immutable history: a publish adds a row only for each record it adds,
-- changes or removes (a tombstone), so any delta between two versions can be computed.

create table "pack_versions" ("version" integer primary key, "published_at" text not null, "summary" text not null);

create table "pack_records" ("kind" text not null, "id" text not null, "version" integer not null, "deleted" integer not null, "data" text, constraint "pack_records_pk" primary key ("kind", "id", "version"));

create index "pack_records_by_version" on "pack_records" ("version");
