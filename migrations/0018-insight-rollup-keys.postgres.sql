-- 0018-insight-rollup-keys, PostgreSQL. Frozen: a hub that has run it never runs it again, so never edit
-- it; change the schema in a new migration.
--
-- The rollups under concurrent writers: SQLite has one writer and reads them in key order;
-- PostgreSQL has many writers, which must not queue for the same rows.
--
-- PostgreSQL: a slot in every rollup's key; each connection adds to its own slot (its backend's
-- pid modulo 8), and readers sum over the slots.

alter table insight_contacts add column slot smallint not null default 0,
          drop constraint insight_contacts_pk,
          add constraint insight_contacts_pk primary key (grain, period, partner_id, access_point_id, channel, tier, slot);

create or replace function insight_contacts_sync() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' then
          insert into insight_contacts as r (grain, period, partner_id, access_point_id, channel, tier, slot, n, first_contact)
    select grain, period, partner_id, access_point_id, channel, tier, slot, sum(n), sum(first_contact)
    from (select 'month' as grain, substr(s.created_at, 1, 7) as period,
           coalesce((select partner_id from access_points where id = s.access_point_id), '') as partner_id, s.access_point_id as access_point_id, s.channel as channel, s.tier as tier, pg_backend_pid() % 8 as slot,
           1 * (1) as n, 1 * (case when s.outcome in ('resolved', 'self-serve') then 1 else 0 end) as first_contact
           from new_rows s where true union all select 'day' as grain, substr(s.created_at, 1, 10) as period,
           coalesce((select partner_id from access_points where id = s.access_point_id), '') as partner_id, s.access_point_id as access_point_id, s.channel as channel, s.tier as tier, pg_backend_pid() % 8 as slot,
           1 * (1) as n, 1 * (case when s.outcome in ('resolved', 'self-serve') then 1 else 0 end) as first_contact
           from new_rows s where true) x group by 1, 2, 3, 4, 5, 6, 7 order by 1, 2, 3, 4, 5, 6, 7
    on conflict (grain, period, partner_id, access_point_id, channel, tier, slot) do update set n = r.n + excluded.n, first_contact = r.first_contact + excluded.first_contact;
        elsif tg_op = 'DELETE' then
          insert into insight_contacts as r (grain, period, partner_id, access_point_id, channel, tier, slot, n, first_contact)
    select grain, period, partner_id, access_point_id, channel, tier, slot, sum(n), sum(first_contact)
    from (select 'month' as grain, substr(s.created_at, 1, 7) as period,
           coalesce((select partner_id from access_points where id = s.access_point_id), '') as partner_id, s.access_point_id as access_point_id, s.channel as channel, s.tier as tier, pg_backend_pid() % 8 as slot,
           -1 * (1) as n, -1 * (case when s.outcome in ('resolved', 'self-serve') then 1 else 0 end) as first_contact
           from old_rows s where true union all select 'day' as grain, substr(s.created_at, 1, 10) as period,
           coalesce((select partner_id from access_points where id = s.access_point_id), '') as partner_id, s.access_point_id as access_point_id, s.channel as channel, s.tier as tier, pg_backend_pid() % 8 as slot,
           -1 * (1) as n, -1 * (case when s.outcome in ('resolved', 'self-serve') then 1 else 0 end) as first_contact
           from old_rows s where true) x group by 1, 2, 3, 4, 5, 6, 7 order by 1, 2, 3, 4, 5, 6, 7
    on conflict (grain, period, partner_id, access_point_id, channel, tier, slot) do update set n = r.n + excluded.n, first_contact = r.first_contact + excluded.first_contact;
        else
          insert into insight_contacts as r (grain, period, partner_id, access_point_id, channel, tier, slot, n, first_contact)
    select grain, period, partner_id, access_point_id, channel, tier, slot, sum(n), sum(first_contact)
    from (select 'month' as grain, substr(s.created_at, 1, 7) as period,
           coalesce((select partner_id from access_points where id = s.access_point_id), '') as partner_id, s.access_point_id as access_point_id, s.channel as channel, s.tier as tier, pg_backend_pid() % 8 as slot,
           1 * (1) as n, 1 * (case when s.outcome in ('resolved', 'self-serve') then 1 else 0 end) as first_contact
           from new_rows s where true union all select 'day' as grain, substr(s.created_at, 1, 10) as period,
           coalesce((select partner_id from access_points where id = s.access_point_id), '') as partner_id, s.access_point_id as access_point_id, s.channel as channel, s.tier as tier, pg_backend_pid() % 8 as slot,
           1 * (1) as n, 1 * (case when s.outcome in ('resolved', 'self-serve') then 1 else 0 end) as first_contact
           from new_rows s where true union all select 'month' as grain, substr(s.created_at, 1, 7) as period,
           coalesce((select partner_id from access_points where id = s.access_point_id), '') as partner_id, s.access_point_id as access_point_id, s.channel as channel, s.tier as tier, pg_backend_pid() % 8 as slot,
           -1 * (1) as n, -1 * (case when s.outcome in ('resolved', 'self-serve') then 1 else 0 end) as first_contact
           from old_rows s where true union all select 'day' as grain, substr(s.created_at, 1, 10) as period,
           coalesce((select partner_id from access_points where id = s.access_point_id), '') as partner_id, s.access_point_id as access_point_id, s.channel as channel, s.tier as tier, pg_backend_pid() % 8 as slot,
           -1 * (1) as n, -1 * (case when s.outcome in ('resolved', 'self-serve') then 1 else 0 end) as first_contact
           from old_rows s where true) x group by 1, 2, 3, 4, 5, 6, 7 order by 1, 2, 3, 4, 5, 6, 7
    on conflict (grain, period, partner_id, access_point_id, channel, tier, slot) do update set n = r.n + excluded.n, first_contact = r.first_contact + excluded.first_contact;
        end if;
        return null;
      end $$;

alter table insight_contact_services add column slot smallint not null default 0,
          drop constraint insight_contact_services_pk,
          add constraint insight_contact_services_pk primary key (grain, period, partner_id, access_point_id, service_id, slot);

