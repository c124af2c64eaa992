-- 0019-insight-rollup-deltas, PostgreSQL. Frozen: a hub that has run it never runs it again, so never edit
-- it; change the schema in a new migration.
--
-- PostgreSQL: even a slot per connection left syncs queuing behind each other for the rows of the
-- busiest service until each committed; the triggers now only append to a delta table per rollup.

create table "insight_contacts_delta" ("grain" text not null, "period" text not null, "partner_id" text not null, "access_point_id" text not null, "channel" text not null, "tier" integer not null, "n" integer not null, "first_contact" integer not null);

create or replace function insight_contacts_sync() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' then
          insert into insight_contacts_delta (grain, period, partner_id, access_point_id, channel, tier, n, first_contact)
    select grain, period, partner_id, access_point_id, channel, tier, sum(n), sum(first_contact)
    from (select 'month' as grain, substr(s.created_at, 1, 7) as period,
           coalesce((select partner_id from access_points where id = s.access_point_id), '') as partner_id, s.access_point_id as access_point_id, s.channel as channel, s.tier as tier,
           1 * (1) as n, 1 * (case when s.outcome in ('resolved', 'self-serve') then 1 else 0 end) as first_contact
           from new_rows s where true union all select 'day' as grain, substr(s.created_at, 1, 10) as period,
           coalesce((select partner_id from access_points where id = s.access_point_id), '') as partner_id, s.access_point_id as access_point_id, s.channel as channel, s.tier as tier,
           1 * (1) as n, 1 * (case when s.outcome in ('resolved', 'self-serve') then 1 else 0 end) as first_contact
           from new_rows s where true) x group by 1, 2, 3, 4, 5, 6
    having sum(n) <> 0 or sum(first_contact) <> 0;
        elsif tg_op = 'DELETE' then
          insert into insight_contacts_delta (grain, period, partner_id, access_point_id, channel, tier, n, first_contact)
    select grain, period, partner_id, access_point_id, channel, tier, sum(n), sum(first_contact)
    from (select 'month' as grain, substr(s.created_at, 1, 7) as period,
           coalesce((select partner_id from access_points where id = s.access_point_id), '') as partner_id, s.access_point_id as access_point_id, s.channel as channel, s.tier as tier,
           -1 * (1) as n, -1 * (case when s.outcome in ('resolved', 'self-serve') then 1 else 0 end) as first_contact
           from old_rows s where true union all select 'day' as grain, substr(s.created_at, 1, 10) as period,
           coalesce((select partner_id from access_points where id = s.access_point_id), '') as partner_id, s.access_point_id as access_point_id, s.channel as channel, s.tier as tier,
           -1 * (1) as n, -1 * (case when s.outcome in ('resolved', 'self-serve') then 1 else 0 end) as first_contact
           from old_rows s where true) x group by 1, 2, 3, 4, 5, 6
    having sum(n) <> 0 or sum(first_contact) <> 0;
        else
          insert into insight_contacts_delta (grain, period, partner_id, access_point_id, channel, tier, n, first_contact)
    select grain, period, partner_id, access_point_id, channel, tier, sum(n), sum(first_contact)
    from (select 'month' as grain, substr(s.created_at, 1, 7) as period,
           coalesce((select partner_id from access_points where id = s.access_point_id), '') as partner_id, s.access_point_id as access_point_id, s.channel as channel, s.tier as tier,
           1 * (1) as n, 1 * (case when s.outcome in ('resolved', 'self-serve') then 1 else 0 end) as first_contact
           from new_rows s where true union all select 'day' as grain, substr(s.created_at, 1, 10) as period,
           coalesce((select partner_id from access_points where id = s.access_point_id), '') as partner_id, s.access_point_id as access_point_id, s.channel as channel, s.tier as tier,
           1 * (1) as n, 1 * (case when s.outcome in ('resolved', 'self-serve') then 1 else 0 end) as first_contact
           from new_rows s where true union all select 'month' as grain, substr(s.created_at, 1, 7) as period,
           coalesce((select partner_id from access_points where id = s.access_point_id), '') as partner_id, s.access_point_id as access_point_id, s.channel as channel, s.tier as tier,
           -1 * (1) as n, -1 * (case when s.outcome in ('resolved', 'self-serve') then 1 else 0 end) as first_contact
           from old_rows s where true union all select 'day' as grain, substr(s.created_at, 1, 10) as period,
           coalesce((select partner_id from access_points where id = s.access_point_id), '') as partner_id, s.access_point_id as access_point_id, s.channel as channel, s.tier as tier,
           -1 * (1) as n, -1 * (case when s.outcome in ('resolved', 'self-serve') then 1 else 0 end) as first_contact
           from old_rows s where true) x group by 1, 2, 3, 4, 5, 6
    having sum(n) <> 0 or sum(first_contact) <> 0;
        end if;
        return null;
      end $$;

create table "insight_contact_services_delta" ("grain" text not null, "period" text not null, "partner_id" text not null, "access_point_id" text not null, "service_id" text not null, "n" integer not null, "first_contact" integer not null);

