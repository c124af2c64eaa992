-- 0018-insight-rollup-keys, SQLite. Frozen: a hub that has run it never runs it again, so never edit
-- it; change the schema in a new migration.
--
-- The rollups under concurrent writers: SQLite has one writer and reads them in key order;
-- PostgreSQL has many writers, which must not queue for the same rows.
--
-- SQLite: each rollup rebuilt as a WITHOUT ROWID table, stored in its key order (every dashboard
-- read is a range of that key). The triggers are dropped first because SQLite checks them when a
-- table is renamed.

drop trigger insight_contacts_ins;

drop trigger insight_contacts_del;

drop trigger insight_contacts_upd;

alter table insight_contacts rename to insight_contacts_rowid;

create table "insight_contacts" ("grain" text not null, "period" text not null, "partner_id" text not null, "access_point_id" text not null, "channel" text not null, "tier" integer not null, "n" integer not null, "first_contact" integer not null, constraint "insight_contacts_pk" primary key ("grain", "period", "partner_id", "access_point_id", "channel", "tier")) without rowid;

insert into insight_contacts select * from insight_contacts_rowid;

drop table insight_contacts_rowid;

create trigger insight_contacts_ins after insert on contacts begin
          insert into insight_contacts (grain, period, partner_id, access_point_id, channel, tier, n, first_contact)
    select 'month', substr(new.created_at, 1, 7), coalesce((select partner_id from access_points where id = new.access_point_id), ''), new.access_point_id, new.channel, new.tier, 1 * (1), 1 * (case when new.outcome in ('resolved', 'self-serve') then 1 else 0 end) where 1
    on conflict (grain, period, partner_id, access_point_id, channel, tier) do update set n = n + excluded.n, first_contact = first_contact + excluded.first_contact;
insert into insight_contacts (grain, period, partner_id, access_point_id, channel, tier, n, first_contact)
    select 'day', substr(new.created_at, 1, 10), coalesce((select partner_id from access_points where id = new.access_point_id), ''), new.access_point_id, new.channel, new.tier, 1 * (1), 1 * (case when new.outcome in ('resolved', 'self-serve') then 1 else 0 end) where 1
    on conflict (grain, period, partner_id, access_point_id, channel, tier) do update set n = n + excluded.n, first_contact = first_contact + excluded.first_contact; end;

create trigger insight_contacts_del after delete on contacts begin
          insert into insight_contacts (grain, period, partner_id, access_point_id, channel, tier, n, first_contact)
    select 'month', substr(old.created_at, 1, 7), coalesce((select partner_id from access_points where id = old.access_point_id), ''), old.access_point_id, old.channel, old.tier, -1 * (1), -1 * (case when old.outcome in ('resolved', 'self-serve') then 1 else 0 end) where 1
    on conflict (grain, period, partner_id, access_point_id, channel, tier) do update set n = n + excluded.n, first_contact = first_contact + excluded.first_contact;
insert into insight_contacts (grain, period, partner_id, access_point_id, channel, tier, n, first_contact)
    select 'day', substr(old.created_at, 1, 10), coalesce((select partner_id from access_points where id = old.access_point_id), ''), old.access_point_id, old.channel, old.tier, -1 * (1), -1 * (case when old.outcome in ('resolved', 'self-serve') then 1 else 0 end) where 1
    on conflict (grain, period, partner_id, access_point_id, channel, tier) do update set n = n + excluded.n, first_contact = first_contact + excluded.first_contact; end;

create trigger insight_contacts_upd after update on contacts begin
          insert into insight_contacts (grain, period, partner_id, access_point_id, channel, tier, n, first_contact)
    select 'month', substr(old.created_at, 1, 7), coalesce((select partner_id from access_points where id = old.access_point_id), ''), old.access_point_id, old.channel, old.tier, -1 * (1), -1 * (case when old.outcome in ('resolved', 'self-serve') then 1 else 0 end) where 1
    on conflict (grain, period, partner_id, access_point_id, channel, tier) do update set n = n + excluded.n, first_contact = first_contact + excluded.first_contact;
insert into insight_contacts (grain, period, partner_id, access_point_id, channel, tier, n, first_contact)
    select 'day', substr(old.created_at, 1, 10), coalesce((select partner_id from access_points where id = old.access_point_id), ''), old.access_point_id, old.channel, old.tier, -1 * (1), -1 * (case when old.outcome in ('resolved', 'self-serve') then 1 else 0 end) where 1
    on conflict (grain, period, partner_id, access_point_id, channel, tier) do update set n = n + excluded.n, first_contact = first_contact + excluded.first_contact;
insert into insight_contacts (grain, period, partner_id, access_point_id, channel, tier, n, first_contact)
    select 'month', substr(new.created_at, 1, 7), coalesce((select partner_id from access_points where id = new.access_point_id), ''), new.access_point_id, new.channel, new.tier, 1 * (1), 1 * (case when new.outcome in ('resolved', 'self-serve') then 1 else 0 end) where 1
    on conflict (grain, period, partner_id, access_point_id, channel, tier) do update set n = n + excluded.n, first_contact = first_contact + excluded.first_contact;
insert into insight_contacts (grain, period, partner_id, access_point_id, channel, tier, n, first_contact)
    select 'day', substr(new.created_at, 1, 10), coalesce((select partner_id from access_points where id = new.access_point_id), ''), new.access_point_id, new.channel, new.tier, 1 * (1), 1 * (case when new.outcome in ('resolved', 'self-serve') then 1 else 0 end) where 1
    on conflict (grain, period, partner_id, access_point_id, channel, tier) do update set n = n + excluded.n, first_contact = first_contact + excluded.first_contact; end;

drop trigger insight_contact_services_ins;

drop trigger insight_contact_services_del;

drop trigger insight_contact_services_upd;

alter table insight_contact_services rename to insight_contact_services_rowid;