create or replace function insight_contact_services_sync() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' then
          insert into insight_contact_services as r (grain, period, partner_id, access_point_id, service_id, slot, n, first_contact)
    select grain, period, partner_id, access_point_id, service_id, slot, sum(n), sum(first_contact)
    from (select 'month' as grain, substr(s.created_at, 1, 7) as period,
           coalesce((select partner_id from access_points where id = s.access_point_id), '') as partner_id, s.access_point_id as access_point_id, s.service_id as service_id, pg_backend_pid() % 8 as slot,
           1 * (1) as n, 1 * (case when s.outcome in ('resolved', 'self-serve') then 1 else 0 end) as first_contact
           from new_rows s where true union all select 'day' as grain, substr(s.created_at, 1, 10) as period,
           coalesce((select partner_id from access_points where id = s.access_point_id), '') as partner_id, s.access_point_id as access_point_id, s.service_id as service_id, pg_backend_pid() % 8 as slot,
           1 * (1) as n, 1 * (case when s.outcome in ('resolved', 'self-serve') then 1 else 0 end) as first_contact
           from new_rows s where true) x group by 1, 2, 3, 4, 5, 6 order by 1, 2, 3, 4, 5, 6
    on conflict (grain, period, partner_id, access_point_id, service_id, slot) do update set n = r.n + excluded.n, first_contact = r.first_contact + excluded.first_contact;
        elsif tg_op = 'DELETE' then
          insert into insight_contact_services as r (grain, period, partner_id, access_point_id, service_id, slot, n, first_contact)
    select grain, period, partner_id, access_point_id, service_id, slot, sum(n), sum(first_contact)
    from (select 'month' as grain, substr(s.created_at, 1, 7) as period,
           coalesce((select partner_id from access_points where id = s.access_point_id), '') as partner_id, s.access_point_id as access_point_id, s.service_id as service_id, pg_backend_pid() % 8 as slot,
           -1 * (1) as n, -1 * (case when s.outcome in ('resolved', 'self-serve') then 1 else 0 end) as first_contact
           from old_rows s where true union all select 'day' as grain, substr(s.created_at, 1, 10) as period,
           coalesce((select partner_id from access_points where id = s.access_point_id), '') as partner_id, s.access_point_id as access_point_id, s.service_id as service_id, pg_backend_pid() % 8 as slot,
           -1 * (1) as n, -1 * (case when s.outcome in ('resolved', 'self-serve') then 1 else 0 end) as first_contact
           from old_rows s where true) x group by 1, 2, 3, 4, 5, 6 order by 1, 2, 3, 4, 5, 6
    on conflict (grain, period, partner_id, access_point_id, service_id, slot) do update set n = r.n + excluded.n, first_contact = r.first_contact + excluded.first_contact;
        else
          insert into insight_contact_services as r (grain, period, partner_id, access_point_id, service_id, slot, n, first_contact)
    select grain, period, partner_id, access_point_id, service_id, slot, sum(n), sum(first_contact)
    from (select 'month' as grain, substr(s.created_at, 1, 7) as period,
           coalesce((select partner_id from access_points where id = s.access_point_id), '') as partner_id, s.access_point_id as access_point_id, s.service_id as service_id, pg_backend_pid() % 8 as slot,
           1 * (1) as n, 1 * (case when s.outcome in ('resolved', 'self-serve') then 1 else 0 end) as first_contact
           from new_rows s where true union all select 'day' as grain, substr(s.created_at, 1, 10) as period,
           coalesce((select partner_id from access_points where id = s.access_point_id), '') as partner_id, s.access_point_id as access_point_id, s.service_id as service_id, pg_backend_pid() % 8 as slot,
           1 * (1) as n, 1 * (case when s.outcome in ('resolved', 'self-serve') then 1 else 0 end) as first_contact
           from new_rows s where true union all select 'month' as grain, substr(s.created_at, 1, 7) as period,
           coalesce((select partner_id from access_points where id = s.access_point_id), '') as partner_id, s.access_point_id as access_point_id, s.service_id as service_id, pg_backend_pid() % 8 as slot,
           -1 * (1) as n, -1 * (case when s.outcome in ('resolved', 'self-serve') then 1 else 0 end) as first_contact
           from old_rows s where true union all select 'day' as grain, substr(s.created_at, 1, 10) as period,
           coalesce((select partner_id from access_points where id = s.access_point_id), '') as partner_id, s.access_point_id as access_point_id, s.service_id as service_id, pg_backend_pid() % 8 as slot,
           -1 * (1) as n, -1 * (case when s.outcome in ('resolved', 'self-serve') then 1 else 0 end) as first_contact
           from old_rows s where true) x group by 1, 2, 3, 4, 5, 6 order by 1, 2, 3, 4, 5, 6
    on conflict (grain, period, partner_id, access_point_id, service_id, slot) do update set n = r.n + excluded.n, first_contact = r.first_contact + excluded.first_contact;
        end if;
        return null;
      end $$;

alter table insight_contact_service_totals add column slot smallint not null default 0,
          drop constraint insight_contact_service_totals_pk,
          add constraint insight_contact_service_totals_pk primary key (grain, period, service_id, slot);

