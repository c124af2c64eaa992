-- 0002-feed-by-scope, SQLite. Frozen: a hub that has run it never runs it again, so never edit
-- it; change the schema in a new migration.
--
-- A device pulls only its scopes; without this a small access point scans everyone's rows.

create index "changes_by_scope" on "changes" ("scope", "seq");