create table "insight_contact_services" ("grain" text not null, "period" text not null, "partner_id" text not null, "access_point_id" text not null, "service_id" text not null, "n" integer not null, "first_contact" integer not null, constraint "insight_contact_services_pk" primary key ("grain", "period", "partner_id", "access_point_id", "service_id")) without rowid;

insert into insight_contact_services select * from insight_contact_services_rowid;

drop table insight_contact_services_rowid;

create trigger insight_contact_services_ins after insert on contacts begin
          insert into insight_contact_services (grain, period, partner_id, access_point_id, service_id, n, first_contact)
    select 'month', substr(new.created_at, 1, 7), coalesce((select partner_id from access_points where id = new.access_point_id), ''), new.access_point_id, new.service_id, 1 * (1), 1 * (case when new.outcome in ('resolved', 'self-serve') then 1 else 0 end) where 1
    on conflict (grain, period, partner_id, access_point_id, service_id) do update set n = n + excluded.n, first_contact = first_contact + excluded.first_contact;
insert into insight_contact_services (grain, period, partner_id, access_point_id, service_id, n, first_contact)
    select 'day', substr(new.created_at, 1, 10), coalesce((select partner_id from access_points where id = new.access_point_id), ''), new.access_point_id, new.service_id, 1 * (1), 1 * (case when new.outcome in ('resolved', 'self-serve') then 1 else 0 end) where 1
    on conflict (grain, period, partner_id, access_point_id, service_id) do update set n = n + excluded.n, first_contact = first_contact + excluded.first_contact; end;

create trigger insight_contact_services_del after delete on contacts begin
          insert into insight_contact_services (grain, period, partner_id, access_point_id, service_id, n, first_contact)
    select 'month', substr(old.created_at, 1, 7), coalesce((select partner_id from access_points where id = old.access_point_id), ''), old.access_point_id, old.service_id, -1 * (1), -1 * (case when old.outcome in ('resolved', 'self-serve') then 1 else 0 end) where 1
    on conflict (grain, period, partner_id, access_point_id, service_id) do update set n = n + excluded.n, first_contact = first_contact + excluded.first_contact;
insert into insight_contact_services (grain, period, partner_id, access_point_id, service_id, n, first_contact)
    select 'day', substr(old.created_at, 1, 10), coalesce((select partner_id from access_points where id = old.access_point_id), ''), old.access_point_id, old.service_id, -1 * (1), -1 * (case when old.outcome in ('resolved', 'self-serve') then 1 else 0 end) where 1
    on conflict (grain, period, partner_id, access_point_id, service_id) do update set n = n + excluded.n, first_contact = first_contact + excluded.first_contact; end;

create trigger insight_contact_services_upd after update on contacts begin
          insert into insight_contact_services (grain, period, partner_id, access_point_id, service_id, n, first_contact)
    select 'month', substr(old.created_at, 1, 7), coalesce((select partner_id from access_points where id = old.access_point_id), ''), old.access_point_id, old.service_id, -1 * (1), -1 * (case when old.outcome in ('resolved', 'self-serve') then 1 else 0 end) where 1
    on conflict (grain, period, partner_id, access_point_id, service_id) do update set n = n + excluded.n, first_contact = first_contact + excluded.first_contact;
insert into insight_contact_services (grain, period, partner_id, access_point_id, service_id, n, first_contact)
    select 'day', substr(old.created_at, 1, 10), coalesce((select partner_id from access_points where id = old.access_point_id), ''), old.access_point_id, old.service_id, -1 * (1), -1 * (case when old.outcome in ('resolved', 'self-serve') then 1 else 0 end) where 1
    on conflict (grain, period, partner_id, access_point_id, service_id) do update set n = n + excluded.n, first_contact = first_contact + excluded.first_contact;
insert into insight_contact_services (grain, period, partner_id, access_point_id, service_id, n, first_contact)
    select 'month', substr(new.created_at, 1, 7), coalesce((select partner_id from access_points where id = new.access_point_id), ''), new.access_point_id, new.service_id, 1 * (1), 1 * (case when new.outcome in ('resolved', 'self-serve') then 1 else 0 end) where 1
    on conflict (grain, period, partner_id, access_point_id, service_id) do update set n = n + excluded.n, first_contact = first_contact + excluded.first_contact;
insert into insight_contact_services (grain, period, partner_id, access_point_id, service_id, n, first_contact)
    select 'day', substr(new.created_at, 1, 10), coalesce((select partner_id from access_points where id = new.access_point_id), ''), new.access_point_id, new.service_id, 1 * (1), 1 * (case when new.outcome in ('resolved', 'self-serve') then 1 else 0 end) where 1
    on conflict (grain, period, partner_id, access_point_id, service_id) do update set n = n + excluded.n, first_contact = first_contact + excluded.first_contact; end;

drop trigger insight_contact_service_totals_ins;

drop trigger insight_contact_service_totals_del;

drop trigger insight_contact_service_totals_upd;

alter table insight_contact_service_totals rename to insight_contact_service_totals_rowid;

create table "insight_contact_service_totals" ("grain" text not null, "period" text not null, "service_id" text not null, "n" integer not null, "first_contact" integer not null, constraint "insight_contact_service_totals_pk" primary key ("grain", "period", "service_id")) without rowid;

insert into insight_contact_service_totals select * from insight_contact_service_totals_rowid;

drop table insight_contact_service_totals_rowid;

create trigger insight_contact_service_totals_ins after insert on contacts begin
          insert into insight_contact_service_totals (grain, period, service_id, n, first_contact)
    select 'month', substr(new.created_at, 1, 7), new.service_id, 1 * (1), 1 * (case when new.outcome in ('resolved', 'self-serve') then 1 else 0 end) where 1
    on conflict (grain, period, service_id) do update set n = n + excluded.n, first_contact = first_contact + excluded.first_contact;
