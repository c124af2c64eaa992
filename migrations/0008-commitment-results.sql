-- 0008-commitment-results, SQLite and PostgreSQL. Frozen: a hub that has run it never runs it again, so never edit
-- it; change the schema in a new migration.
--
-- One row per commitment step once it is settled: kept or missed, for the insight figures.

create table "commitment_results" ("case_id" text not null, "step_id" text not null, "level" integer not null, "owner" text not null, "service_id" text not null, "due" text not null, "done_at" text not null, "kept" integer not null, constraint "commitment_results_pk" primary key ("case_id", "step_id"));
