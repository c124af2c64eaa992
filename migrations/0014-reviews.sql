-- 0014-reviews, SQLite and PostgreSQL. Frozen: a hub that has run it never runs it again, so never edit
-- it; change the schema in a new migration.
--
-- Citizens' reviews of services and partners: held until a moderator decides, and every decision
-- kept (who, when, why) so a publication or a withdrawal can be accounted for.

create table "reviews" ("id" text primary key, "target_kind" text not null, "target_id" text not null, "partner_id" text not null, "rating" integer not null, "title" text, "body" text not null, "display_name" text, "flags" text not null, "status" text not null, "access_point_id" text not null, "device_id" text not null, "op_id" text not null, "mode" text not null, "created_at" text not null, "received_at" text not null, "published_at" text);

create index "reviews_by_status" on "reviews" ("status", "partner_id", "received_at");

create index "reviews_by_target" on "reviews" ("target_kind", "target_id", "status");

create table "review_decisions" ("id" text primary key, "review_id" text not null, "decision" text not null, "reason" text not null, "staff_id" text not null, "staff_name" text not null, "decided_at" text not null);

create index "review_decisions_by_review" on "review_decisions" ("review_id", "decided_at");
