-- 0012-voice-of-customer, SQLite and PostgreSQL. Frozen: a hub that has run it never runs it again, so never edit
-- it; change the schema in a new migration.
--
-- The tables the insight dashboards read: customers named by contacts and cases (with consent),
-- feedback (four faces, no personal data), the 48-hour follow-up, mystery-shopping audits and the
-- single customer view's records.

alter table "contacts" add column "customer_id" text;

alter table "cases" add column "customer_id" text;

create index "contacts_by_customer" on "contacts" ("customer_id", "created_at");

create index "contacts_by_created" on "contacts" ("created_at");

create table "feedback" ("id" text primary key, "contact_id" text, "access_point_id" text not null, "partner_id" text not null, "device_id" text not null, "op_id" text not null, "mode" text not null, "service_id" text, "channel" text not null, "rating" integer not null, "reason" text, "comment" text, "created_at" text not null, "received_at" text not null);

create index "feedback_by_created" on "feedback" ("created_at", "access_point_id");

create table "followups" ("id" text primary key, "contact_id" text, "access_point_id" text not null, "partner_id" text not null, "service_id" text, "channel" text not null, "address_kind" text not null, "address" text, "language" text not null, "token_hash" text not null unique, "consented_at" text not null, "created_at" text not null, "sent_at" text, "answered_at" text, "courteous" integer, "solved" integer, "comment" text);

create index "followups_by_created" on "followups" ("created_at", "sent_at");

create table "audits" ("id" text primary key, "access_point_id" text not null, "partner_id" text not null, "auditor_id" text not null, "device_id" text not null, "op_id" text not null, "visited_at" text not null, "received_at" text not null, "score" real not null);

create index "audits_by_visit" on "audits" ("visited_at", "access_point_id");

create table "audit_items" ("audit_id" text not null, "check_id" text not null, "standard_id" text not null, "service_id" text, "result" text not null, "note" text, constraint "audit_items_pk" primary key ("audit_id", "check_id"));

create table "customers" ("id" text primary key, "name" text, "name_key" text, "date_of_birth" text, "postcode" text, "phone" text, "email" text, "consented_at" text not null, "created_at" text not null, "updated_at" text not null, "merged_into" text, "erased_at" text);

create index "customers_by_name_key" on "customers" ("name_key");

create index "customers_by_phone" on "customers" ("phone");

create index "customers_by_email" on "customers" ("email");

create index "customers_by_postcode" on "customers" ("postcode");
