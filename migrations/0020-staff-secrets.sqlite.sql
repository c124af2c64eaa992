-- 0020-staff-secrets, SQLite. Frozen: a hub that has run it never runs it again, so never edit
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
update changes set data = json_set(data, '$.pin', null)
where entity = 'staff' and op = 'upsert'
  and (json_type(data, '$.pin') in ('true', 'array', 'object')
    or (json_type(data, '$.pin') = 'text' and json_extract(data, '$.pin') <> '')
    or (json_type(data, '$.pin') in ('integer', 'real') and json_extract(data, '$.pin') <> 0))
  and (json_extract(data, '$.role') in ('franchisor-admin', 'partner-manager')
    or exists (select 1 from staff s where s.id = changes.entity_id
      and s.role in ('franchisor-admin', 'partner-manager')));

-- Each such person still working is sent again without one, to each of their places, so a
-- device holding a hash replaces its copy at its next sync.
insert into changes (scope, entity, entity_id, op, data, origin_device, created_at)
select 'ap:' || p.value, 'staff', s.id, 'upsert',
  json_object('id', s.id, 'name', s.name, 'role', s.role, 'partnerId', s.partner_id,
    'teamIds', json(s.team_ids), 'accessPointIds', json(s.access_point_ids), 'pin', null),
  null, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
from staff s, json_each(s.access_point_ids) p
where s.role in ('franchisor-admin', 'partner-manager') and s.revoked_at is null
order by s.rowid, p.key;
