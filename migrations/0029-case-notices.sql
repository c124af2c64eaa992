-- 0029-case-notices, SQLite and PostgreSQL. Frozen: a hub that has run it never runs it again, so
-- never edit it; change the schema in a new migration.
--
-- Telling a citizen that their case is resolved, with the consent they gave to be contacted
-- about it. One row per 'resolved' event, inserted as the claim before the message is sent:
-- of several hub processes, and across restarts and retries, each resolution is told once (a
-- failed send deletes its row, so the next run tries again). No address is kept here: it stays
-- in the case's contact, under the citizen's consent and erasure.

create table "case_notices" (
  "event_id" text primary key,
  "case_id" text not null,
  "channel" text not null,
  "claimed_at" text not null,
  "sent_at" text
);

create index "case_notices_case" on "case_notices" ("case_id");