create or replace function insight_contact_services_sync() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' then
          insert into insight_contact_services_delta (grain, period, partner_id, access_point_id, service_id, n, first_contact)
    select grain, period, partner_id, access_point_id, service_id, sum(n), sum(first_contact)
    from (select 'month' as grain, substr(s.created_at, 1, 7) as period,
           coalesce((select partner_id from access_points where id = s.access_point_id), '') as partner_id, s.access_point_id as access_point_id, s.service_id as service_id,
           1 * (1) as n, 1 * (case when s.outcome in ('resolved', 'self-serve') then 1 else 0 end) as first_contact
           from new_rows s where true union all select 'day' as grain, substr(s.created_at, 1, 10) as period,
           coalesce((select partner_id from access_points where id = s.access_point_id), '') as partner_id, s.access_point_id as access_point_id, s.service_id as service_id,
           1 * (1) as n, 1 * (case when s.outcome in ('resolved', 'self-serve') then 1 else 0 end) as first_contact
           from new_rows s where true) x group by 1, 2, 3, 4, 5
    having sum(n) <> 0 or sum(first_contact) <> 0;
        elsif tg_op = 'DELETE' then
          insert into insight_contact_services_delta (grain, period, partner_id, access_point_id, service_id, n, first_contact)
    select grain, period, partner_id, access_point_id, service_id, sum(n), sum(first_contact)
    from (select 'month' as grain, substr(s.created_at, 1, 7) as period,
           coalesce((select partner_id from access_points where id = s.access_point_id), '') as partner_id, s.access_point_id as access_point_id, s.service_id as service_id,
           -1 * (1) as n, -1 * (case when s.outcome in ('resolved', 'self-serve') then 1 else 0 end) as first_contact
           from old_rows s where true union all select 'day' as grain, substr(s.created_at, 1, 10) as period,
           coalesce((select partner_id from access_points where id = s.access_point_id), '') as partner_id, s.access_point_id as access_point_id, s.service_id as service_id,
           -1 * (1) as n, -1 * (case when s.outcome in ('resolved', 'self-serve') then 1 else 0 end) as first_contact
           from old_rows s where true) x group by 1, 2, 3, 4, 5
    having sum(n) <> 0 or sum(first_contact) <> 0;
        else
          insert into insight_contact_services_delta (grain, period, partner_id, access_point_id, service_id, n, first_contact)
    select grain, period, partner_id, access_point_id, service_id, sum(n), sum(first_contact)
    from (select 'month' as grain, substr(s.created_at, 1, 7) as period,
           coalesce((select partner_id from access_points where id = s.access_point_id), '') as partner_id, s.access_point_id as access_point_id, s.service_id as service_id,
           1 * (1) as n, 1 * (case when s.outcome in ('resolved', 'self-serve') then 1 else 0 end) as first_contact
           from new_rows s where true union all select 'day' as grain, substr(s.created_at, 1, 10) as period,
           coalesce((select partner_id from access_points where id = s.access_point_id), '') as partner_id, s.access_point_id as access_point_id, s.service_id as service_id,
           1 * (1) as n, 1 * (case when s.outcome in ('resolved', 'self-serve') then 1 else 0 end) as first_contact
           from new_rows s where true union all select 'month' as grain, substr(s.created_at, 1, 7) as period,
           coalesce((select partner_id from access_points where id = s.access_point_id), '') as partner_id, s.access_point_id as access_point_id, s.service_id as service_id,
           -1 * (1) as n, -1 * (case when s.outcome in ('resolved', 'self-serve') then 1 else 0 end) as first_contact
           from old_rows s where true union all select 'day' as grain, substr(s.created_at, 1, 10) as period,
           coalesce((select partner_id from access_points where id = s.access_point_id), '') as partner_id, s.access_point_id as access_point_id, s.service_id as service_id,
           -1 * (1) as n, -1 * (case when s.outcome in ('resolved', 'self-serve') then 1 else 0 end) as first_contact
           from old_rows s where true) x group by 1, 2, 3, 4, 5
    having sum(n) <> 0 or sum(first_contact) <> 0;
        end if;
        return null;
      end $$;

create table "insight_contact_service_totals_delta" ("grain" text not null, "period" text not null, "service_id" text not null, "n" integer not null, "first_contact" integer not null);

