-- 0009-case-photos, SQLite. Frozen: a hub that has run it never runs it again, so never edit
-- it; change the schema in a new migration.
--
-- Case photos and their bytes.

create table "case_photos" ("id" text primary key, "case_id" text not null, "content_type" text not null, "size" integer not null, "data" blob not null, "device_id" text not null, "created_at" text not null);

create index "case_photos_by_case" on "case_photos" ("case_id");
