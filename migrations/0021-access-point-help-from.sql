-- 0021-access-point-help-from, SQLite and PostgreSQL. Frozen: a hub that has run it never runs it again, so never edit
-- it; change the schema in a new migration.
--
-- A kiosk with no staff of its own names the staffed place that answers its calls for help (the
-- pack's helpFrom); its calls go to that place's devices too.

alter table "access_points" add column "help_from" text;