create or replace function insight_contact_service_totals_sync() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' then
          insert into insight_contact_service_totals_delta (grain, period, service_id, n, first_contact)
    select grain, period, service_id, sum(n), sum(first_contact)
    from (select 'month' as grain, substr(s.created_at, 1, 7) as period,
           s.service_id as service_id,
           1 * (1) as n, 1 * (case when s.outcome in ('resolved', 'self-serve') then 1 else 0 end) as first_contact
           from new_rows s where true union all select 'day' as grain, substr(s.created_at, 1, 10) as period,
           s.service_id as service_id,
           1 * (1) as n, 1 * (case when s.outcome in ('resolved', 'self-serve') then 1 else 0 end) as first_contact
           from new_rows s where true) x group by 1, 2, 3
    having sum(n) <> 0 or sum(first_contact) <> 0;
        elsif tg_op = 'DELETE' then
          insert into insight_contact_service_totals_delta (grain, period, service_id, n, first_contact)
    select grain, period, service_id, sum(n), sum(first_contact)
    from (select 'month' as grain, substr(s.created_at, 1, 7) as period,
           s.service_id as service_id,
           -1 * (1) as n, -1 * (case when s.outcome in ('resolved', 'self-serve') then 1 else 0 end) as first_contact
           from old_rows s where true union all select 'day' as grain, substr(s.created_at, 1, 10) as period,
           s.service_id as service_id,
           -1 * (1) as n, -1 * (case when s.outcome in ('resolved', 'self-serve') then 1 else 0 end) as first_contact
           from old_rows s where true) x group by 1, 2, 3
    having sum(n) <> 0 or sum(first_contact) <> 0;
        else
          insert into insight_contact_service_totals_delta (grain, period, service_id, n, first_contact)
    select grain, period, service_id, sum(n), sum(first_contact)
    from (select 'month' as grain, substr(s.created_at, 1, 7) as period,
           s.service_id as service_id,
           1 * (1) as n, 1 * (case when s.outcome in ('resolved', 'self-serve') then 1 else 0 end) as first_contact
           from new_rows s where true union all select 'day' as grain, substr(s.created_at, 1, 10) as period,
           s.service_id as service_id,
           1 * (1) as n, 1 * (case when s.outcome in ('resolved', 'self-serve') then 1 else 0 end) as first_contact
           from new_rows s where true union all select 'month' as grain, substr(s.created_at, 1, 7) as period,
           s.service_id as service_id,
           -1 * (1) as n, -1 * (case when s.outcome in ('resolved', 'self-serve') then 1 else 0 end) as first_contact
           from old_rows s where true union all select 'day' as grain, substr(s.created_at, 1, 10) as period,
           s.service_id as service_id,
           -1 * (1) as n, -1 * (case when s.outcome in ('resolved', 'self-serve') then 1 else 0 end) as first_contact
           from old_rows s where true) x group by 1, 2, 3
    having sum(n) <> 0 or sum(first_contact) <> 0;
        end if;
        return null;
      end $$;

create table "insight_customer_months_delta" ("grain" text not null, "period" text not null, "customer_id" text not null, "partner_id" text not null, "access_point_id" text not null, "ch_face_to_face" integer not null, "ch_phone" integer not null, "ch_web" integer not null, "ch_kiosk" integer not null, "ch_letter" integer not null, "ch_sms" integer not null, "ch_email" integer not null);

