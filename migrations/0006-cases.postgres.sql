-- 0006-cases, PostgreSQL. Frozen: a hub that has run it never runs it again, so never edit
-- it; change the schema in a new migration.
--
-- Cases and their event log.

create table "cases" ("id" text primary key, "reference" text not null unique, "type" text not null, "service_id" text not null, "channel" text not null, "details" text not null, "location" text, "contact" text, "author" text not null, "opened_at" text not null, "access_point_id" text not null, "device_id" text not null, "op_id" text not null, "received_at" text not null, "owner_partner_id" text not null, "owner_team_id" text not null, "dues" text not null);

create index "cases_by_owner" on "cases" ("owner_partner_id", "owner_team_id");

create table "case_events" ("seq" bigserial primary key, "id" text not null unique, "case_id" text not null, "kind" text not null, "note" text, "step_id" text, "reason" text, "author" text not null, "based_on" integer, "created_at" text not null, "received_at" text not null, "device_id" text not null, "op_id" text);

create index "case_events_by_case" on "case_events" ("case_id", "seq");
