-- 0024-device-health, SQLite. Frozen: a hub that has run it never runs it again, so never edit
-- it; change the schema in a new migration.
--
-- What a device last reported of itself when it synced (the optional "health" of a sync
-- request), for the studio's list of a place's devices: when it last synced, who was signed in,
-- how many writes wait in its outbox, its app and pack versions, and whether the browser keeps
-- its storage (persisted) or may evict it. Written by the sync's one UPDATE of the device row.

alter table "devices" add column "last_sync_at" text;
alter table "devices" add column "last_staff_id" text;
alter table "devices" add column "outbox_size" integer;
alter table "devices" add column "app_version" text;
alter table "devices" add column "pack_version" integer;
alter table "devices" add column "storage_persisted" integer;
