-- 0027-open311-fixmystreet, SQLite and PostgreSQL. Frozen: a hub that has run it never runs it again, so
-- never edit it; change the schema in a new migration.
--
-- Open311 as FixMyStreet uses it. API keys are managed in the studio: who made each, when it
-- was last used, and its first characters (shown so people can tell keys apart; the key itself
-- is still kept only as its SHA-256). A request posted through Open311 keeps the key that posted
-- it, the jurisdiction it named and its media_url. An update posted through Open311
-- (servicerequestupdates, mySociety's extension) is a case event; this keeps the poster's own
-- update id, so a retried post is answered with the same event, and its status and media_url.
-- Updates are read by the time the hub received them, hence the index on case_events.

alter table "api_keys" add column "last_used_at" text;
alter table "api_keys" add column "created_by" text;
alter table "api_keys" add column "key_prefix" text;

create table "open311_requests" (
  "case_id" text primary key,
  "key_name" text not null,
  "jurisdiction_id" text,
  "media_url" text
);

create table "open311_updates" (
  "event_id" text primary key,
  "case_id" text not null,
  "key_name" text not null,
  "external_id" text not null,
  "status" text not null,
  "media_url" text,
  unique ("key_name", "external_id")
);

create index "case_events_received" on "case_events" ("received_at");
