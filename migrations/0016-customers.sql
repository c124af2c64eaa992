-- 0016-customers, SQLite and PostgreSQL. Frozen: a hub that has run it never runs it again, so never edit
-- it; change the schema in a new migration.
--
-- Single customer view: merges that can be undone, proposals staff turned down, and a log of who
-- exported or erased a person's record.

create index "cases_by_customer" on "cases" ("customer_id");

create index "customers_by_date_of_birth" on "customers" ("date_of_birth");

create table "customer_merges" ("id" text primary key, "kept_id" text not null, "merged_id" text not null, "staff_id" text not null, "merged_at" text not null, "contact_ids" text not null, "case_ids" text not null, "undone_at" text, "undone_by" text);

create index "customer_merges_by_kept" on "customer_merges" ("kept_id", "merged_at");

create table "customer_match_rejections" ("first_id" text not null, "second_id" text not null, "staff_id" text not null, "rejected_at" text not null, constraint "customer_match_rejections_pk" primary key ("first_id", "second_id"));

create table "customer_audit" ("id" text primary key, "customer_id" text not null, "action" text not null, "staff_id" text not null, "at" text not null, "detail" text);

create index "customer_audit_by_customer" on "customer_audit" ("customer_id", "at");
