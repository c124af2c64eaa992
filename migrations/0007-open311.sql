-- 0007-open311, SQLite and PostgreSQL. Frozen: a hub that has run it never runs it again, so never edit
-- it; change the schema in a new migration.
--
-- Keys for Open311 GeoReport v2 integrations: only the SHA-256 of each key is kept. A key belongs
-- to a partner, or to an outside integration.

create table "api_keys" ("key_hash" text primary key, "name" text not null unique, "partner_id" text, "created_at" text not null, "revoked_at" text);
