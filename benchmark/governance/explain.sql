-- EXPLAIN (ANALYZE, BUFFERS) of the statements behind the three measured reads, written out from
-- governance-service's RegisterQueries (the LATEST / SNAPSHOT / ownership strings, ?n -> psql
-- variables): keep in step with that class.
--   psql -v system_id=<uuid> -v as_of=2025-06-01 -v known_at=2025-09-01T00:00:00Z -v diff_from=... -v diff_to=... -v gaps_as_of=... -f explain.sql
\set ON_ERROR_STOP on
\pset pager off

-- the service's connections run with jit=off (application.properties,
-- quarkus.datasource.reactive.additional-properties.jit), so these plans do too
set jit = off;

\echo '=== GET /ai-systems/{id}/ownership: RegisterQueries.ownership (names joined; requireSystem only when no row)'
explain (analyze, buffers)
select o.transfer_id, o.kind, o.effective_from, o.recorded_at, o.superseded_at, o.cancelled, o.from_department, o.from_owner,
       o.department, o.owner, o.decided_by, o.reason, po.display_name, pd.display_name
  from gov_ownership o left join gov_person po on po.person_id = o.owner
  left join gov_person pd on pd.person_id = o.decided_by
 where o.system_id = :'system_id' and not o.cancelled and (o.superseded_at is null or o.superseded_at > :'known_at'::timestamptz)
   and o.effective_from <= :'as_of'::date and o.recorded_at <= :'known_at'::timestamptz
 order by o.effective_from desc, o.recorded_at desc limit 1;

\echo '=== RegisterQueries.snapshots (all systems), the statement run twice by /inventory/diff and once by /compliance-gaps'
\set snapshot_date :diff_from
\ir snapshot.sql
\set snapshot_date :diff_to
\ir snapshot.sql
\set snapshot_date :gaps_as_of
\ir snapshot.sql
