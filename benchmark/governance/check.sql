-- Checks a register built by benchmark/governance.sh (run by hand against its database, e.g.
--   PGPASSWORD=adoption psql -h localhost -U adoption -d bench_governance -v end=<the seed's end date> -f benchmark/governance/check.sql)
-- against the seed's own model of each system's history (the rules of seed.sql, independent of the
-- projection): with the statement RegisterQueries.ownership runs,
--   1. as of the seed's end date, everything recorded: the holder after the last slot (a cancellation
--      at slot n restores transfer n-2, a correction at slot n gives cown(i, n));
--   2. bitemporally, as of the effective date of transfer 5, known one second before / after its
--      correction (slot 6) was recorded: the transfer's owner, then the corrected one.
-- Mismatches expected: the systems the run changed over HTTP afterwards (its faithfulness check).
\set ON_ERROR_STOP on
create function pg_temp.person(n bigint) returns text language sql immutable as $$ select 'person-' || lpad((n % 5000)::text, 4, '0') $$;
create function pg_temp.own(i int, k int) returns text language sql immutable as $$ select pg_temp.person(i * 37 + k * 101) $$;
create function pg_temp.cown(i int, k int) returns text language sql immutable as $$ select pg_temp.person(i * 37 + k * 101 + 2500) $$;
create function pg_temp.dept(n int) returns text language sql immutable as $$
  select (array['finance', 'hr', 'legal', 'sales', 'marketing', 'it', 'operations', 'procurement', 'customer-service', 'research',
                'engineering', 'logistics', 'communications', 'compliance', 'risk', 'security', 'facilities', 'product', 'data',
                'strategy'])[1 + n % 20] $$;
create function pg_temp.dept(i int, k int) returns text language sql immutable as $$ select pg_temp.dept(i + k * 3) $$;
create function pg_temp.cdept(i int, k int) returns text language sql immutable as $$ select pg_temp.dept(i + k * 3 + 7) $$;
create temporary table m as
select s.system_id, i, n,
       case when n % 12 = 0 then pg_temp.dept(i, n - 2) when n % 6 = 0 then case when n % 18 = 0 then pg_temp.cdept(i, n) else pg_temp.dept(i, n - 1) end
            else pg_temp.dept(i, n) end as dept,
       case when n % 12 = 0 then pg_temp.own(i, n - 2) when n % 6 = 0 then pg_temp.cown(i, n) else pg_temp.own(i, n) end as owner
  from (select system_id, substring(name from 14)::int as i from gov_system where name like 'Bench system %') s,
       lateral (select 19 + (case when i % 2 = 1 then 1 else -1 end) * (((i + 1) / 2) % 11) as n) k;
-- 1. as of the seed's end, everything recorded: the holder after the last slot
select 'as of end, known now' as check, count(*) as systems,
       count(*) filter (where (o.department, o.owner) is distinct from (m.dept, m.owner)) as mismatches
  from m left join lateral (select o.department, o.owner from gov_ownership o where o.system_id = m.system_id and not o.cancelled
         and (o.superseded_at is null or o.superseded_at > 'infinity') and o.effective_from <= :'end'::date and o.recorded_at <= 'infinity'
         order by o.effective_from desc, o.recorded_at desc limit 1) o on true;
-- 2. bitemporal: as of slot 5's date, known just before / just after slot 6 (a correction of transfer 5) was recorded
with c as (select m.system_id, m.i, t.effective_from as e5, x.recorded_at as r6
             from m join gov_ownership t on t.system_id = m.system_id and t.kind = 'TRANSFER'
             join gov_ownership x on x.transfer_id = t.transfer_id and x.kind = 'CORRECTION'
            where t.from_owner is not null and x.effective_from = t.effective_from
              and t.effective_from = (select min(effective_from) from gov_ownership y where y.system_id = m.system_id and y.kind = 'CORRECTION' and not y.cancelled and y.transfer_id <> y.system_id))
select 'as of slot 5, known before/after its correction' as check, count(*) as systems,
       count(*) filter (where b.owner is distinct from pg_temp.own(c.i, 5)) as before_mismatches,
       count(*) filter (where a.owner is distinct from pg_temp.cown(c.i, 6)) as after_mismatches
  from c
  left join lateral (select o.owner from gov_ownership o where o.system_id = c.system_id and not o.cancelled
         and (o.superseded_at is null or o.superseded_at > c.r6 - interval '1 second') and o.effective_from <= c.e5
         and o.recorded_at <= c.r6 - interval '1 second' order by o.effective_from desc, o.recorded_at desc limit 1) b on true
  left join lateral (select o.owner from gov_ownership o where o.system_id = c.system_id and not o.cancelled
         and (o.superseded_at is null or o.superseded_at > c.r6 + interval '1 second') and o.effective_from <= c.e5
         and o.recorded_at <= c.r6 + interval '1 second' order by o.effective_from desc, o.recorded_at desc limit 1) a on true;