insert into insight_contact_service_totals (grain, period, service_id, n, first_contact)
    select 'day', substr(new.created_at, 1, 10), new.service_id, 1 * (1), 1 * (case when new.outcome in ('resolved', 'self-serve') then 1 else 0 end) where 1
    on conflict (grain, period, service_id) do update set n = n + excluded.n, first_contact = first_contact + excluded.first_contact; end;

create trigger insight_contact_service_totals_del after delete on contacts begin
          insert into insight_contact_service_totals (grain, period, service_id, n, first_contact)
    select 'month', substr(old.created_at, 1, 7), old.service_id, -1 * (1), -1 * (case when old.outcome in ('resolved', 'self-serve') then 1 else 0 end) where 1
    on conflict (grain, period, service_id) do update set n = n + excluded.n, first_contact = first_contact + excluded.first_contact;
insert into insight_contact_service_totals (grain, period, service_id, n, first_contact)
    select 'day', substr(old.created_at, 1, 10), old.service_id, -1 * (1), -1 * (case when old.outcome in ('resolved', 'self-serve') then 1 else 0 end) where 1
    on conflict (grain, period, service_id) do update set n = n + excluded.n, first_contact = first_contact + excluded.first_contact; end;

create trigger insight_contact_service_totals_upd after update on contacts begin
          insert into insight_contact_service_totals (grain, period, service_id, n, first_contact)
    select 'month', substr(old.created_at, 1, 7), old.service_id, -1 * (1), -1 * (case when old.outcome in ('resolved', 'self-serve') then 1 else 0 end) where 1
    on conflict (grain, period, service_id) do update set n = n + excluded.n, first_contact = first_contact + excluded.first_contact;
insert into insight_contact_service_totals (grain, period, service_id, n, first_contact)
    select 'day', substr(old.created_at, 1, 10), old.service_id, -1 * (1), -1 * (case when old.outcome in ('resolved', 'self-serve') then 1 else 0 end) where 1
    on conflict (grain, period, service_id) do update set n = n + excluded.n, first_contact = first_contact + excluded.first_contact;
insert into insight_contact_service_totals (grain, period, service_id, n, first_contact)
    select 'month', substr(new.created_at, 1, 7), new.service_id, 1 * (1), 1 * (case when new.outcome in ('resolved', 'self-serve') then 1 else 0 end) where 1
    on conflict (grain, period, service_id) do update set n = n + excluded.n, first_contact = first_contact + excluded.first_contact;
insert into insight_contact_service_totals (grain, period, service_id, n, first_contact)
    select 'day', substr(new.created_at, 1, 10), new.service_id, 1 * (1), 1 * (case when new.outcome in ('resolved', 'self-serve') then 1 else 0 end) where 1
    on conflict (grain, period, service_id) do update set n = n + excluded.n, first_contact = first_contact + excluded.first_contact; end;

drop trigger insight_customer_months_ins;

drop trigger insight_customer_months_del;

drop trigger insight_customer_months_upd;

alter table insight_customer_months rename to insight_customer_months_rowid;

create table "insight_customer_months" ("grain" text not null, "period" text not null, "customer_id" text not null, "partner_id" text not null, "access_point_id" text not null, "ch_face_to_face" integer not null, "ch_phone" integer not null, "ch_web" integer not null, "ch_kiosk" integer not null, "ch_letter" integer not null, "ch_sms" integer not null, "ch_email" integer not null, constraint "insight_customer_months_pk" primary key ("grain", "customer_id", "partner_id", "access_point_id", "period")) without rowid;

insert into insight_customer_months select * from insight_customer_months_rowid;

drop table insight_customer_months_rowid;

create trigger insight_customer_months_ins after insert on contacts begin
          insert into insight_customer_months (grain, period, customer_id, partner_id, access_point_id, ch_face_to_face, ch_phone, ch_web, ch_kiosk, ch_letter, ch_sms, ch_email)
    select 'month', substr(new.created_at, 1, 7), new.customer_id, coalesce((select partner_id from access_points where id = new.access_point_id), ''), new.access_point_id, 1 * (case when new.channel = 'face-to-face' then 1 else 0 end), 1 * (case when new.channel = 'phone' then 1 else 0 end), 1 * (case when new.channel = 'web' then 1 else 0 end), 1 * (case when new.channel = 'kiosk' then 1 else 0 end), 1 * (case when new.channel = 'letter' then 1 else 0 end), 1 * (case when new.channel = 'sms' then 1 else 0 end), 1 * (case when new.channel = 'email' then 1 else 0 end) where new.customer_id is not null
    on conflict (grain, period, customer_id, partner_id, access_point_id) do update set ch_face_to_face = ch_face_to_face + excluded.ch_face_to_face, ch_phone = ch_phone + excluded.ch_phone, ch_web = ch_web + excluded.ch_web, ch_kiosk = ch_kiosk + excluded.ch_kiosk, ch_letter = ch_letter + excluded.ch_letter, ch_sms = ch_sms + excluded.ch_sms, ch_email = ch_email + excluded.ch_email; end;

create trigger insight_customer_months_del after delete on contacts begin
          insert into insight_customer_months (grain, period, customer_id, partner_id, access_point_id, ch_face_to_face, ch_phone, ch_web, ch_kiosk, ch_letter, ch_sms, ch_email)
    select 'month', substr(old.created_at, 1, 7), old.customer_id, coalesce((select partner_id from access_points where id = old.access_point_id), ''), old.access_point_id, -1 * (case when old.channel = 'face-to-face' then 1 else 0 end), -1 * (case when old.channel = 'phone' then 1 else 0 end), -1 * (case when old.channel = 'web' then 1 else 0 end), -1 * (case when old.channel = 'kiosk' then 1 else 0 end), -1 * (case when old.channel = 'letter' then 1 else 0 end), -1 * (case when old.channel = 'sms' then 1 else 0 end), -1 * (case when old.channel = 'email' then 1 else 0 end) where old.customer_id is not null
    on conflict (grain, period, customer_id, partner_id, access_point_id) do update set ch_face_to_face = ch_face_to_face + excluded.ch_face_to_face, ch_phone = ch_phone + excluded.ch_phone, ch_web = ch_web + excluded.ch_web, ch_kiosk = ch_kiosk + excluded.ch_kiosk, ch_letter = ch_letter + excluded.ch_letter, ch_sms = ch_sms + excluded.ch_sms, ch_email = ch_email + excluded.ch_email; end;

