-- 0017-insight, SQLite. Frozen: a hub that has run it never runs it again, so never edit
-- it; change the schema in a new migration.
--
-- The dashboards' rollups (each table, filled from the rows already there, then the triggers that
-- keep it), the commitments still open (for "at risk now"), and the franchisor's unit costs per
-- channel. The open commitments of a hub upgraded with cases are filled after this file by
-- backfillOpenDues in 0017-insight.ts (working time has no SQL form).

create table "insight_contacts" ("grain" text not null, "period" text not null, "partner_id" text not null, "access_point_id" text not null, "channel" text not null, "tier" integer not null, "n" integer not null, "first_contact" integer not null, constraint "insight_contacts_pk" primary key ("grain", "period", "partner_id", "access_point_id", "channel", "tier"));

insert into insight_contacts (grain, period, partner_id, access_point_id, channel, tier,
           n, first_contact) select 'month' as grain, substr(s.created_at, 1, 7) as period,
      coalesce((select partner_id from access_points where id = s.access_point_id), '') as partner_id, s.access_point_id as access_point_id, s.channel as channel, s.tier as tier,
      sum(1) as n, sum(case when s.outcome in ('resolved', 'self-serve') then 1 else 0 end) as first_contact
    from contacts s where 1 = 1
    group by 1, 2, 3, 4, 5, 6 order by 1, 2, 3, 4, 5, 6;

insert into insight_contacts (grain, period, partner_id, access_point_id, channel, tier,
           n, first_contact) select 'day' as grain, substr(s.created_at, 1, 10) as period,
      coalesce((select partner_id from access_points where id = s.access_point_id), '') as partner_id, s.access_point_id as access_point_id, s.channel as channel, s.tier as tier,
      sum(1) as n, sum(case when s.outcome in ('resolved', 'self-serve') then 1 else 0 end) as first_contact
    from contacts s where 1 = 1
    group by 1, 2, 3, 4, 5, 6 order by 1, 2, 3, 4, 5, 6;

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

create table "insight_contact_services" ("grain" text not null, "period" text not null, "partner_id" text not null, "access_point_id" text not null, "service_id" text not null, "n" integer not null, "first_contact" integer not null, constraint "insight_contact_services_pk" primary key ("grain", "period", "partner_id", "access_point_id", "service_id"));

insert into insight_contact_services (grain, period, partner_id, access_point_id, service_id,
           n, first_contact) select 'month' as grain, substr(s.created_at, 1, 7) as period,
      coalesce((select partner_id from access_points where id = s.access_point_id), '') as partner_id, s.access_point_id as access_point_id, s.service_id as service_id,
      sum(1) as n, sum(case when s.outcome in ('resolved', 'self-serve') then 1 else 0 end) as first_contact
    from contacts s where 1 = 1
    group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4, 5;

insert into insight_contact_services (grain, period, partner_id, access_point_id, service_id,
           n, first_contact) select 'day' as grain, substr(s.created_at, 1, 10) as period,
      coalesce((select partner_id from access_points where id = s.access_point_id), '') as partner_id, s.access_point_id as access_point_id, s.service_id as service_id,
      sum(1) as n, sum(case when s.outcome in ('resolved', 'self-serve') then 1 else 0 end) as first_contact
    from contacts s where 1 = 1
    group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4, 5;

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

create table "insight_contact_service_totals" ("grain" text not null, "period" text not null, "service_id" text not null, "n" integer not null, "first_contact" integer not null, constraint "insight_contact_service_totals_pk" primary key ("grain", "period", "service_id"));

insert into insight_contact_service_totals (grain, period, service_id,
           n, first_contact) select 'month' as grain, substr(s.created_at, 1, 7) as period,
      s.service_id as service_id,
      sum(1) as n, sum(case when s.outcome in ('resolved', 'self-serve') then 1 else 0 end) as first_contact
    from contacts s where 1 = 1
    group by 1, 2, 3 order by 1, 2, 3;

insert into insight_contact_service_totals (grain, period, service_id,
           n, first_contact) select 'day' as grain, substr(s.created_at, 1, 10) as period,
      s.service_id as service_id,
      sum(1) as n, sum(case when s.outcome in ('resolved', 'self-serve') then 1 else 0 end) as first_contact
    from contacts s where 1 = 1
    group by 1, 2, 3 order by 1, 2, 3;

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

create table "insight_customer_months" ("grain" text not null, "period" text not null, "customer_id" text not null, "partner_id" text not null, "access_point_id" text not null, "ch_face_to_face" integer not null, "ch_phone" integer not null, "ch_web" integer not null, "ch_kiosk" integer not null, "ch_letter" integer not null, "ch_sms" integer not null, "ch_email" integer not null, constraint "insight_customer_months_pk" primary key ("grain", "customer_id", "partner_id", "access_point_id", "period"));