create or replace function insight_contact_service_totals_sync() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' then
          insert into insight_contact_service_totals as r (grain, period, service_id, slot, n, first_contact)
    select grain, period, service_id, slot, sum(n), sum(first_contact)
    from (select 'month' as grain, substr(s.created_at, 1, 7) as period,
           s.service_id as service_id, pg_backend_pid() % 8 as slot,
           1 * (1) as n, 1 * (case when s.outcome in ('resolved', 'self-serve') then 1 else 0 end) as first_contact
           from new_rows s where true union all select 'day' as grain, substr(s.created_at, 1, 10) as period,
           s.service_id as service_id, pg_backend_pid() % 8 as slot,
           1 * (1) as n, 1 * (case when s.outcome in ('resolved', 'self-serve') then 1 else 0 end) as first_contact
           from new_rows s where true) x group by 1, 2, 3, 4 order by 1, 2, 3, 4
    on conflict (grain, period, service_id, slot) do update set n = r.n + excluded.n, first_contact = r.first_contact + excluded.first_contact;
        elsif tg_op = 'DELETE' then
          insert into insight_contact_service_totals as r (grain, period, service_id, slot, n, first_contact)
    select grain, period, service_id, slot, sum(n), sum(first_contact)
    from (select 'month' as grain, substr(s.created_at, 1, 7) as period,
           s.service_id as service_id, pg_backend_pid() % 8 as slot,
           -1 * (1) as n, -1 * (case when s.outcome in ('resolved', 'self-serve') then 1 else 0 end) as first_contact
           from old_rows s where true union all select 'day' as grain, substr(s.created_at, 1, 10) as period,
           s.service_id as service_id, pg_backend_pid() % 8 as slot,
           -1 * (1) as n, -1 * (case when s.outcome in ('resolved', 'self-serve') then 1 else 0 end) as first_contact
           from old_rows s where true) x group by 1, 2, 3, 4 order by 1, 2, 3, 4
    on conflict (grain, period, service_id, slot) do update set n = r.n + excluded.n, first_contact = r.first_contact + excluded.first_contact;
        else
          insert into insight_contact_service_totals as r (grain, period, service_id, slot, n, first_contact)
    select grain, period, service_id, slot, sum(n), sum(first_contact)
    from (select 'month' as grain, substr(s.created_at, 1, 7) as period,
           s.service_id as service_id, pg_backend_pid() % 8 as slot,
           1 * (1) as n, 1 * (case when s.outcome in ('resolved', 'self-serve') then 1 else 0 end) as first_contact
           from new_rows s where true union all select 'day' as grain, substr(s.created_at, 1, 10) as period,
           s.service_id as service_id, pg_backend_pid() % 8 as slot,
           1 * (1) as n, 1 * (case when s.outcome in ('resolved', 'self-serve') then 1 else 0 end) as first_contact
           from new_rows s where true union all select 'month' as grain, substr(s.created_at, 1, 7) as period,
           s.service_id as service_id, pg_backend_pid() % 8 as slot,
           -1 * (1) as n, -1 * (case when s.outcome in ('resolved', 'self-serve') then 1 else 0 end) as first_contact
           from old_rows s where true union all select 'day' as grain, substr(s.created_at, 1, 10) as period,
           s.service_id as service_id, pg_backend_pid() % 8 as slot,
           -1 * (1) as n, -1 * (case when s.outcome in ('resolved', 'self-serve') then 1 else 0 end) as first_contact
           from old_rows s where true) x group by 1, 2, 3, 4 order by 1, 2, 3, 4
    on conflict (grain, period, service_id, slot) do update set n = r.n + excluded.n, first_contact = r.first_contact + excluded.first_contact;
        end if;
        return null;
      end $$;

alter table insight_customer_months add column slot smallint not null default 0,
          drop constraint insight_customer_months_pk,
          add constraint insight_customer_months_pk primary key (grain, customer_id, partner_id, access_point_id, period, slot);

