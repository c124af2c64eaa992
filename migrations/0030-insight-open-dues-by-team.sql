-- 0030-insight-open-dues-by-team, SQLite and PostgreSQL. Frozen: a hub that has run it never runs
-- it again, so never edit it; change the schema in a new migration.
--
-- The dashboard counts the commitments at risk and breached per team and service. Read through
-- the at_risk_at index, that was a row lookup per open due and a sort to group them (over
-- 200,000 cases, a quarter of the dashboard's time on SQLite); this index holds every column the
-- count reads, in the order it groups by, so the count is one pass over the index.

create index "insight_open_dues_by_team" on "insight_open_dues" ("partner_id", "team_id", "service_id", "at_risk_at", "due", "access_point_id");
