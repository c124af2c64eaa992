-- 0015-audits, SQLite and PostgreSQL. Frozen: a hub that has run it never runs it again, so never edit
-- it; change the schema in a new migration.
--
-- Mystery shopping: each answer keeps the weight its check had when the hub scored the audit, so
-- scores per standard can be aggregated in SQL after the pack changes; each audit keeps the pack
-- version whose checklist it was scored against.

alter table "audit_items" add column "weight" real default 1 not null;

alter table "audits" add column "pack_version" integer;

create index "audits_by_place" on "audits" ("access_point_id", "visited_at");