create or replace function insight_customer_months_sync() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' then
          insert into insight_customer_months as r (grain, period, customer_id, partner_id, access_point_id, slot, ch_face_to_face, ch_phone, ch_web, ch_kiosk, ch_letter, ch_sms, ch_email)
    select grain, period, customer_id, partner_id, access_point_id, slot, sum(ch_face_to_face), sum(ch_phone), sum(ch_web), sum(ch_kiosk), sum(ch_letter), sum(ch_sms), sum(ch_email)
    from (select 'month' as grain, substr(s.created_at, 1, 7) as period,
           s.customer_id as customer_id, coalesce((select partner_id from access_points where id = s.access_point_id), '') as partner_id, s.access_point_id as access_point_id, pg_backend_pid() % 8 as slot,
           1 * (case when s.channel = 'face-to-face' then 1 else 0 end) as ch_face_to_face, 1 * (case when s.channel = 'phone' then 1 else 0 end) as ch_phone, 1 * (case when s.channel = 'web' then 1 else 0 end) as ch_web, 1 * (case when s.channel = 'kiosk' then 1 else 0 end) as ch_kiosk, 1 * (case when s.channel = 'letter' then 1 else 0 end) as ch_letter, 1 * (case when s.channel = 'sms' then 1 else 0 end) as ch_sms, 1 * (case when s.channel = 'email' then 1 else 0 end) as ch_email
           from new_rows s where s.customer_id is not null) x group by 1, 2, 3, 4, 5, 6 order by 1, 2, 3, 4, 5, 6
    on conflict (grain, period, customer_id, partner_id, access_point_id, slot) do update set ch_face_to_face = r.ch_face_to_face + excluded.ch_face_to_face, ch_phone = r.ch_phone + excluded.ch_phone, ch_web = r.ch_web + excluded.ch_web, ch_kiosk = r.ch_kiosk + excluded.ch_kiosk, ch_letter = r.ch_letter + excluded.ch_letter, ch_sms = r.ch_sms + excluded.ch_sms, ch_email = r.ch_email + excluded.ch_email;
        elsif tg_op = 'DELETE' then
          insert into insight_customer_months as r (grain, period, customer_id, partner_id, access_point_id, slot, ch_face_to_face, ch_phone, ch_web, ch_kiosk, ch_letter, ch_sms, ch_email)
    select grain, period, customer_id, partner_id, access_point_id, slot, sum(ch_face_to_face), sum(ch_phone), sum(ch_web), sum(ch_kiosk), sum(ch_letter), sum(ch_sms), sum(ch_email)
    from (select 'month' as grain, substr(s.created_at, 1, 7) as period,
           s.customer_id as customer_id, coalesce((select partner_id from access_points where id = s.access_point_id), '') as partner_id, s.access_point_id as access_point_id, pg_backend_pid() % 8 as slot,
           -1 * (case when s.channel = 'face-to-face' then 1 else 0 end) as ch_face_to_face, -1 * (case when s.channel = 'phone' then 1 else 0 end) as ch_phone, -1 * (case when s.channel = 'web' then 1 else 0 end) as ch_web, -1 * (case when s.channel = 'kiosk' then 1 else 0 end) as ch_kiosk, -1 * (case when s.channel = 'letter' then 1 else 0 end) as ch_letter, -1 * (case when s.channel = 'sms' then 1 else 0 end) as ch_sms, -1 * (case when s.channel = 'email' then 1 else 0 end) as ch_email
           from old_rows s where s.customer_id is not null) x group by 1, 2, 3, 4, 5, 6 order by 1, 2, 3, 4, 5, 6
    on conflict (grain, period, customer_id, partner_id, access_point_id, slot) do update set ch_face_to_face = r.ch_face_to_face + excluded.ch_face_to_face, ch_phone = r.ch_phone + excluded.ch_phone, ch_web = r.ch_web + excluded.ch_web, ch_kiosk = r.ch_kiosk + excluded.ch_kiosk, ch_letter = r.ch_letter + excluded.ch_letter, ch_sms = r.ch_sms + excluded.ch_sms, ch_email = r.ch_email + excluded.ch_email;
        else
          insert into insight_customer_months as r (grain, period, customer_id, partner_id, access_point_id, slot, ch_face_to_face, ch_phone, ch_web, ch_kiosk, ch_letter, ch_sms, ch_email)
    select grain, period, customer_id, partner_id, access_point_id, slot, sum(ch_face_to_face), sum(ch_phone), sum(ch_web), sum(ch_kiosk), sum(ch_letter), sum(ch_sms), sum(ch_email)
    from (select 'month' as grain, substr(s.created_at, 1, 7) as period,
           s.customer_id as customer_id, coalesce((select partner_id from access_points where id = s.access_point_id), '') as partner_id, s.access_point_id as access_point_id, pg_backend_pid() % 8 as slot,
           1 * (case when s.channel = 'face-to-face' then 1 else 0 end) as ch_face_to_face, 1 * (case when s.channel = 'phone' then 1 else 0 end) as ch_phone, 1 * (case when s.channel = 'web' then 1 else 0 end) as ch_web, 1 * (case when s.channel = 'kiosk' then 1 else 0 end) as ch_kiosk, 1 * (case when s.channel = 'letter' then 1 else 0 end) as ch_letter, 1 * (case when s.channel = 'sms' then 1 else 0 end) as ch_sms, 1 * (case when s.channel = 'email' then 1 else 0 end) as ch_email
           from new_rows s where s.customer_id is not null union all select 'month' as grain, substr(s.created_at, 1, 7) as period,
           s.customer_id as customer_id, coalesce((select partner_id from access_points where id = s.access_point_id), '') as partner_id, s.access_point_id as access_point_id, pg_backend_pid() % 8 as slot,
           -1 * (case when s.channel = 'face-to-face' then 1 else 0 end) as ch_face_to_face, -1 * (case when s.channel = 'phone' then 1 else 0 end) as ch_phone, -1 * (case when s.channel = 'web' then 1 else 0 end) as ch_web, -1 * (case when s.channel = 'kiosk' then 1 else 0 end) as ch_kiosk, -1 * (case when s.channel = 'letter' then 1 else 0 end) as ch_letter, -1 * (case when s.channel = 'sms' then 1 else 0 end) as ch_sms, -1 * (case when s.channel = 'email' then 1 else 0 end) as ch_email
           from old_rows s where s.customer_id is not null) x group by 1, 2, 3, 4, 5, 6 order by 1, 2, 3, 4, 5, 6
    on conflict (grain, period, customer_id, partner_id, access_point_id, slot) do update set ch_face_to_face = r.ch_face_to_face + excluded.ch_face_to_face, ch_phone = r.ch_phone + excluded.ch_phone, ch_web = r.ch_web + excluded.ch_web, ch_kiosk = r.ch_kiosk + excluded.ch_kiosk, ch_letter = r.ch_letter + excluded.ch_letter, ch_sms = r.ch_sms + excluded.ch_sms, ch_email = r.ch_email + excluded.ch_email;
        end if;
        return null;
      end $$;

alter table insight_feedback add column slot smallint not null default 0,
          drop constraint insight_feedback_pk,
          add constraint insight_feedback_pk primary key (grain, period, partner_id, access_point_id, channel, rating, reason, slot);