insert into insight_customer_months (grain, period, customer_id, partner_id, access_point_id,
           ch_face_to_face, ch_phone, ch_web, ch_kiosk, ch_letter, ch_sms, ch_email) select 'month' as grain, substr(s.created_at, 1, 7) as period,
      s.customer_id as customer_id, coalesce((select partner_id from access_points where id = s.access_point_id), '') as partner_id, s.access_point_id as access_point_id,
      sum(case when s.channel = 'face-to-face' then 1 else 0 end) as ch_face_to_face, sum(case when s.channel = 'phone' then 1 else 0 end) as ch_phone, sum(case when s.channel = 'web' then 1 else 0 end) as ch_web, sum(case when s.channel = 'kiosk' then 1 else 0 end) as ch_kiosk, sum(case when s.channel = 'letter' then 1 else 0 end) as ch_letter, sum(case when s.channel = 'sms' then 1 else 0 end) as ch_sms, sum(case when s.channel = 'email' then 1 else 0 end) as ch_email
    from contacts s where s.customer_id is not null
    group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4, 5;

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

create table "insight_feedback" ("grain" text not null, "period" text not null, "partner_id" text not null, "access_point_id" text not null, "channel" text not null, "rating" integer not null, "reason" text not null, "n" integer not null, constraint "insight_feedback_pk" primary key ("grain", "period", "partner_id", "access_point_id", "channel", "rating", "reason"));

insert into insight_feedback (grain, period, partner_id, access_point_id, channel, rating, reason,
           n) select 'month' as grain, substr(s.created_at, 1, 7) as period,
      s.partner_id as partner_id, s.access_point_id as access_point_id, s.channel as channel, s.rating as rating, coalesce(s.reason, '') as reason,
      sum(1) as n
    from feedback s where 1 = 1
    group by 1, 2, 3, 4, 5, 6, 7 order by 1, 2, 3, 4, 5, 6, 7;

insert into insight_feedback (grain, period, partner_id, access_point_id, channel, rating, reason,
           n) select 'day' as grain, substr(s.created_at, 1, 10) as period,
      s.partner_id as partner_id, s.access_point_id as access_point_id, s.channel as channel, s.rating as rating, coalesce(s.reason, '') as reason,
      sum(1) as n
    from feedback s where 1 = 1
    group by 1, 2, 3, 4, 5, 6, 7 order by 1, 2, 3, 4, 5, 6, 7;

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

create table "insight_feedback_services" ("grain" text not null, "period" text not null, "partner_id" text not null, "access_point_id" text not null, "service_id" text not null, "n" integer not null, "satisfied" integer not null, constraint "insight_feedback_services_pk" primary key ("grain", "period", "partner_id", "access_point_id", "service_id"));

insert into insight_feedback_services (grain, period, partner_id, access_point_id, service_id,
           n, satisfied) select 'month' as grain, substr(s.created_at, 1, 7) as period,
      s.partner_id as partner_id, s.access_point_id as access_point_id, coalesce(s.service_id, '') as service_id,
      sum(1) as n, sum(case when s.rating >= 3 then 1 else 0 end) as satisfied
    from feedback s where 1 = 1
    group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4, 5;

insert into insight_feedback_services (grain, period, partner_id, access_point_id, service_id,
           n, satisfied) select 'day' as grain, substr(s.created_at, 1, 10) as period,
      s.partner_id as partner_id, s.access_point_id as access_point_id, coalesce(s.service_id, '') as service_id,
      sum(1) as n, sum(case when s.rating >= 3 then 1 else 0 end) as satisfied
    from feedback s where 1 = 1
    group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4, 5;

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

create table "insight_feedback_service_totals" ("grain" text not null, "period" text not null, "service_id" text not null, "n" integer not null, "satisfied" integer not null, constraint "insight_feedback_service_totals_pk" primary key ("grain", "period", "service_id"));

insert into insight_feedback_service_totals (grain, period, service_id,
           n, satisfied) select 'month' as grain, substr(s.created_at, 1, 7) as period,
      coalesce(s.service_id, '') as service_id,
      sum(1) as n, sum(case when s.rating >= 3 then 1 else 0 end) as satisfied
    from feedback s where 1 = 1
    group by 1, 2, 3 order by 1, 2, 3;

insert into insight_feedback_service_totals (grain, period, service_id,
           n, satisfied) select 'day' as grain, substr(s.created_at, 1, 10) as period,
      coalesce(s.service_id, '') as service_id,
      sum(1) as n, sum(case when s.rating >= 3 then 1 else 0 end) as satisfied
    from feedback s where 1 = 1
    group by 1, 2, 3 order by 1, 2, 3;

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

create table "insight_commitments" ("grain" text not null, "period" text not null, "partner_id" text not null, "team_id" text not null, "access_point_id" text not null, "kept" integer not null, "missed" integer not null, constraint "insight_commitments_pk" primary key ("grain", "period", "partner_id", "team_id", "access_point_id"));

