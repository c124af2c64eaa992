-- 0013-feedback, PostgreSQL. Frozen: a hub that has run it never runs it again, so never edit
-- it; change the schema in a new migration.
--
-- "Was your problem solved?" has three answers, stored as 1, 0.5 and 0 so that the mean is the
-- share solved. SQLite's integer affinity already keeps 0.5 as a real.

alter table followups alter column solved type real;