create or replace function insight_customer_months_sync() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' then
          insert into insight_customer_months_delta (grain, period, customer_id, partner_id, access_point_id, ch_face_to_face, ch_phone, ch_web, ch_kiosk, ch_letter, ch_sms, ch_email)
    select grain, period, customer_id, partner_id, access_point_id, sum(ch_face_to_face), sum(ch_phone), sum(ch_web), sum(ch_kiosk), sum(ch_letter), sum(ch_sms), sum(ch_email)
    from (select 'month' as grain, substr(s.created_at, 1, 7) as period,
           s.customer_id as customer_id, coalesce((select partner_id from access_points where id = s.access_point_id), '') as partner_id, s.access_point_id as access_point_id,
           1 * (case when s.channel = 'face-to-face' then 1 else 0 end) as ch_face_to_face, 1 * (case when s.channel = 'phone' then 1 else 0 end) as ch_phone, 1 * (case when s.channel = 'web' then 1 else 0 end) as ch_web, 1 * (case when s.channel = 'kiosk' then 1 else 0 end) as ch_kiosk, 1 * (case when s.channel = 'letter' then 1 else 0 end) as ch_letter, 1 * (case when s.channel = 'sms' then 1 else 0 end) as ch_sms, 1 * (case when s.channel = 'email' then 1 else 0 end) as ch_email
           from new_rows s where s.customer_id is not null) x group by 1, 2, 3, 4, 5
    having sum(ch_face_to_face) <> 0 or sum(ch_phone) <> 0 or sum(ch_web) <> 0 or sum(ch_kiosk) <> 0 or sum(ch_letter) <> 0 or sum(ch_sms) <> 0 or sum(ch_email) <> 0;
        elsif tg_op = 'DELETE' then
          insert into insight_customer_months_delta (grain, period, customer_id, partner_id, access_point_id, ch_face_to_face, ch_phone, ch_web, ch_kiosk, ch_letter, ch_sms, ch_email)
    select grain, period, customer_id, partner_id, access_point_id, sum(ch_face_to_face), sum(ch_phone), sum(ch_web), sum(ch_kiosk), sum(ch_letter), sum(ch_sms), sum(ch_email)
    from (select 'month' as grain, substr(s.created_at, 1, 7) as period,
           s.customer_id as customer_id, coalesce((select partner_id from access_points where id = s.access_point_id), '') as partner_id, s.access_point_id as access_point_id,
           -1 * (case when s.channel = 'face-to-face' then 1 else 0 end) as ch_face_to_face, -1 * (case when s.channel = 'phone' then 1 else 0 end) as ch_phone, -1 * (case when s.channel = 'web' then 1 else 0 end) as ch_web, -1 * (case when s.channel = 'kiosk' then 1 else 0 end) as ch_kiosk, -1 * (case when s.channel = 'letter' then 1 else 0 end) as ch_letter, -1 * (case when s.channel = 'sms' then 1 else 0 end) as ch_sms, -1 * (case when s.channel = 'email' then 1 else 0 end) as ch_email
           from old_rows s where s.customer_id is not null) x group by 1, 2, 3, 4, 5
    having sum(ch_face_to_face) <> 0 or sum(ch_phone) <> 0 or sum(ch_web) <> 0 or sum(ch_kiosk) <> 0 or sum(ch_letter) <> 0 or sum(ch_sms) <> 0 or sum(ch_email) <> 0;
        else
          insert into insight_customer_months_delta (grain, period, customer_id, partner_id, access_point_id, ch_face_to_face, ch_phone, ch_web, ch_kiosk, ch_letter, ch_sms, ch_email)
    select grain, period, customer_id, partner_id, access_point_id, sum(ch_face_to_face), sum(ch_phone), sum(ch_web), sum(ch_kiosk), sum(ch_letter), sum(ch_sms), sum(ch_email)
    from (select 'month' as grain, substr(s.created_at, 1, 7) as period,
           s.customer_id as customer_id, coalesce((select partner_id from access_points where id = s.access_point_id), '') as partner_id, s.access_point_id as access_point_id,
           1 * (case when s.channel = 'face-to-face' then 1 else 0 end) as ch_face_to_face, 1 * (case when s.channel = 'phone' then 1 else 0 end) as ch_phone, 1 * (case when s.channel = 'web' then 1 else 0 end) as ch_web, 1 * (case when s.channel = 'kiosk' then 1 else 0 end) as ch_kiosk, 1 * (case when s.channel = 'letter' then 1 else 0 end) as ch_letter, 1 * (case when s.channel = 'sms' then 1 else 0 end) as ch_sms, 1 * (case when s.channel = 'email' then 1 else 0 end) as ch_email
           from new_rows s where s.customer_id is not null union all select 'month' as grain, substr(s.created_at, 1, 7) as period,
           s.customer_id as customer_id, coalesce((select partner_id from access_points where id = s.access_point_id), '') as partner_id, s.access_point_id as access_point_id,
           -1 * (case when s.channel = 'face-to-face' then 1 else 0 end) as ch_face_to_face, -1 * (case when s.channel = 'phone' then 1 else 0 end) as ch_phone, -1 * (case when s.channel = 'web' then 1 else 0 end) as ch_web, -1 * (case when s.channel = 'kiosk' then 1 else 0 end) as ch_kiosk, -1 * (case when s.channel = 'letter' then 1 else 0 end) as ch_letter, -1 * (case when s.channel = 'sms' then 1 else 0 end) as ch_sms, -1 * (case when s.channel = 'email' then 1 else 0 end) as ch_email
           from old_rows s where s.customer_id is not null) x group by 1, 2, 3, 4, 5
    having sum(ch_face_to_face) <> 0 or sum(ch_phone) <> 0 or sum(ch_web) <> 0 or sum(ch_kiosk) <> 0 or sum(ch_letter) <> 0 or sum(ch_sms) <> 0 or sum(ch_email) <> 0;
        end if;
        return null;
      end $$;

create table "insight_feedback_delta" ("grain" text not null, "period" text not null, "partner_id" text not null, "access_point_id" text not null, "channel" text not null, "rating" integer not null, "reason" text not null, "n" integer not null);

