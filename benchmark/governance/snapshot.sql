-- RegisterQueries.SNAPSHOT for every system (department and system id not given), as of
-- :snapshot_date, as known at RegisterQueries.EVERYTHING_RECORDED; included by explain.sql.
\echo '--- snapshot as of' :snapshot_date
explain (analyze, buffers)
select s.system_id, s.name, s.tool, s.vendor, s.purpose, s.scope, s.data_class, s.origin, s.experiment_id, s.idea_id, s.lead,
       s.registered_on, s.version, o.department, o.owner, coalesce(l.lifecycle, s.initial_lifecycle), c.role, c.risk_tier,
       c.annex_iii_area, c.prohibited, c.transparency, c.effective_from, b.oversight, b.workers_informed_on,
       b.log_retention_months, b.fria_status, b.fria_summary, b.eu_registration_applies, b.eu_database_ref, b.effective_from
  from gov_system s
  join lateral (select o.department, o.owner from gov_ownership o where o.system_id = s.system_id and not o.cancelled
                   and (o.superseded_at is null or o.superseded_at > '9999-12-31T23:59:59Z'::timestamptz)
                   and o.effective_from <= :'snapshot_date'::date and o.recorded_at <= '9999-12-31T23:59:59Z'::timestamptz
                 order by o.effective_from desc, o.recorded_at desc limit 1) o on true
  left join lateral (select l.lifecycle from gov_lifecycle l where l.system_id = s.system_id
                   and l.effective_from <= :'snapshot_date'::date and l.recorded_at <= '9999-12-31T23:59:59Z'::timestamptz
                 order by l.effective_from desc, l.recorded_at desc limit 1) l on true
  left join lateral (select c.* from gov_classification c where c.system_id = s.system_id
                   and c.effective_from <= :'snapshot_date'::date and c.recorded_at <= '9999-12-31T23:59:59Z'::timestamptz
                 order by c.effective_from desc, c.recorded_at desc limit 1) c on true
  left join lateral (select b.* from gov_obligations b where b.system_id = s.system_id
                   and b.effective_from <= :'snapshot_date'::date and b.recorded_at <= '9999-12-31T23:59:59Z'::timestamptz
                 order by b.effective_from desc, b.recorded_at desc limit 1) b on true
 where s.registered_at <= '9999-12-31T23:59:59Z'::timestamptz
   and cast(null as text) is null and cast(null as uuid) is null
 order by s.name, s.system_id;