create trigger insight_customer_months_upd after update on contacts begin
          insert into insight_customer_months (grain, period, customer_id, partner_id, access_point_id, ch_face_to_face, ch_phone, ch_web, ch_kiosk, ch_letter, ch_sms, ch_email)
    select 'month', substr(old.created_at, 1, 7), old.customer_id, coalesce((select partner_id from access_points where id = old.access_point_id), ''), old.access_point_id, -1 * (case when old.channel = 'face-to-face' then 1 else 0 end), -1 * (case when old.channel = 'phone' then 1 else 0 end), -1 * (case when old.channel = 'web' then 1 else 0 end), -1 * (case when old.channel = 'kiosk' then 1 else 0 end), -1 * (case when old.channel = 'letter' then 1 else 0 end), -1 * (case when old.channel = 'sms' then 1 else 0 end), -1 * (case when old.channel = 'email' then 1 else 0 end) where old.customer_id is not null
    on conflict (grain, period, customer_id, partner_id, access_point_id) do update set ch_face_to_face = ch_face_to_face + excluded.ch_face_to_face, ch_phone = ch_phone + excluded.ch_phone, ch_web = ch_web + excluded.ch_web, ch_kiosk = ch_kiosk + excluded.ch_kiosk, ch_letter = ch_letter + excluded.ch_letter, ch_sms = ch_sms + excluded.ch_sms, ch_email = ch_email + excluded.ch_email;
insert into insight_customer_months (grain, period, customer_id, partner_id, access_point_id, ch_face_to_face, ch_phone, ch_web, ch_kiosk, ch_letter, ch_sms, ch_email)
    select 'month', substr(new.created_at, 1, 7), new.customer_id, coalesce((select partner_id from access_points where id = new.access_point_id), ''), new.access_point_id, 1 * (case when new.channel = 'face-to-face' then 1 else 0 end), 1 * (case when new.channel = 'phone' then 1 else 0 end), 1 * (case when new.channel = 'web' then 1 else 0 end), 1 * (case when new.channel = 'kiosk' then 1 else 0 end), 1 * (case when new.channel = 'letter' then 1 else 0 end), 1 * (case when new.channel = 'sms' then 1 else 0 end), 1 * (case when new.channel = 'email' then 1 else 0 end) where new.customer_id is not null
    on conflict (grain, period, customer_id, partner_id, access_point_id) do update set ch_face_to_face = ch_face_to_face + excluded.ch_face_to_face, ch_phone = ch_phone + excluded.ch_phone, ch_web = ch_web + excluded.ch_web, ch_kiosk = ch_kiosk + excluded.ch_kiosk, ch_letter = ch_letter + excluded.ch_letter, ch_sms = ch_sms + excluded.ch_sms, ch_email = ch_email + excluded.ch_email; end;

drop trigger insight_feedback_ins;

drop trigger insight_feedback_del;

drop trigger insight_feedback_upd;

alter table insight_feedback rename to insight_feedback_rowid;

create table "insight_feedback" ("grain" text not null, "period" text not null, "partner_id" text not null, "access_point_id" text not null, "channel" text not null, "rating" integer not null, "reason" text not null, "n" integer not null, constraint "insight_feedback_pk" primary key ("grain", "period", "partner_id", "access_point_id", "channel", "rating", "reason")) without rowid;

insert into insight_feedback select * from insight_feedback_rowid;

drop table insight_feedback_rowid;

create trigger insight_feedback_ins after insert on feedback begin
          insert into insight_feedback (grain, period, partner_id, access_point_id, channel, rating, reason, n)
    select 'month', substr(new.created_at, 1, 7), new.partner_id, new.access_point_id, new.channel, new.rating, coalesce(new.reason, ''), 1 * (1) where 1
    on conflict (grain, period, partner_id, access_point_id, channel, rating, reason) do update set n = n + excluded.n;
insert into insight_feedback (grain, period, partner_id, access_point_id, channel, rating, reason, n)
    select 'day', substr(new.created_at, 1, 10), new.partner_id, new.access_point_id, new.channel, new.rating, coalesce(new.reason, ''), 1 * (1) where 1
    on conflict (grain, period, partner_id, access_point_id, channel, rating, reason) do update set n = n + excluded.n; end;

create trigger insight_feedback_del after delete on feedback begin
          insert into insight_feedback (grain, period, partner_id, access_point_id, channel, rating, reason, n)
    select 'month', substr(old.created_at, 1, 7), old.partner_id, old.access_point_id, old.channel, old.rating, coalesce(old.reason, ''), -1 * (1) where 1
    on conflict (grain, period, partner_id, access_point_id, channel, rating, reason) do update set n = n + excluded.n;
insert into insight_feedback (grain, period, partner_id, access_point_id, channel, rating, reason, n)
    select 'day', substr(old.created_at, 1, 10), old.partner_id, old.access_point_id, old.channel, old.rating, coalesce(old.reason, ''), -1 * (1) where 1
    on conflict (grain, period, partner_id, access_point_id, channel, rating, reason) do update set n = n + excluded.n; end;