create or replace function insight_feedback_sync() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' then
          insert into insight_feedback_delta (grain, period, partner_id, access_point_id, channel, rating, reason, n)
    select grain, period, partner_id, access_point_id, channel, rating, reason, sum(n)
    from (select 'month' as grain, substr(s.created_at, 1, 7) as period,
           s.partner_id as partner_id, s.access_point_id as access_point_id, s.channel as channel, s.rating as rating, coalesce(s.reason, '') as reason,
           1 * (1) as n
           from new_rows s where true union all select 'day' as grain, substr(s.created_at, 1, 10) as period,
           s.partner_id as partner_id, s.access_point_id as access_point_id, s.channel as channel, s.rating as rating, coalesce(s.reason, '') as reason,
           1 * (1) as n
           from new_rows s where true) x group by 1, 2, 3, 4, 5, 6, 7
    having sum(n) <> 0;
        elsif tg_op = 'DELETE' then
          insert into insight_feedback_delta (grain, period, partner_id, access_point_id, channel, rating, reason, n)
    select grain, period, partner_id, access_point_id, channel, rating, reason, sum(n)
    from (select 'month' as grain, substr(s.created_at, 1, 7) as period,
           s.partner_id as partner_id, s.access_point_id as access_point_id, s.channel as channel, s.rating as rating, coalesce(s.reason, '') as reason,
           -1 * (1) as n
           from old_rows s where true union all select 'day' as grain, substr(s.created_at, 1, 10) as period,
           s.partner_id as partner_id, s.access_point_id as access_point_id, s.channel as channel, s.rating as rating, coalesce(s.reason, '') as reason,
           -1 * (1) as n
           from old_rows s where true) x group by 1, 2, 3, 4, 5, 6, 7
    having sum(n) <> 0;
        else
          insert into insight_feedback_delta (grain, period, partner_id, access_point_id, channel, rating, reason, n)
    select grain, period, partner_id, access_point_id, channel, rating, reason, sum(n)
    from (select 'month' as grain, substr(s.created_at, 1, 7) as period,
           s.partner_id as partner_id, s.access_point_id as access_point_id, s.channel as channel, s.rating as rating, coalesce(s.reason, '') as reason,
           1 * (1) as n
           from new_rows s where true union all select 'day' as grain, substr(s.created_at, 1, 10) as period,
           s.partner_id as partner_id, s.access_point_id as access_point_id, s.channel as channel, s.rating as rating, coalesce(s.reason, '') as reason,
           1 * (1) as n
           from new_rows s where true union all select 'month' as grain, substr(s.created_at, 1, 7) as period,
           s.partner_id as partner_id, s.access_point_id as access_point_id, s.channel as channel, s.rating as rating, coalesce(s.reason, '') as reason,
           -1 * (1) as n
           from old_rows s where true union all select 'day' as grain, substr(s.created_at, 1, 10) as period,
           s.partner_id as partner_id, s.access_point_id as access_point_id, s.channel as channel, s.rating as rating, coalesce(s.reason, '') as reason,
           -1 * (1) as n
           from old_rows s where true) x group by 1, 2, 3, 4, 5, 6, 7
    having sum(n) <> 0;
        end if;
        return null;
      end $$;

create table "insight_feedback_services_delta" ("grain" text not null, "period" text not null, "partner_id" text not null, "access_point_id" text not null, "service_id" text not null, "n" integer not null, "satisfied" integer not null);

create or replace function insight_feedback_services_sync() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' then
          insert into insight_feedback_services_delta (grain, period, partner_id, access_point_id, service_id, n, satisfied)
    select grain, period, partner_id, access_point_id, service_id, sum(n), sum(satisfied)
    from (select 'month' as grain, substr(s.created_at, 1, 7) as period,
           s.partner_id as partner_id, s.access_point_id as access_point_id, coalesce(s.service_id, '') as service_id,
           1 * (1) as n, 1 * (case when s.rating >= 3 then 1 else 0 end) as satisfied
           from new_rows s where true union all select 'day' as grain, substr(s.created_at, 1, 10) as period,
           s.partner_id as partner_id, s.access_point_id as access_point_id, coalesce(s.service_id, '') as service_id,
           1 * (1) as n, 1 * (case when s.rating >= 3 then 1 else 0 end) as satisfied
           from new_rows s where true) x group by 1, 2, 3, 4, 5
    having sum(n) <> 0 or sum(satisfied) <> 0;
        elsif tg_op = 'DELETE' then
          insert into insight_feedback_services_delta (grain, period, partner_id, access_point_id, service_id, n, satisfied)
    select grain, period, partner_id, access_point_id, service_id, sum(n), sum(satisfied)
    from (select 'month' as grain, substr(s.created_at, 1, 7) as period,
           s.partner_id as partner_id, s.access_point_id as access_point_id, coalesce(s.service_id, '') as service_id,
           -1 * (1) as n, -1 * (case when s.rating >= 3 then 1 else 0 end) as satisfied
           from old_rows s where true union all select 'day' as grain, substr(s.created_at, 1, 10) as period,
           s.partner_id as partner_id, s.access_point_id as access_point_id, coalesce(s.service_id, '') as service_id,
           -1 * (1) as n, -1 * (case when s.rating >= 3 then 1 else 0 end) as satisfied
           from old_rows s where true) x group by 1, 2, 3, 4, 5
    having sum(n) <> 0 or sum(satisfied) <> 0;
        else
          insert into insight_feedback_services_delta (grain, period, partner_id, access_point_id, service_id, n, satisfied)
    select grain, period, partner_id, access_point_id, service_id, sum(n), sum(satisfied)
    from (select 'month' as grain, substr(s.created_at, 1, 7) as period,
           s.partner_id as partner_id, s.access_point_id as access_point_id, coalesce(s.service_id, '') as service_id,
           1 * (1) as n, 1 * (case when s.rating >= 3 then 1 else 0 end) as satisfied
           from new_rows s where true union all select 'day' as grain, substr(s.created_at, 1, 10) as period,
           s.partner_id as partner_id, s.access_point_id as access_point_id, coalesce(s.service_id, '') as service_id,
           1 * (1) as n, 1 * (case when s.rating >= 3 then 1 else 0 end) as satisfied
           from new_rows s where true union all select 'month' as grain, substr(s.created_at, 1, 7) as period,
           s.partner_id as partner_id, s.access_point_id as access_point_id, coalesce(s.service_id, '') as service_id,
           -1 * (1) as n, -1 * (case when s.rating >= 3 then 1 else 0 end) as satisfied
           from old_rows s where true union all select 'day' as grain, substr(s.created_at, 1, 10) as period,
           s.partner_id as partner_id, s.access_point_id as access_point_id, coalesce(s.service_id, '') as service_id,
           -1 * (1) as n, -1 * (case when s.rating >= 3 then 1 else 0 end) as satisfied
           from old_rows s where true) x group by 1, 2, 3, 4, 5
    having sum(n) <> 0 or sum(satisfied) <> 0;
        end if;
        return null;
      end $$;

