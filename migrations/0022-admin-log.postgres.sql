-- 0022-admin-log, PostgreSQL. Frozen: a hub that has run it never runs it again, so never edit
-- it; change the schema in a new migration.
--
-- Every administrative change made in the studio (enrolment codes, devices, people, keys, the
-- pack, places): who, when, what, and the record before and after, as JSON without secrets.
-- partner_id is the partner the change concerns (null: network-wide), so a partner manager
-- reads their own partner's entries only.

create table "admin_log" (
  "seq" bigserial primary key,
  "id" text not null unique,
  "at" text not null,
  "actor_id" text not null,
  "actor_role" text not null,
  "partner_id" text,
  "action" text not null,
  "target" text not null,
  "before" text,
  "after" text
);

create index "admin_log_partner" on "admin_log" ("partner_id", "seq");
