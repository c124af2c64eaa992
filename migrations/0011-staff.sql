-- 0011-staff, SQLite and PostgreSQL. Frozen: a hub that has run it never runs it again, so never edit
-- it; change the schema in a new migration.
--
-- Staff, their hub sessions and training completions.

create table "staff" ("id" text primary key, "name" text not null, "role" text not null, "partner_id" text, "team_ids" text not null, "access_point_ids" text not null, "pin" text not null, "updated_at" text not null, "revoked_at" text);

create table "staff_sessions" ("token_hash" text primary key, "staff_id" text not null, "device_id" text not null, "created_at" text not null, "expires_at" text not null);

create table "training_completions" ("id" text primary key, "staff_id" text not null, "module_id" text not null, "score" integer not null, "completed_at" text not null, "access_point_id" text not null, "device_id" text not null, "received_at" text not null, "op_id" text not null);

create index "training_completions_by_staff" on "training_completions" ("staff_id", "module_id");