create table "insight_feedback_service_totals_delta" ("grain" text not null, "period" text not null, "service_id" text not null, "n" integer not null, "satisfied" integer not null);

create or replace function insight_feedback_service_totals_sync() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' then
          insert into insight_feedback_service_totals_delta (grain, period, service_id, n, satisfied)
    select grain, period, service_id, sum(n), sum(satisfied)
    from (select 'month' as grain, substr(s.created_at, 1, 7) as period,
           coalesce(s.service_id, '') as service_id,
           1 * (1) as n, 1 * (case when s.rating >= 3 then 1 else 0 end) as satisfied
           from new_rows s where true union all select 'day' as grain, substr(s.created_at, 1, 10) as period,
           coalesce(s.service_id, '') as service_id,
           1 * (1) as n, 1 * (case when s.rating >= 3 then 1 else 0 end) as satisfied
           from new_rows s where true) x group by 1, 2, 3
    having sum(n) <> 0 or sum(satisfied) <> 0;
        elsif tg_op = 'DELETE' then
          insert into insight_feedback_service_totals_delta (grain, period, service_id, n, satisfied)
    select grain, period, service_id, sum(n), sum(satisfied)
    from (select 'month' as grain, substr(s.created_at, 1, 7) as period,
           coalesce(s.service_id, '') as service_id,
           -1 * (1) as n, -1 * (case when s.rating >= 3 then 1 else 0 end) as satisfied
           from old_rows s where true union all select 'day' as grain, substr(s.created_at, 1, 10) as period,
           coalesce(s.service_id, '') as service_id,
           -1 * (1) as n, -1 * (case when s.rating >= 3 then 1 else 0 end) as satisfied
           from old_rows s where true) x group by 1, 2, 3
    having sum(n) <> 0 or sum(satisfied) <> 0;
        else
          insert into insight_feedback_service_totals_delta (grain, period, service_id, n, satisfied)
    select grain, period, service_id, sum(n), sum(satisfied)
    from (select 'month' as grain, substr(s.created_at, 1, 7) as period,
           coalesce(s.service_id, '') as service_id,
           1 * (1) as n, 1 * (case when s.rating >= 3 then 1 else 0 end) as satisfied
           from new_rows s where true union all select 'day' as grain, substr(s.created_at, 1, 10) as period,
           coalesce(s.service_id, '') as service_id,
           1 * (1) as n, 1 * (case when s.rating >= 3 then 1 else 0 end) as satisfied
           from new_rows s where true union all select 'month' as grain, substr(s.created_at, 1, 7) as period,
           coalesce(s.service_id, '') as service_id,
           -1 * (1) as n, -1 * (case when s.rating >= 3 then 1 else 0 end) as satisfied
           from old_rows s where true union all select 'day' as grain, substr(s.created_at, 1, 10) as period,
           coalesce(s.service_id, '') as service_id,
           -1 * (1) as n, -1 * (case when s.rating >= 3 then 1 else 0 end) as satisfied
           from old_rows s where true) x group by 1, 2, 3
    having sum(n) <> 0 or sum(satisfied) <> 0;
        end if;
        return null;
      end $$;

create table "insight_commitments_delta" ("grain" text not null, "period" text not null, "partner_id" text not null, "team_id" text not null, "access_point_id" text not null, "kept" integer not null, "missed" integer not null);

