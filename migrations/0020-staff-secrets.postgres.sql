-- 0020-staff-secrets, PostgreSQL. Frozen: a hub that has run it never runs it again, so never edit
-- it; change the schema in a new migration.
--
-- Wrong PINs typed at the hub, counted per person and place in the database (shared by every
-- server process, kept over restarts); the newest hub session each person opened on each device
-- (a privileged person's ops need one); and the PIN hashes of privileged people taken out of the
-- feed.

create table "staff_pin_failures" ("staff_id" text not null, "access_point_id" text not null, "failures" integer not null, "locked_until" text not null, "updated_at" text not null, constraint "staff_pin_failures_pk" primary key ("staff_id", "access_point_id"));

create table "staff_hub_sign_ins" ("staff_id" text not null, "device_id" text not null, "opened_at" text not null, constraint "staff_hub_sign_ins_pk" primary key ("staff_id", "device_id"));

-- The roles privileged then (franchisor-admin, partner-manager) lose their PIN hashes from every
-- staff record in the feed: a record whose role was privileged, or whose person's role now is.
-- The record is written again key by key (json, not jsonb, keeps the keys' order and spacing).
update changes c set data = (
  select '{' || string_agg(to_json(e.key)::text || ':'
      || case when e.key = 'pin' then 'null' else e.value::text end, ',' order by e.n) || '}'
  from json_each(c.data::json) with ordinality as e(key, value, n))
where c.entity = 'staff' and c.op = 'upsert'
  and (json_typeof(c.data::json -> 'pin') in ('object', 'array')
    or (json_typeof(c.data::json -> 'pin') = 'boolean' and c.data::json ->> 'pin' = 'true')
    or (json_typeof(c.data::json -> 'pin') = 'string' and c.data::json ->> 'pin' <> '')
    or (json_typeof(c.data::json -> 'pin') = 'number' and (c.data::json ->> 'pin')::numeric <> 0))
  and (c.data::json ->> 'role' in ('franchisor-admin', 'partner-manager')
    or exists (select 1 from staff s where s.id = c.entity_id
      and s.role in ('franchisor-admin', 'partner-manager')));

-- Each such person still working is sent again without one, to each of their places, so a
-- device holding a hash replaces its copy at its next sync.
insert into changes (scope, entity, entity_id, op, data, origin_device, created_at)
select 'ap:' || p.value, 'staff', s.id, 'upsert',
  '{"id":' || to_json(s.id)::text || ',"name":' || to_json(s.name)::text
    || ',"role":' || to_json(s.role)::text
    || ',"partnerId":' || coalesce(to_json(s.partner_id)::text, 'null')
    || ',"teamIds":' || (select '[' || coalesce(string_agg(to_json(t.value)::text, ',' order by t.n), '') || ']'
      from json_array_elements_text(s.team_ids::json) with ordinality as t(value, n))
    || ',"accessPointIds":' || (select '[' || coalesce(string_agg(to_json(a.value)::text, ',' order by a.n), '') || ']'
      from json_array_elements_text(s.access_point_ids::json) with ordinality as a(value, n))
    || ',"pin":null}',
  null, to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
from staff s
cross join lateral json_array_elements_text(s.access_point_ids::json) with ordinality as p(value, n)
where s.role in ('franchisor-admin', 'partner-manager') and s.revoked_at is null
order by s.ctid, p.n;