create trigger insight_feedback_upd after update on feedback begin
          insert into insight_feedback (grain, period, partner_id, access_point_id, channel, rating, reason, n)
    select 'month', substr(old.created_at, 1, 7), old.partner_id, old.access_point_id, old.channel, old.rating, coalesce(old.reason, ''), -1 * (1) where 1
    on conflict (grain, period, partner_id, access_point_id, channel, rating, reason) do update set n = n + excluded.n;
insert into insight_feedback (grain, period, partner_id, access_point_id, channel, rating, reason, n)
    select 'day', substr(old.created_at, 1, 10), old.partner_id, old.access_point_id, old.channel, old.rating, coalesce(old.reason, ''), -1 * (1) where 1
    on conflict (grain, period, partner_id, access_point_id, channel, rating, reason) do update set n = n + excluded.n;
insert into insight_feedback (grain, period, partner_id, access_point_id, channel, rating, reason, n)
    select 'month', substr(new.created_at, 1, 7), new.partner_id, new.access_point_id, new.channel, new.rating, coalesce(new.reason, ''), 1 * (1) where 1
    on conflict (grain, period, partner_id, access_point_id, channel, rating, reason) do update set n = n + excluded.n;
insert into insight_feedback (grain, period, partner_id, access_point_id, channel, rating, reason, n)
    select 'day', substr(new.created_at, 1, 10), new.partner_id, new.access_point_id, new.channel, new.rating, coalesce(new.reason, ''), 1 * (1) where 1
    on conflict (grain, period, partner_id, access_point_id, channel, rating, reason) do update set n = n + excluded.n; end;

drop trigger insight_feedback_services_ins;

drop trigger insight_feedback_services_del;

drop trigger insight_feedback_services_upd;

alter table insight_feedback_services rename to insight_feedback_services_rowid;

create table "insight_feedback_services" ("grain" text not null, "period" text not null, "partner_id" text not null, "access_point_id" text not null, "service_id" text not null, "n" integer not null, "satisfied" integer not null, constraint "insight_feedback_services_pk" primary key ("grain", "period", "partner_id", "access_point_id", "service_id")) without rowid;

insert into insight_feedback_services select * from insight_feedback_services_rowid;

drop table insight_feedback_services_rowid;

create trigger insight_feedback_services_ins after insert on feedback begin
          insert into insight_feedback_services (grain, period, partner_id, access_point_id, service_id, n, satisfied)
    select 'month', substr(new.created_at, 1, 7), new.partner_id, new.access_point_id, coalesce(new.service_id, ''), 1 * (1), 1 * (case when new.rating >= 3 then 1 else 0 end) where 1
    on conflict (grain, period, partner_id, access_point_id, service_id) do update set n = n + excluded.n, satisfied = satisfied + excluded.satisfied;
insert into insight_feedback_services (grain, period, partner_id, access_point_id, service_id, n, satisfied)
    select 'day', substr(new.created_at, 1, 10), new.partner_id, new.access_point_id, coalesce(new.service_id, ''), 1 * (1), 1 * (case when new.rating >= 3 then 1 else 0 end) where 1
    on conflict (grain, period, partner_id, access_point_id, service_id) do update set n = n + excluded.n, satisfied = satisfied + excluded.satisfied; end;

create trigger insight_feedback_services_del after delete on feedback begin
          insert into insight_feedback_services (grain, period, partner_id, access_point_id, service_id, n, satisfied)
    select 'month', substr(old.created_at, 1, 7), old.partner_id, old.access_point_id, coalesce(old.service_id, ''), -1 * (1), -1 * (case when old.rating >= 3 then 1 else 0 end) where 1
    on conflict (grain, period, partner_id, access_point_id, service_id) do update set n = n + excluded.n, satisfied = satisfied + excluded.satisfied;
insert into insight_feedback_services (grain, period, partner_id, access_point_id, service_id, n, satisfied)
    select 'day', substr(old.created_at, 1, 10), old.partner_id, old.access_point_id, coalesce(old.service_id, ''), -1 * (1), -1 * (case when old.rating >= 3 then 1 else 0 end) where 1
    on conflict (grain, period, partner_id, access_point_id, service_id) do update set n = n + excluded.n, satisfied = satisfied + excluded.satisfied; end;

create trigger insight_feedback_services_upd after update on feedback begin
          insert into insight_feedback_services (grain, period, partner_id, access_point_id, service_id, n, satisfied)
    select 'month', substr(old.created_at, 1, 7), old.partner_id, old.access_point_id, coalesce(old.service_id, ''), -1 * (1), -1 * (case when old.rating >= 3 then 1 else 0 end) where 1
    on conflict (grain, period, partner_id, access_point_id, service_id) do update set n = n + excluded.n, satisfied = satisfied + excluded.satisfied;
insert into insight_feedback_services (grain, period, partner_id, access_point_id, service_id, n, satisfied)
    select 'day', substr(old.created_at, 1, 10), old.partner_id, old.access_point_id, coalesce(old.service_id, ''), -1 * (1), -1 * (case when old.rating >= 3 then 1 else 0 end) where 1
    on conflict (grain, period, partner_id, access_point_id, service_id) do update set n = n + excluded.n, satisfied = satisfied + excluded.satisfied;
insert into insight_feedback_services (grain, period, partner_id, access_point_id, service_id, n, satisfied)
    select 'month', substr(new.created_at, 1, 7), new.partner_id, new.access_point_id, coalesce(new.service_id, ''), 1 * (1), 1 * (case when new.rating >= 3 then 1 else 0 end) where 1
    on conflict (grain, period, partner_id, access_point_id, service_id) do update set n = n + excluded.n, satisfied = satisfied + excluded.satisfied;
insert into insight_feedback_services (grain, period, partner_id, access_point_id, service_id, n, satisfied)
    select 'day', substr(new.created_at, 1, 10), new.partner_id, new.access_point_id, coalesce(new.service_id, ''), 1 * (1), 1 * (case when new.rating >= 3 then 1 else 0 end) where 1
    on conflict (grain, period, partner_id, access_point_id, service_id) do update set n = n + excluded.n, satisfied = satisfied + excluded.satisfied; end;

