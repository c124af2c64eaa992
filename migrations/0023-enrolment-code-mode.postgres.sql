-- 0023-enrolment-code-mode, PostgreSQL. Frozen: a hub that has run it never runs it again, so never
-- edit it; change the schema in a new migration.
--
-- A code issued in the studio fixes the mode the device enrols in (counter, tablet or kiosk),
-- whatever the enrolling browser asks for; null (the console's codes, and every code from before)
-- keeps the old behaviour: the browser's choice. issued_by is the person who issued it (null:
-- the console), for the studio's list of codes waiting to be used.

alter table "enrolment_codes" add column "mode" text;
alter table "enrolment_codes" add column "issued_by" text;