create or replace function insight_feedback_sync() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' then
          insert into insight_feedback as r (grain, period, partner_id, access_point_id, channel, rating, reason, slot, n)
    select grain, period, partner_id, access_point_id, channel, rating, reason, slot, sum(n)
    from (select 'month' as grain, substr(s.created_at, 1, 7) as period,
           s.partner_id as partner_id, s.access_point_id as access_point_id, s.channel as channel, s.rating as rating, coalesce(s.reason, '') as reason, pg_backend_pid() % 8 as slot,
           1 * (1) as n
           from new_rows s where true union all select 'day' as grain, substr(s.created_at, 1, 10) as period,
           s.partner_id as partner_id, s.access_point_id as access_point_id, s.channel as channel, s.rating as rating, coalesce(s.reason, '') as reason, pg_backend_pid() % 8 as slot,
           1 * (1) as n
           from new_rows s where true) x group by 1, 2, 3, 4, 5, 6, 7, 8 order by 1, 2, 3, 4, 5, 6, 7, 8
    on conflict (grain, period, partner_id, access_point_id, channel, rating, reason, slot) do update set n = r.n + excluded.n;
        elsif tg_op = 'DELETE' then
          insert into insight_feedback as r (grain, period, partner_id, access_point_id, channel, rating, reason, slot, n)
    select grain, period, partner_id, access_point_id, channel, rating, reason, slot, sum(n)
    from (select 'month' as grain, substr(s.created_at, 1, 7) as period,
           s.partner_id as partner_id, s.access_point_id as access_point_id, s.channel as channel, s.rating as rating, coalesce(s.reason, '') as reason, pg_backend_pid() % 8 as slot,
           -1 * (1) as n
           from old_rows s where true union all select 'day' as grain, substr(s.created_at, 1, 10) as period,
           s.partner_id as partner_id, s.access_point_id as access_point_id, s.channel as channel, s.rating as rating, coalesce(s.reason, '') as reason, pg_backend_pid() % 8 as slot,
           -1 * (1) as n
           from old_rows s where true) x group by 1, 2, 3, 4, 5, 6, 7, 8 order by 1, 2, 3, 4, 5, 6, 7, 8
    on conflict (grain, period, partner_id, access_point_id, channel, rating, reason, slot) do update set n = r.n + excluded.n;
        else
          insert into insight_feedback as r (grain, period, partner_id, access_point_id, channel, rating, reason, slot, n)
    select grain, period, partner_id, access_point_id, channel, rating, reason, slot, sum(n)
    from (select 'month' as grain, substr(s.created_at, 1, 7) as period,
           s.partner_id as partner_id, s.access_point_id as access_point_id, s.channel as channel, s.rating as rating, coalesce(s.reason, '') as reason, pg_backend_pid() % 8 as slot,
           1 * (1) as n
           from new_rows s where true union all select 'day' as grain, substr(s.created_at, 1, 10) as period,
           s.partner_id as partner_id, s.access_point_id as access_point_id, s.channel as channel, s.rating as rating, coalesce(s.reason, '') as reason, pg_backend_pid() % 8 as slot,
           1 * (1) as n
           from new_rows s where true union all select 'month' as grain, substr(s.created_at, 1, 7) as period,
           s.partner_id as partner_id, s.access_point_id as access_point_id, s.channel as channel, s.rating as rating, coalesce(s.reason, '') as reason, pg_backend_pid() % 8 as slot,
           -1 * (1) as n
           from old_rows s where true union all select 'day' as grain, substr(s.created_at, 1, 10) as period,
           s.partner_id as partner_id, s.access_point_id as access_point_id, s.channel as channel, s.rating as rating, coalesce(s.reason, '') as reason, pg_backend_pid() % 8 as slot,
           -1 * (1) as n
           from old_rows s where true) x group by 1, 2, 3, 4, 5, 6, 7, 8 order by 1, 2, 3, 4, 5, 6, 7, 8
    on conflict (grain, period, partner_id, access_point_id, channel, rating, reason, slot) do update set n = r.n + excluded.n;
        end if;
        return null;
      end $$;

alter table insight_feedback_services add column slot smallint not null default 0,
          drop constraint insight_feedback_services_pk,
          add constraint insight_feedback_services_pk primary key (grain, period, partner_id, access_point_id, service_id, slot);

create or replace function insight_feedback_services_sync() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' then
          insert into insight_feedback_services as r (grain, period, partner_id, access_point_id, service_id, slot, n, satisfied)
    select grain, period, partner_id, access_point_id, service_id, slot, sum(n), sum(satisfied)
    from (select 'month' as grain, substr(s.created_at, 1, 7) as period,
           s.partner_id as partner_id, s.access_point_id as access_point_id, coalesce(s.service_id, '') as service_id, pg_backend_pid() % 8 as slot,
           1 * (1) as n, 1 * (case when s.rating >= 3 then 1 else 0 end) as satisfied
           from new_rows s where true union all select 'day' as grain, substr(s.created_at, 1, 10) as period,
           s.partner_id as partner_id, s.access_point_id as access_point_id, coalesce(s.service_id, '') as service_id, pg_backend_pid() % 8 as slot,
           1 * (1) as n, 1 * (case when s.rating >= 3 then 1 else 0 end) as satisfied
           from new_rows s where true) x group by 1, 2, 3, 4, 5, 6 order by 1, 2, 3, 4, 5, 6
    on conflict (grain, period, partner_id, access_point_id, service_id, slot) do update set n = r.n + excluded.n, satisfied = r.satisfied + excluded.satisfied;
        elsif tg_op = 'DELETE' then
          insert into insight_feedback_services as r (grain, period, partner_id, access_point_id, service_id, slot, n, satisfied)
    select grain, period, partner_id, access_point_id, service_id, slot, sum(n), sum(satisfied)
    from (select 'month' as grain, substr(s.created_at, 1, 7) as period,
           s.partner_id as partner_id, s.access_point_id as access_point_id, coalesce(s.service_id, '') as service_id, pg_backend_pid() % 8 as slot,
           -1 * (1) as n, -1 * (case when s.rating >= 3 then 1 else 0 end) as satisfied
           from old_rows s where true union all select 'day' as grain, substr(s.created_at, 1, 10) as period,
           s.partner_id as partner_id, s.access_point_id as access_point_id, coalesce(s.service_id, '') as service_id, pg_backend_pid() % 8 as slot,
           -1 * (1) as n, -1 * (case when s.rating >= 3 then 1 else 0 end) as satisfied
           from old_rows s where true) x group by 1, 2, 3, 4, 5, 6 order by 1, 2, 3, 4, 5, 6
    on conflict (grain, period, partner_id, access_point_id, service_id, slot) do update set n = r.n + excluded.n, satisfied = r.satisfied + excluded.satisfied;
        else
          insert into insight_feedback_services as r (grain, period, partner_id, access_point_id, service_id, slot, n, satisfied)
    select grain, period, partner_id, access_point_id, service_id, slot, sum(n), sum(satisfied)
    from (select 'month' as grain, substr(s.created_at, 1, 7) as period,
           s.partner_id as partner_id, s.access_point_id as access_point_id, coalesce(s.service_id, '') as service_id, pg_backend_pid() % 8 as slot,
           1 * (1) as n, 1 * (case when s.rating >= 3 then 1 else 0 end) as satisfied
           from new_rows s where true union all select 'day' as grain, substr(s.created_at, 1, 10) as period,
           s.partner_id as partner_id, s.access_point_id as access_point_id, coalesce(s.service_id, '') as service_id, pg_backend_pid() % 8 as slot,
           1 * (1) as n, 1 * (case when s.rating >= 3 then 1 else 0 end) as satisfied
           from new_rows s where true union all select 'month' as grain, substr(s.created_at, 1, 7) as period,
           s.partner_id as partner_id, s.access_point_id as access_point_id, coalesce(s.service_id, '') as service_id, pg_backend_pid() % 8 as slot,
           -1 * (1) as n, -1 * (case when s.rating >= 3 then 1 else 0 end) as satisfied
           from old_rows s where true union all select 'day' as grain, substr(s.created_at, 1, 10) as period,
           s.partner_id as partner_id, s.access_point_id as access_point_id, coalesce(s.service_id, '') as service_id, pg_backend_pid() % 8 as slot,
           -1 * (1) as n, -1 * (case when s.rating >= 3 then 1 else 0 end) as satisfied
           from old_rows s where true) x group by 1, 2, 3, 4, 5, 6 order by 1, 2, 3, 4, 5, 6
    on conflict (grain, period, partner_id, access_point_id, service_id, slot) do update set n = r.n + excluded.n, satisfied = r.satisfied + excluded.satisfied;
        end if;
        return null;
      end $$;