insert into insight_commitments (grain, period, partner_id, team_id, access_point_id,
           kept, missed) select 'month' as grain, substr(s.done_at, 1, 7) as period,
      substr(s.owner, 1, instr(s.owner, '/') - 1) as partner_id, substr(s.owner, instr(s.owner, '/') + 1) as team_id, coalesce((select access_point_id from cases where id = s.case_id), '') as access_point_id,
      sum(s.kept) as kept, sum(1 - s.kept) as missed
    from commitment_results s where 1 = 1
    group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4, 5;

insert into insight_commitments (grain, period, partner_id, team_id, access_point_id,
           kept, missed) select 'day' as grain, substr(s.done_at, 1, 10) as period,
      substr(s.owner, 1, instr(s.owner, '/') - 1) as partner_id, substr(s.owner, instr(s.owner, '/') + 1) as team_id, coalesce((select access_point_id from cases where id = s.case_id), '') as access_point_id,
      sum(s.kept) as kept, sum(1 - s.kept) as missed
    from commitment_results s where 1 = 1
    group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4, 5;

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

create table "insight_commitment_services" ("grain" text not null, "period" text not null, "partner_id" text not null, "service_id" text not null, "access_point_id" text not null, "kept" integer not null, "missed" integer not null, constraint "insight_commitment_services_pk" primary key ("grain", "period", "partner_id", "service_id", "access_point_id"));

insert into insight_commitment_services (grain, period, partner_id, service_id, access_point_id,
           kept, missed) select 'month' as grain, substr(s.done_at, 1, 7) as period,
      substr(s.owner, 1, instr(s.owner, '/') - 1) as partner_id, s.service_id as service_id, coalesce((select access_point_id from cases where id = s.case_id), '') as access_point_id,
      sum(s.kept) as kept, sum(1 - s.kept) as missed
    from commitment_results s where 1 = 1
    group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4, 5;

insert into insight_commitment_services (grain, period, partner_id, service_id, access_point_id,
           kept, missed) select 'day' as grain, substr(s.done_at, 1, 10) as period,
      substr(s.owner, 1, instr(s.owner, '/') - 1) as partner_id, s.service_id as service_id, coalesce((select access_point_id from cases where id = s.case_id), '') as access_point_id,
      sum(s.kept) as kept, sum(1 - s.kept) as missed
    from commitment_results s where 1 = 1
    group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4, 5;

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

create table "insight_commitment_service_totals" ("grain" text not null, "period" text not null, "service_id" text not null, "kept" integer not null, "missed" integer not null, constraint "insight_commitment_service_totals_pk" primary key ("grain", "period", "service_id"));

insert into insight_commitment_service_totals (grain, period, service_id,
           kept, missed) select 'month' as grain, substr(s.done_at, 1, 7) as period,
      s.service_id as service_id,
      sum(s.kept) as kept, sum(1 - s.kept) as missed
    from commitment_results s where 1 = 1
    group by 1, 2, 3 order by 1, 2, 3;

insert into insight_commitment_service_totals (grain, period, service_id,
           kept, missed) select 'day' as grain, substr(s.done_at, 1, 10) as period,
      s.service_id as service_id,
      sum(s.kept) as kept, sum(1 - s.kept) as missed
    from commitment_results s where 1 = 1
    group by 1, 2, 3 order by 1, 2, 3;

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

create table "insight_open_dues" ("case_id" text not null, "step_id" text not null, "partner_id" text not null, "team_id" text not null, "service_id" text not null, "access_point_id" text not null, "level" integer not null, "at_risk_at" text not null, "due" text not null, constraint "insight_open_dues_pk" primary key ("case_id", "step_id"));

create trigger insight_open_dues_settle after insert on commitment_results
            begin delete from insight_open_dues
              where case_id = new.case_id and step_id = new.step_id; end;

create index "insight_open_dues_by_risk" on "insight_open_dues" ("at_risk_at");

create index "contacts_by_service" on "contacts" ("service_id", "created_at");

create index "feedback_by_service" on "feedback" ("service_id", "created_at");

create index "commitment_results_by_service" on "commitment_results" ("service_id", "done_at");

create table "insight_unit_costs" ("channel" text primary key, "pence" integer not null, "updated_at" text not null, "updated_by" text);

insert into "insight_unit_costs" ("channel", "pence", "updated_at", "updated_by") values ('face-to-face', 3000, '1970-01-01T00:00:00.000Z', null), ('phone', 600, '1970-01-01T00:00:00.000Z', null), ('letter', 900, '1970-01-01T00:00:00.000Z', null), ('email', 300, '1970-01-01T00:00:00.000Z', null), ('kiosk', 50, '1970-01-01T00:00:00.000Z', null), ('web', 30, '1970-01-01T00:00:00.000Z', null), ('sms', 10, '1970-01-01T00:00:00.000Z', null);