create or replace function insight_commitments_sync() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' then
          insert into insight_commitments_delta (grain, period, partner_id, team_id, access_point_id, kept, missed)
    select grain, period, partner_id, team_id, access_point_id, sum(kept), sum(missed)
    from (select 'month' as grain, substr(s.done_at, 1, 7) as period,
           split_part(s.owner, '/', 1) as partner_id, split_part(s.owner, '/', 2) as team_id, coalesce((select access_point_id from cases where id = s.case_id), '') as access_point_id,
           1 * (s.kept) as kept, 1 * (1 - s.kept) as missed
           from new_rows s where true union all select 'day' as grain, substr(s.done_at, 1, 10) as period,
           split_part(s.owner, '/', 1) as partner_id, split_part(s.owner, '/', 2) as team_id, coalesce((select access_point_id from cases where id = s.case_id), '') as access_point_id,
           1 * (s.kept) as kept, 1 * (1 - s.kept) as missed
           from new_rows s where true) x group by 1, 2, 3, 4, 5
    having sum(kept) <> 0 or sum(missed) <> 0;
        elsif tg_op = 'DELETE' then
          insert into insight_commitments_delta (grain, period, partner_id, team_id, access_point_id, kept, missed)
    select grain, period, partner_id, team_id, access_point_id, sum(kept), sum(missed)
    from (select 'month' as grain, substr(s.done_at, 1, 7) as period,
           split_part(s.owner, '/', 1) as partner_id, split_part(s.owner, '/', 2) as team_id, coalesce((select access_point_id from cases where id = s.case_id), '') as access_point_id,
           -1 * (s.kept) as kept, -1 * (1 - s.kept) as missed
           from old_rows s where true union all select 'day' as grain, substr(s.done_at, 1, 10) as period,
           split_part(s.owner, '/', 1) as partner_id, split_part(s.owner, '/', 2) as team_id, coalesce((select access_point_id from cases where id = s.case_id), '') as access_point_id,
           -1 * (s.kept) as kept, -1 * (1 - s.kept) as missed
           from old_rows s where true) x group by 1, 2, 3, 4, 5
    having sum(kept) <> 0 or sum(missed) <> 0;
        else
          insert into insight_commitments_delta (grain, period, partner_id, team_id, access_point_id, kept, missed)
    select grain, period, partner_id, team_id, access_point_id, sum(kept), sum(missed)
    from (select 'month' as grain, substr(s.done_at, 1, 7) as period,
           split_part(s.owner, '/', 1) as partner_id, split_part(s.owner, '/', 2) as team_id, coalesce((select access_point_id from cases where id = s.case_id), '') as access_point_id,
           1 * (s.kept) as kept, 1 * (1 - s.kept) as missed
           from new_rows s where true union all select 'day' as grain, substr(s.done_at, 1, 10) as period,
           split_part(s.owner, '/', 1) as partner_id, split_part(s.owner, '/', 2) as team_id, coalesce((select access_point_id from cases where id = s.case_id), '') as access_point_id,
           1 * (s.kept) as kept, 1 * (1 - s.kept) as missed
           from new_rows s where true union all select 'month' as grain, substr(s.done_at, 1, 7) as period,
           split_part(s.owner, '/', 1) as partner_id, split_part(s.owner, '/', 2) as team_id, coalesce((select access_point_id from cases where id = s.case_id), '') as access_point_id,
           -1 * (s.kept) as kept, -1 * (1 - s.kept) as missed
           from old_rows s where true union all select 'day' as grain, substr(s.done_at, 1, 10) as period,
           split_part(s.owner, '/', 1) as partner_id, split_part(s.owner, '/', 2) as team_id, coalesce((select access_point_id from cases where id = s.case_id), '') as access_point_id,
           -1 * (s.kept) as kept, -1 * (1 - s.kept) as missed
           from old_rows s where true) x group by 1, 2, 3, 4, 5
    having sum(kept) <> 0 or sum(missed) <> 0;
        end if;
        return null;
      end $$;

create table "insight_commitment_services_delta" ("grain" text not null, "period" text not null, "partner_id" text not null, "service_id" text not null, "access_point_id" text not null, "kept" integer not null, "missed" integer not null);