drop trigger insight_feedback_service_totals_ins;

drop trigger insight_feedback_service_totals_del;

drop trigger insight_feedback_service_totals_upd;

alter table insight_feedback_service_totals rename to insight_feedback_service_totals_rowid;

create table "insight_feedback_service_totals" ("grain" text not null, "period" text not null, "service_id" text not null, "n" integer not null, "satisfied" integer not null, constraint "insight_feedback_service_totals_pk" primary key ("grain", "period", "service_id")) without rowid;

insert into insight_feedback_service_totals select * from insight_feedback_service_totals_rowid;

drop table insight_feedback_service_totals_rowid;

create trigger insight_feedback_service_totals_ins after insert on feedback begin
          insert into insight_feedback_service_totals (grain, period, service_id, n, satisfied)
    select 'month', substr(new.created_at, 1, 7), coalesce(new.service_id, ''), 1 * (1), 1 * (case when new.rating >= 3 then 1 else 0 end) where 1
    on conflict (grain, period, service_id) do update set n = n + excluded.n, satisfied = satisfied + excluded.satisfied;
insert into insight_feedback_service_totals (grain, period, service_id, n, satisfied)
    select 'day', substr(new.created_at, 1, 10), coalesce(new.service_id, ''), 1 * (1), 1 * (case when new.rating >= 3 then 1 else 0 end) where 1
    on conflict (grain, period, service_id) do update set n = n + excluded.n, satisfied = satisfied + excluded.satisfied; end;

create trigger insight_feedback_service_totals_del after delete on feedback begin
          insert into insight_feedback_service_totals (grain, period, service_id, n, satisfied)
    select 'month', substr(old.created_at, 1, 7), coalesce(old.service_id, ''), -1 * (1), -1 * (case when old.rating >= 3 then 1 else 0 end) where 1
    on conflict (grain, period, service_id) do update set n = n + excluded.n, satisfied = satisfied + excluded.satisfied;
insert into insight_feedback_service_totals (grain, period, service_id, n, satisfied)
    select 'day', substr(old.created_at, 1, 10), coalesce(old.service_id, ''), -1 * (1), -1 * (case when old.rating >= 3 then 1 else 0 end) where 1
    on conflict (grain, period, service_id) do update set n = n + excluded.n, satisfied = satisfied + excluded.satisfied; end;

create trigger insight_feedback_service_totals_upd after update on feedback begin
          insert into insight_feedback_service_totals (grain, period, service_id, n, satisfied)
    select 'month', substr(old.created_at, 1, 7), coalesce(old.service_id, ''), -1 * (1), -1 * (case when old.rating >= 3 then 1 else 0 end) where 1
    on conflict (grain, period, service_id) do update set n = n + excluded.n, satisfied = satisfied + excluded.satisfied;
insert into insight_feedback_service_totals (grain, period, service_id, n, satisfied)
    select 'day', substr(old.created_at, 1, 10), coalesce(old.service_id, ''), -1 * (1), -1 * (case when old.rating >= 3 then 1 else 0 end) where 1
    on conflict (grain, period, service_id) do update set n = n + excluded.n, satisfied = satisfied + excluded.satisfied;
insert into insight_feedback_service_totals (grain, period, service_id, n, satisfied)
    select 'month', substr(new.created_at, 1, 7), coalesce(new.service_id, ''), 1 * (1), 1 * (case when new.rating >= 3 then 1 else 0 end) where 1
    on conflict (grain, period, service_id) do update set n = n + excluded.n, satisfied = satisfied + excluded.satisfied;
insert into insight_feedback_service_totals (grain, period, service_id, n, satisfied)
    select 'day', substr(new.created_at, 1, 10), coalesce(new.service_id, ''), 1 * (1), 1 * (case when new.rating >= 3 then 1 else 0 end) where 1
    on conflict (grain, period, service_id) do update set n = n + excluded.n, satisfied = satisfied + excluded.satisfied; end;

drop trigger insight_commitments_ins;

drop trigger insight_commitments_del;

drop trigger insight_commitments_upd;

alter table insight_commitments rename to insight_commitments_rowid;

create table "insight_commitments" ("grain" text not null, "period" text not null, "partner_id" text not null, "team_id" text not null, "access_point_id" text not null, "kept" integer not null, "missed" integer not null, constraint "insight_commitments_pk" primary key ("grain", "period", "partner_id", "team_id", "access_point_id")) without rowid;

insert into insight_commitments select * from insight_commitments_rowid;

drop table insight_commitments_rowid;

create trigger insight_commitments_ins after insert on commitment_results begin
          insert into insight_commitments (grain, period, partner_id, team_id, access_point_id, kept, missed)
    select 'month', substr(new.done_at, 1, 7), substr(new.owner, 1, instr(new.owner, '/') - 1), substr(new.owner, instr(new.owner, '/') + 1), coalesce((select access_point_id from cases where id = new.case_id), ''), 1 * (new.kept), 1 * (1 - new.kept) where 1
    on conflict (grain, period, partner_id, team_id, access_point_id) do update set kept = kept + excluded.kept, missed = missed + excluded.missed;
insert into insight_commitments (grain, period, partner_id, team_id, access_point_id, kept, missed)
    select 'day', substr(new.done_at, 1, 10), substr(new.owner, 1, instr(new.owner, '/') - 1), substr(new.owner, instr(new.owner, '/') + 1), coalesce((select access_point_id from cases where id = new.case_id), ''), 1 * (new.kept), 1 * (1 - new.kept) where 1
    on conflict (grain, period, partner_id, team_id, access_point_id) do update set kept = kept + excluded.kept, missed = missed + excluded.missed; end;