alter table insight_feedback_service_totals add column slot smallint not null default 0,
          drop constraint insight_feedback_service_totals_pk,
          add constraint insight_feedback_service_totals_pk primary key (grain, period, service_id, slot);

create or replace function insight_feedback_service_totals_sync() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' then
          insert into insight_feedback_service_totals as r (grain, period, service_id, slot, n, satisfied)
    select grain, period, service_id, slot, sum(n), sum(satisfied)
    from (select 'month' as grain, substr(s.created_at, 1, 7) as period,
           coalesce(s.service_id, '') as service_id, pg_backend_pid() % 8 as slot,
           1 * (1) as n, 1 * (case when s.rating >= 3 then 1 else 0 end) as satisfied
           from new_rows s where true union all select 'day' as grain, substr(s.created_at, 1, 10) as period,
           coalesce(s.service_id, '') as service_id, pg_backend_pid() % 8 as slot,
           1 * (1) as n, 1 * (case when s.rating >= 3 then 1 else 0 end) as satisfied
           from new_rows s where true) x group by 1, 2, 3, 4 order by 1, 2, 3, 4
    on conflict (grain, period, service_id, slot) do update set n = r.n + excluded.n, satisfied = r.satisfied + excluded.satisfied;
        elsif tg_op = 'DELETE' then
          insert into insight_feedback_service_totals as r (grain, period, service_id, slot, n, satisfied)
    select grain, period, service_id, slot, sum(n), sum(satisfied)
    from (select 'month' as grain, substr(s.created_at, 1, 7) as period,
           coalesce(s.service_id, '') as service_id, pg_backend_pid() % 8 as slot,
           -1 * (1) as n, -1 * (case when s.rating >= 3 then 1 else 0 end) as satisfied
           from old_rows s where true union all select 'day' as grain, substr(s.created_at, 1, 10) as period,
           coalesce(s.service_id, '') as service_id, pg_backend_pid() % 8 as slot,
           -1 * (1) as n, -1 * (case when s.rating >= 3 then 1 else 0 end) as satisfied
           from old_rows s where true) x group by 1, 2, 3, 4 order by 1, 2, 3, 4
    on conflict (grain, period, service_id, slot) do update set n = r.n + excluded.n, satisfied = r.satisfied + excluded.satisfied;
        else
          insert into insight_feedback_service_totals as r (grain, period, service_id, slot, n, satisfied)
    select grain, period, service_id, slot, sum(n), sum(satisfied)
    from (select 'month' as grain, substr(s.created_at, 1, 7) as period,
           coalesce(s.service_id, '') as service_id, pg_backend_pid() % 8 as slot,
           1 * (1) as n, 1 * (case when s.rating >= 3 then 1 else 0 end) as satisfied
           from new_rows s where true union all select 'day' as grain, substr(s.created_at, 1, 10) as period,
           coalesce(s.service_id, '') as service_id, pg_backend_pid() % 8 as slot,
           1 * (1) as n, 1 * (case when s.rating >= 3 then 1 else 0 end) as satisfied
           from new_rows s where true union all select 'month' as grain, substr(s.created_at, 1, 7) as period,
           coalesce(s.service_id, '') as service_id, pg_backend_pid() % 8 as slot,
           -1 * (1) as n, -1 * (case when s.rating >= 3 then 1 else 0 end) as satisfied
           from old_rows s where true union all select 'day' as grain, substr(s.created_at, 1, 10) as period,
           coalesce(s.service_id, '') as service_id, pg_backend_pid() % 8 as slot,
           -1 * (1) as n, -1 * (case when s.rating >= 3 then 1 else 0 end) as satisfied
           from old_rows s where true) x group by 1, 2, 3, 4 order by 1, 2, 3, 4
    on conflict (grain, period, service_id, slot) do update set n = r.n + excluded.n, satisfied = r.satisfied + excluded.satisfied;
        end if;
        return null;
      end $$;

alter table insight_commitments add column slot smallint not null default 0,
          drop constraint insight_commitments_pk,
          add constraint insight_commitments_pk primary key (grain, period, partner_id, team_id, access_point_id, slot);

