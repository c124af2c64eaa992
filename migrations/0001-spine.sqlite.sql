-- 0001-spine, SQLite. Frozen: a hub that has run it never runs it again, so never edit
-- it; change the schema in a new migration.
--
-- Access points, enrolled devices and their codes, applied ops, contact notes and the change feed.

create table "access_points" ("id" text primary key, "name" text not null, "kind" text not null, "partner_id" text not null, "address" text not null);

create table "devices" ("id" text primary key, "access_point_id" text not null references "access_points" ("id"), "name" text not null, "token_hash" text not null unique, "enrolled_at" text not null, "revoked_at" text);

create table "enrolment_codes" ("code_hash" text primary key, "access_point_id" text not null references "access_points" ("id"), "created_at" text not null, "expires_at" text not null, "used_at" text, "device_id" text);

create table "applied_ops" ("op_id" text primary key, "device_id" text not null, "kind" text not null, "result" text not null, "applied_at" text not null);

create table "contact_notes" ("id" text primary key, "access_point_id" text not null, "device_id" text not null, "op_id" text not null, "staff_name" text not null, "service_name" text not null, "channel" text not null, "note" text not null, "created_at" text not null, "received_at" text not null);

create index "contact_notes_by_access_point" on "contact_notes" ("access_point_id", "received_at");

create table "changes" ("seq" integer primary key autoincrement, "scope" text not null, "entity" text not null, "entity_id" text not null, "op" text not null, "data" text not null, "origin_device" text, "created_at" text not null);