create trigger insight_commitments_del after delete on commitment_results begin
          insert into insight_commitments (grain, period, partner_id, team_id, access_point_id, kept, missed)
    select 'month', substr(old.done_at, 1, 7), substr(old.owner, 1, instr(old.owner, '/') - 1), substr(old.owner, instr(old.owner, '/') + 1), coalesce((select access_point_id from cases where id = old.case_id), ''), -1 * (old.kept), -1 * (1 - old.kept) where 1
    on conflict (grain, period, partner_id, team_id, access_point_id) do update set kept = kept + excluded.kept, missed = missed + excluded.missed;
insert into insight_commitments (grain, period, partner_id, team_id, access_point_id, kept, missed)
    select 'day', substr(old.done_at, 1, 10), substr(old.owner, 1, instr(old.owner, '/') - 1), substr(old.owner, instr(old.owner, '/') + 1), coalesce((select access_point_id from cases where id = old.case_id), ''), -1 * (old.kept), -1 * (1 - old.kept) where 1
    on conflict (grain, period, partner_id, team_id, access_point_id) do update set kept = kept + excluded.kept, missed = missed + excluded.missed; end;

create trigger insight_commitments_upd after update on commitment_results begin
          insert into insight_commitments (grain, period, partner_id, team_id, access_point_id, kept, missed)
    select 'month', substr(old.done_at, 1, 7), substr(old.owner, 1, instr(old.owner, '/') - 1), substr(old.owner, instr(old.owner, '/') + 1), coalesce((select access_point_id from cases where id = old.case_id), ''), -1 * (old.kept), -1 * (1 - old.kept) where 1
    on conflict (grain, period, partner_id, team_id, access_point_id) do update set kept = kept + excluded.kept, missed = missed + excluded.missed;
insert into insight_commitments (grain, period, partner_id, team_id, access_point_id, kept, missed)
    select 'day', substr(old.done_at, 1, 10), substr(old.owner, 1, instr(old.owner, '/') - 1), substr(old.owner, instr(old.owner, '/') + 1), coalesce((select access_point_id from cases where id = old.case_id), ''), -1 * (old.kept), -1 * (1 - old.kept) where 1
    on conflict (grain, period, partner_id, team_id, access_point_id) do update set kept = kept + excluded.kept, missed = missed + excluded.missed;
insert into insight_commitments (grain, period, partner_id, team_id, access_point_id, kept, missed)
    select 'month', substr(new.done_at, 1, 7), substr(new.owner, 1, instr(new.owner, '/') - 1), substr(new.owner, instr(new.owner, '/') + 1), coalesce((select access_point_id from cases where id = new.case_id), ''), 1 * (new.kept), 1 * (1 - new.kept) where 1
    on conflict (grain, period, partner_id, team_id, access_point_id) do update set kept = kept + excluded.kept, missed = missed + excluded.missed;
insert into insight_commitments (grain, period, partner_id, team_id, access_point_id, kept, missed)
    select 'day', substr(new.done_at, 1, 10), substr(new.owner, 1, instr(new.owner, '/') - 1), substr(new.owner, instr(new.owner, '/') + 1), coalesce((select access_point_id from cases where id = new.case_id), ''), 1 * (new.kept), 1 * (1 - new.kept) where 1
    on conflict (grain, period, partner_id, team_id, access_point_id) do update set kept = kept + excluded.kept, missed = missed + excluded.missed; end;

drop trigger insight_commitment_services_ins;

drop trigger insight_commitment_services_del;

drop trigger insight_commitment_services_upd;

alter table insight_commitment_services rename to insight_commitment_services_rowid;

create table "insight_commitment_services" ("grain" text not null, "period" text not null, "partner_id" text not null, "service_id" text not null, "access_point_id" text not null, "kept" integer not null, "missed" integer not null, constraint "insight_commitment_services_pk" primary key ("grain", "period", "partner_id", "service_id", "access_point_id")) without rowid;

insert into insight_commitment_services select * from insight_commitment_services_rowid;

drop table insight_commitment_services_rowid;

create trigger insight_commitment_services_ins after insert on commitment_results begin
          insert into insight_commitment_services (grain, period, partner_id, service_id, access_point_id, kept, missed)
    select 'month', substr(new.done_at, 1, 7), substr(new.owner, 1, instr(new.owner, '/') - 1), new.service_id, coalesce((select access_point_id from cases where id = new.case_id), ''), 1 * (new.kept), 1 * (1 - new.kept) where 1
    on conflict (grain, period, partner_id, service_id, access_point_id) do update set kept = kept + excluded.kept, missed = missed + excluded.missed;
insert into insight_commitment_services (grain, period, partner_id, service_id, access_point_id, kept, missed)
    select 'day', substr(new.done_at, 1, 10), substr(new.owner, 1, instr(new.owner, '/') - 1), new.service_id, coalesce((select access_point_id from cases where id = new.case_id), ''), 1 * (new.kept), 1 * (1 - new.kept) where 1
    on conflict (grain, period, partner_id, service_id, access_point_id) do update set kept = kept + excluded.kept, missed = missed + excluded.missed; end;

create trigger insight_commitment_services_del after delete on commitment_results begin
          insert into insight_commitment_services (grain, period, partner_id, service_id, access_point_id, kept, missed)
    select 'month', substr(old.done_at, 1, 7), substr(old.owner, 1, instr(old.owner, '/') - 1), old.service_id, coalesce((select access_point_id from cases where id = old.case_id), ''), -1 * (old.kept), -1 * (1 - old.kept) where 1
    on conflict (grain, period, partner_id, service_id, access_point_id) do update set kept = kept + excluded.kept, missed = missed + excluded.missed;