create or replace function insight_commitments_sync() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' then
          insert into insight_commitments as r (grain, period, partner_id, team_id, access_point_id, slot, kept, missed)
    select grain, period, partner_id, team_id, access_point_id, slot, sum(kept), sum(missed)
    from (select 'month' as grain, substr(s.done_at, 1, 7) as period,
           split_part(s.owner, '/', 1) as partner_id, split_part(s.owner, '/', 2) as team_id, coalesce((select access_point_id from cases where id = s.case_id), '') as access_point_id, pg_backend_pid() % 8 as slot,
           1 * (s.kept) as kept, 1 * (1 - s.kept) as missed
           from new_rows s where true union all select 'day' as grain, substr(s.done_at, 1, 10) as period,
           split_part(s.owner, '/', 1) as partner_id, split_part(s.owner, '/', 2) as team_id, coalesce((select access_point_id from cases where id = s.case_id), '') as access_point_id, pg_backend_pid() % 8 as slot,
           1 * (s.kept) as kept, 1 * (1 - s.kept) as missed
           from new_rows s where true) x group by 1, 2, 3, 4, 5, 6 order by 1, 2, 3, 4, 5, 6
    on conflict (grain, period, partner_id, team_id, access_point_id, slot) do update set kept = r.kept + excluded.kept, missed = r.missed + excluded.missed;
        elsif tg_op = 'DELETE' then
          insert into insight_commitments as r (grain, period, partner_id, team_id, access_point_id, slot, kept, missed)
    select grain, period, partner_id, team_id, access_point_id, slot, sum(kept), sum(missed)
    from (select 'month' as grain, substr(s.done_at, 1, 7) as period,
           split_part(s.owner, '/', 1) as partner_id, split_part(s.owner, '/', 2) as team_id, coalesce((select access_point_id from cases where id = s.case_id), '') as access_point_id, pg_backend_pid() % 8 as slot,
           -1 * (s.kept) as kept, -1 * (1 - s.kept) as missed
           from old_rows s where true union all select 'day' as grain, substr(s.done_at, 1, 10) as period,
           split_part(s.owner, '/', 1) as partner_id, split_part(s.owner, '/', 2) as team_id, coalesce((select access_point_id from cases where id = s.case_id), '') as access_point_id, pg_backend_pid() % 8 as slot,
           -1 * (s.kept) as kept, -1 * (1 - s.kept) as missed
           from old_rows s where true) x group by 1, 2, 3, 4, 5, 6 order by 1, 2, 3, 4, 5, 6
    on conflict (grain, period, partner_id, team_id, access_point_id, slot) do update set kept = r.kept + excluded.kept, missed = r.missed + excluded.missed;
        else
          insert into insight_commitments as r (grain, period, partner_id, team_id, access_point_id, slot, kept, missed)
    select grain, period, partner_id, team_id, access_point_id, slot, sum(kept), sum(missed)
    from (select 'month' as grain, substr(s.done_at, 1, 7) as period,
           split_part(s.owner, '/', 1) as partner_id, split_part(s.owner, '/', 2) as team_id, coalesce((select access_point_id from cases where id = s.case_id), '') as access_point_id, pg_backend_pid() % 8 as slot,
           1 * (s.kept) as kept, 1 * (1 - s.kept) as missed
           from new_rows s where true union all select 'day' as grain, substr(s.done_at, 1, 10) as period,
           split_part(s.owner, '/', 1) as partner_id, split_part(s.owner, '/', 2) as team_id, coalesce((select access_point_id from cases where id = s.case_id), '') as access_point_id, pg_backend_pid() % 8 as slot,
           1 * (s.kept) as kept, 1 * (1 - s.kept) as missed
           from new_rows s where true union all select 'month' as grain, substr(s.done_at, 1, 7) as period,
           split_part(s.owner, '/', 1) as partner_id, split_part(s.owner, '/', 2) as team_id, coalesce((select access_point_id from cases where id = s.case_id), '') as access_point_id, pg_backend_pid() % 8 as slot,
           -1 * (s.kept) as kept, -1 * (1 - s.kept) as missed
           from old_rows s where true union all select 'day' as grain, substr(s.done_at, 1, 10) as period,
           split_part(s.owner, '/', 1) as partner_id, split_part(s.owner, '/', 2) as team_id, coalesce((select access_point_id from cases where id = s.case_id), '') as access_point_id, pg_backend_pid() % 8 as slot,
           -1 * (s.kept) as kept, -1 * (1 - s.kept) as missed
           from old_rows s where true) x group by 1, 2, 3, 4, 5, 6 order by 1, 2, 3, 4, 5, 6
    on conflict (grain, period, partner_id, team_id, access_point_id, slot) do update set kept = r.kept + excluded.kept, missed = r.missed + excluded.missed;
        end if;
        return null;
      end $$;

alter table insight_commitment_services add column slot smallint not null default 0,
          drop constraint insight_commitment_services_pk,
          add constraint insight_commitment_services_pk primary key (grain, period, partner_id, service_id, access_point_id, slot);

