-- 0005-modes-contacts-help, SQLite and PostgreSQL. Frozen: a hub that has run it never runs it again, so never edit
-- it; change the schema in a new migration.
--
-- Device modes, contacts and calls for help.

alter table "devices" add column "mode" text default 'counter' not null;

create table "contacts" ("id" text primary key, "access_point_id" text not null, "device_id" text not null, "op_id" text not null, "mode" text not null, "service_id" text not null, "channel" text not null, "tier" integer not null, "outcome" text not null, "path" text not null, "created_at" text not null, "received_at" text not null);

create index "contacts_by_access_point" on "contacts" ("access_point_id", "received_at");

create table "help_events" ("id" text primary key, "kind" text not null, "request_id" text, "access_point_id" text not null, "device_id" text not null, "device_name" text not null, "op_id" text not null, "created_at" text not null, "received_at" text not null);