insert into insight_commitment_services (grain, period, partner_id, service_id, access_point_id, kept, missed)
    select 'day', substr(old.done_at, 1, 10), substr(old.owner, 1, instr(old.owner, '/') - 1), old.service_id, coalesce((select access_point_id from cases where id = old.case_id), ''), -1 * (old.kept), -1 * (1 - old.kept) where 1
    on conflict (grain, period, partner_id, service_id, access_point_id) do update set kept = kept + excluded.kept, missed = missed + excluded.missed; end;

create trigger insight_commitment_services_upd after update on commitment_results begin
          insert into insight_commitment_services (grain, period, partner_id, service_id, access_point_id, kept, missed)
    select 'month', substr(old.done_at, 1, 7), substr(old.owner, 1, instr(old.owner, '/') - 1), old.service_id, coalesce((select access_point_id from cases where id = old.case_id), ''), -1 * (old.kept), -1 * (1 - old.kept) where 1
    on conflict (grain, period, partner_id, service_id, access_point_id) do update set kept = kept + excluded.kept, missed = missed + excluded.missed;
insert into insight_commitment_services (grain, period, partner_id, service_id, access_point_id, kept, missed)
    select 'day', substr(old.done_at, 1, 10), substr(old.owner, 1, instr(old.owner, '/') - 1), old.service_id, coalesce((select access_point_id from cases where id = old.case_id), ''), -1 * (old.kept), -1 * (1 - old.kept) where 1
    on conflict (grain, period, partner_id, service_id, access_point_id) do update set kept = kept + excluded.kept, missed = missed + excluded.missed;
insert into insight_commitment_services (grain, period, partner_id, service_id, access_point_id, kept, missed)
    select 'month', substr(new.done_at, 1, 7), substr(new.owner, 1, instr(new.owner, '/') - 1), new.service_id, coalesce((select access_point_id from cases where id = new.case_id), ''), 1 * (new.kept), 1 * (1 - new.kept) where 1
    on conflict (grain, period, partner_id, service_id, access_point_id) do update set kept = kept + excluded.kept, missed = missed + excluded.missed;
insert into insight_commitment_services (grain, period, partner_id, service_id, access_point_id, kept, missed)
    select 'day', substr(new.done_at, 1, 10), substr(new.owner, 1, instr(new.owner, '/') - 1), new.service_id, coalesce((select access_point_id from cases where id = new.case_id), ''), 1 * (new.kept), 1 * (1 - new.kept) where 1
    on conflict (grain, period, partner_id, service_id, access_point_id) do update set kept = kept + excluded.kept, missed = missed + excluded.missed; end;

drop trigger insight_commitment_service_totals_ins;

drop trigger insight_commitment_service_totals_del;

drop trigger insight_commitment_service_totals_upd;

alter table insight_commitment_service_totals rename to insight_commitment_service_totals_rowid;

create table "insight_commitment_service_totals" ("grain" text not null, "period" text not null, "service_id" text not null, "kept" integer not null, "missed" integer not null, constraint "insight_commitment_service_totals_pk" primary key ("grain", "period", "service_id")) without rowid;

insert into insight_commitment_service_totals select * from insight_commitment_service_totals_rowid;

drop table insight_commitment_service_totals_rowid;

create trigger insight_commitment_service_totals_ins after insert on commitment_results begin
          insert into insight_commitment_service_totals (grain, period, service_id, kept, missed)
    select 'month', substr(new.done_at, 1, 7), new.service_id, 1 * (new.kept), 1 * (1 - new.kept) where 1
    on conflict (grain, period, service_id) do update set kept = kept + excluded.kept, missed = missed + excluded.missed;
insert into insight_commitment_service_totals (grain, period, service_id, kept, missed)
    select 'day', substr(new.done_at, 1, 10), new.service_id, 1 * (new.kept), 1 * (1 - new.kept) where 1
    on conflict (grain, period, service_id) do update set kept = kept + excluded.kept, missed = missed + excluded.missed; end;

create trigger insight_commitment_service_totals_del after delete on commitment_results begin
          insert into insight_commitment_service_totals (grain, period, service_id, kept, missed)
    select 'month', substr(old.done_at, 1, 7), old.service_id, -1 * (old.kept), -1 * (1 - old.kept) where 1
    on conflict (grain, period, service_id) do update set kept = kept + excluded.kept, missed = missed + excluded.missed;
insert into insight_commitment_service_totals (grain, period, service_id, kept, missed)
    select 'day', substr(old.done_at, 1, 10), old.service_id, -1 * (old.kept), -1 * (1 - old.kept) where 1
    on conflict (grain, period, service_id) do update set kept = kept + excluded.kept, missed = missed + excluded.missed; end;

create trigger insight_commitment_service_totals_upd after update on commitment_results begin
          insert into insight_commitment_service_totals (grain, period, service_id, kept, missed)
    select 'month', substr(old.done_at, 1, 7), old.service_id, -1 * (old.kept), -1 * (1 - old.kept) where 1
    on conflict (grain, period, service_id) do update set kept = kept + excluded.kept, missed = missed + excluded.missed;
insert into insight_commitment_service_totals (grain, period, service_id, kept, missed)
    select 'day', substr(old.done_at, 1, 10), old.service_id, -1 * (old.kept), -1 * (1 - old.kept) where 1
    on conflict (grain, period, service_id) do update set kept = kept + excluded.kept, missed = missed + excluded.missed;
insert into insight_commitment_service_totals (grain, period, service_id, kept, missed)
    select 'month', substr(new.done_at, 1, 7), new.service_id, 1 * (new.kept), 1 * (1 - new.kept) where 1
    on conflict (grain, period, service_id) do update set kept = kept + excluded.kept, missed = missed + excluded.missed;
insert into insight_commitment_service_totals (grain, period, service_id, kept, missed)
    select 'day', substr(new.done_at, 1, 10), new.service_id, 1 * (new.kept), 1 * (1 - new.kept) where 1
    on conflict (grain, period, service_id) do update set kept = kept + excluded.kept, missed = missed + excluded.missed; end;
