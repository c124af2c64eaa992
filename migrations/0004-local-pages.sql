-- 0004-local-pages, SQLite and PostgreSQL. Frozen: a hub that has run it never runs it again, so never edit
-- it; change the schema in a new migration.
--
-- Local pages: every revision kept; a page's heads are worked out from them.

create table "local_page_revisions" ("id" text primary key, "page_id" text not null, "access_point_id" text not null, "device_id" text not null, "op_id" text not null, "base_revision_ids" text not null, "title" text not null, "body" text not null, "author" text not null, "created_at" text not null, "received_at" text not null);

create index "local_page_revisions_by_page" on "local_page_revisions" ("page_id", "received_at");