create or replace function insight_commitment_services_sync() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' then
          insert into insight_commitment_services_delta (grain, period, partner_id, service_id, access_point_id, kept, missed)
    select grain, period, partner_id, service_id, access_point_id, sum(kept), sum(missed)
    from (select 'month' as grain, substr(s.done_at, 1, 7) as period,
           split_part(s.owner, '/', 1) as partner_id, s.service_id as service_id, coalesce((select access_point_id from cases where id = s.case_id), '') as access_point_id,
           1 * (s.kept) as kept, 1 * (1 - s.kept) as missed
           from new_rows s where true union all select 'day' as grain, substr(s.done_at, 1, 10) as period,
           split_part(s.owner, '/', 1) as partner_id, s.service_id as service_id, coalesce((select access_point_id from cases where id = s.case_id), '') as access_point_id,
           1 * (s.kept) as kept, 1 * (1 - s.kept) as missed
           from new_rows s where true) x group by 1, 2, 3, 4, 5
    having sum(kept) <> 0 or sum(missed) <> 0;
        elsif tg_op = 'DELETE' then
          insert into insight_commitment_services_delta (grain, period, partner_id, service_id, access_point_id, kept, missed)
    select grain, period, partner_id, service_id, access_point_id, sum(kept), sum(missed)
    from (select 'month' as grain, substr(s.done_at, 1, 7) as period,
           split_part(s.owner, '/', 1) as partner_id, s.service_id as service_id, coalesce((select access_point_id from cases where id = s.case_id), '') as access_point_id,
           -1 * (s.kept) as kept, -1 * (1 - s.kept) as missed
           from old_rows s where true union all select 'day' as grain, substr(s.done_at, 1, 10) as period,
           split_part(s.owner, '/', 1) as partner_id, s.service_id as service_id, coalesce((select access_point_id from cases where id = s.case_id), '') as access_point_id,
           -1 * (s.kept) as kept, -1 * (1 - s.kept) as missed
           from old_rows s where true) x group by 1, 2, 3, 4, 5
    having sum(kept) <> 0 or sum(missed) <> 0;
        else
          insert into insight_commitment_services_delta (grain, period, partner_id, service_id, access_point_id, kept, missed)
    select grain, period, partner_id, service_id, access_point_id, sum(kept), sum(missed)
    from (select 'month' as grain, substr(s.done_at, 1, 7) as period,
           split_part(s.owner, '/', 1) as partner_id, s.service_id as service_id, coalesce((select access_point_id from cases where id = s.case_id), '') as access_point_id,
           1 * (s.kept) as kept, 1 * (1 - s.kept) as missed
           from new_rows s where true union all select 'day' as grain, substr(s.done_at, 1, 10) as period,
           split_part(s.owner, '/', 1) as partner_id, s.service_id as service_id, coalesce((select access_point_id from cases where id = s.case_id), '') as access_point_id,
           1 * (s.kept) as kept, 1 * (1 - s.kept) as missed
           from new_rows s where true union all select 'month' as grain, substr(s.done_at, 1, 7) as period,
           split_part(s.owner, '/', 1) as partner_id, s.service_id as service_id, coalesce((select access_point_id from cases where id = s.case_id), '') as access_point_id,
           -1 * (s.kept) as kept, -1 * (1 - s.kept) as missed
           from old_rows s where true union all select 'day' as grain, substr(s.done_at, 1, 10) as period,
           split_part(s.owner, '/', 1) as partner_id, s.service_id as service_id, coalesce((select access_point_id from cases where id = s.case_id), '') as access_point_id,
           -1 * (s.kept) as kept, -1 * (1 - s.kept) as missed
           from old_rows s where true) x group by 1, 2, 3, 4, 5
    having sum(kept) <> 0 or sum(missed) <> 0;
        end if;
        return null;
      end $$;

create table "insight_commitment_service_totals_delta" ("grain" text not null, "period" text not null, "service_id" text not null, "kept" integer not null, "missed" integer not null);

create or replace function insight_commitment_service_totals_sync() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' then
          insert into insight_commitment_service_totals_delta (grain, period, service_id, kept, missed)
    select grain, period, service_id, sum(kept), sum(missed)
    from (select 'month' as grain, substr(s.done_at, 1, 7) as period,
           s.service_id as service_id,
           1 * (s.kept) as kept, 1 * (1 - s.kept) as missed
           from new_rows s where true union all select 'day' as grain, substr(s.done_at, 1, 10) as period,
           s.service_id as service_id,
           1 * (s.kept) as kept, 1 * (1 - s.kept) as missed
           from new_rows s where true) x group by 1, 2, 3
    having sum(kept) <> 0 or sum(missed) <> 0;
        elsif tg_op = 'DELETE' then
          insert into insight_commitment_service_totals_delta (grain, period, service_id, kept, missed)
    select grain, period, service_id, sum(kept), sum(missed)
    from (select 'month' as grain, substr(s.done_at, 1, 7) as period,
           s.service_id as service_id,
           -1 * (s.kept) as kept, -1 * (1 - s.kept) as missed
           from old_rows s where true union all select 'day' as grain, substr(s.done_at, 1, 10) as period,
           s.service_id as service_id,
           -1 * (s.kept) as kept, -1 * (1 - s.kept) as missed
           from old_rows s where true) x group by 1, 2, 3
    having sum(kept) <> 0 or sum(missed) <> 0;
        else
          insert into insight_commitment_service_totals_delta (grain, period, service_id, kept, missed)
    select grain, period, service_id, sum(kept), sum(missed)
    from (select 'month' as grain, substr(s.done_at, 1, 7) as period,
           s.service_id as service_id,
           1 * (s.kept) as kept, 1 * (1 - s.kept) as missed
           from new_rows s where true union all select 'day' as grain, substr(s.done_at, 1, 10) as period,
           s.service_id as service_id,
           1 * (s.kept) as kept, 1 * (1 - s.kept) as missed
           from new_rows s where true union all select 'month' as grain, substr(s.done_at, 1, 7) as period,
           s.service_id as service_id,
           -1 * (s.kept) as kept, -1 * (1 - s.kept) as missed
           from old_rows s where true union all select 'day' as grain, substr(s.done_at, 1, 10) as period,
           s.service_id as service_id,
           -1 * (s.kept) as kept, -1 * (1 - s.kept) as missed
           from old_rows s where true) x group by 1, 2, 3
    having sum(kept) <> 0 or sum(missed) <> 0;
        end if;
        return null;
      end $$;
