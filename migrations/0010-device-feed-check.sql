-- 0010-device-feed-check, SQLite and PostgreSQL. Frozen: a hub that has run it never runs it again, so never edit
-- it; change the schema in a new migration.
--
-- The last cursor issued to each device and the one it sent then: the device holds one of the
-- two, unless the hub was restored from an older backup (see routes/sync.ts).

alter table "devices" add column "issued_cursor" text;

alter table "devices" add column "previous_cursor" text;