create or replace function insight_commitment_services_sync() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' then
          insert into insight_commitment_services as r (grain, period, partner_id, service_id, access_point_id, slot, kept, missed)
    select grain, period, partner_id, service_id, access_point_id, slot, sum(kept), sum(missed)
    from (select 'month' as grain, substr(s.done_at, 1, 7) as period,
           split_part(s.owner, '/', 1) as partner_id, s.service_id as service_id, coalesce((select access_point_id from cases where id = s.case_id), '') as access_point_id, pg_backend_pid() % 8 as slot,
           1 * (s.kept) as kept, 1 * (1 - s.kept) as missed
           from new_rows s where true union all select 'day' as grain, substr(s.done_at, 1, 10) as period,
           split_part(s.owner, '/', 1) as partner_id, s.service_id as service_id, coalesce((select access_point_id from cases where id = s.case_id), '') as access_point_id, pg_backend_pid() % 8 as slot,
           1 * (s.kept) as kept, 1 * (1 - s.kept) as missed
           from new_rows s where true) x group by 1, 2, 3, 4, 5, 6 order by 1, 2, 3, 4, 5, 6
    on conflict (grain, period, partner_id, service_id, access_point_id, slot) do update set kept = r.kept + excluded.kept, missed = r.missed + excluded.missed;
        elsif tg_op = 'DELETE' then
          insert into insight_commitment_services as r (grain, period, partner_id, service_id, access_point_id, slot, kept, missed)
    select grain, period, partner_id, service_id, access_point_id, slot, sum(kept), sum(missed)
    from (select 'month' as grain, substr(s.done_at, 1, 7) as period,
           split_part(s.owner, '/', 1) as partner_id, s.service_id as service_id, coalesce((select access_point_id from cases where id = s.case_id), '') as access_point_id, pg_backend_pid() % 8 as slot,
           -1 * (s.kept) as kept, -1 * (1 - s.kept) as missed
           from old_rows s where true union all select 'day' as grain, substr(s.done_at, 1, 10) as period,
           split_part(s.owner, '/', 1) as partner_id, s.service_id as service_id, coalesce((select access_point_id from cases where id = s.case_id), '') as access_point_id, pg_backend_pid() % 8 as slot,
           -1 * (s.kept) as kept, -1 * (1 - s.kept) as missed
           from old_rows s where true) x group by 1, 2, 3, 4, 5, 6 order by 1, 2, 3, 4, 5, 6
    on conflict (grain, period, partner_id, service_id, access_point_id, slot) do update set kept = r.kept + excluded.kept, missed = r.missed + excluded.missed;
        else
          insert into insight_commitment_services as r (grain, period, partner_id, service_id, access_point_id, slot, kept, missed)
    select grain, period, partner_id, service_id, access_point_id, slot, sum(kept), sum(missed)
    from (select 'month' as grain, substr(s.done_at, 1, 7) as period,
           split_part(s.owner, '/', 1) as partner_id, s.service_id as service_id, coalesce((select access_point_id from cases where id = s.case_id), '') as access_point_id, pg_backend_pid() % 8 as slot,
           1 * (s.kept) as kept, 1 * (1 - s.kept) as missed
           from new_rows s where true union all select 'day' as grain, substr(s.done_at, 1, 10) as period,
           split_part(s.owner, '/', 1) as partner_id, s.service_id as service_id, coalesce((select access_point_id from cases where id = s.case_id), '') as access_point_id, pg_backend_pid() % 8 as slot,
           1 * (s.kept) as kept, 1 * (1 - s.kept) as missed
           from new_rows s where true union all select 'month' as grain, substr(s.done_at, 1, 7) as period,
           split_part(s.owner, '/', 1) as partner_id, s.service_id as service_id, coalesce((select access_point_id from cases where id = s.case_id), '') as access_point_id, pg_backend_pid() % 8 as slot,
           -1 * (s.kept) as kept, -1 * (1 - s.kept) as missed
           from old_rows s where true union all select 'day' as grain, substr(s.done_at, 1, 10) as period,
           split_part(s.owner, '/', 1) as partner_id, s.service_id as service_id, coalesce((select access_point_id from cases where id = s.case_id), '') as access_point_id, pg_backend_pid() % 8 as slot,
           -1 * (s.kept) as kept, -1 * (1 - s.kept) as missed
           from old_rows s where true) x group by 1, 2, 3, 4, 5, 6 order by 1, 2, 3, 4, 5, 6
    on conflict (grain, period, partner_id, service_id, access_point_id, slot) do update set kept = r.kept + excluded.kept, missed = r.missed + excluded.missed;
        end if;
        return null;
      end $$;

alter table insight_commitment_service_totals add column slot smallint not null default 0,
          drop constraint insight_commitment_service_totals_pk,
          add constraint insight_commitment_service_totals_pk primary key (grain, period, service_id, slot);

create or replace function insight_commitment_service_totals_sync() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' then
          insert into insight_commitment_service_totals as r (grain, period, service_id, slot, kept, missed)
    select grain, period, service_id, slot, sum(kept), sum(missed)
    from (select 'month' as grain, substr(s.done_at, 1, 7) as period,
           s.service_id as service_id, pg_backend_pid() % 8 as slot,
           1 * (s.kept) as kept, 1 * (1 - s.kept) as missed
           from new_rows s where true union all select 'day' as grain, substr(s.done_at, 1, 10) as period,
           s.service_id as service_id, pg_backend_pid() % 8 as slot,
           1 * (s.kept) as kept, 1 * (1 - s.kept) as missed
           from new_rows s where true) x group by 1, 2, 3, 4 order by 1, 2, 3, 4
    on conflict (grain, period, service_id, slot) do update set kept = r.kept + excluded.kept, missed = r.missed + excluded.missed;
        elsif tg_op = 'DELETE' then
          insert into insight_commitment_service_totals as r (grain, period, service_id, slot, kept, missed)
    select grain, period, service_id, slot, sum(kept), sum(missed)
    from (select 'month' as grain, substr(s.done_at, 1, 7) as period,
           s.service_id as service_id, pg_backend_pid() % 8 as slot,
           -1 * (s.kept) as kept, -1 * (1 - s.kept) as missed
           from old_rows s where true union all select 'day' as grain, substr(s.done_at, 1, 10) as period,
           s.service_id as service_id, pg_backend_pid() % 8 as slot,
           -1 * (s.kept) as kept, -1 * (1 - s.kept) as missed
           from old_rows s where true) x group by 1, 2, 3, 4 order by 1, 2, 3, 4
    on conflict (grain, period, service_id, slot) do update set kept = r.kept + excluded.kept, missed = r.missed + excluded.missed;
        else
          insert into insight_commitment_service_totals as r (grain, period, service_id, slot, kept, missed)
    select grain, period, service_id, slot, sum(kept), sum(missed)
    from (select 'month' as grain, substr(s.done_at, 1, 7) as period,
           s.service_id as service_id, pg_backend_pid() % 8 as slot,
           1 * (s.kept) as kept, 1 * (1 - s.kept) as missed
           from new_rows s where true union all select 'day' as grain, substr(s.done_at, 1, 10) as period,
           s.service_id as service_id, pg_backend_pid() % 8 as slot,
           1 * (s.kept) as kept, 1 * (1 - s.kept) as missed
           from new_rows s where true union all select 'month' as grain, substr(s.done_at, 1, 7) as period,
           s.service_id as service_id, pg_backend_pid() % 8 as slot,
           -1 * (s.kept) as kept, -1 * (1 - s.kept) as missed
           from old_rows s where true union all select 'day' as grain, substr(s.done_at, 1, 10) as period,
           s.service_id as service_id, pg_backend_pid() % 8 as slot,
           -1 * (s.kept) as kept, -1 * (1 - s.kept) as missed
           from old_rows s where true) x group by 1, 2, 3, 4 order by 1, 2, 3, 4
    on conflict (grain, period, service_id, slot) do update set kept = r.kept + excluded.kept, missed = r.missed + excluded.missed;
        end if;
        return null;
      end $$;
