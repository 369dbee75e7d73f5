-- Seeds a revisit-service database (schema already migrated by the service's Flyway) with the cases
-- numbered :from..:to, opened from idea.rejected events, in exactly the shape the service writes
-- (ExperimentEventsConsumer -> CaseService.open: revisit.opened at stream version 1, and
-- CaseProjection's revisit_case row), global interval P3M, opened three months before their due time:
--   * due_at = :'due_at' for all of them when it is not empty,
--   * otherwise one per second from one day after :'now' (900,000 cases: the next 10.4 days).
-- The case id is derived like CaseService.caseIdOf: UUID.nameUUIDFromBytes("revisit-case:" + sourceEventId).
-- In the same transaction the relay checkpoint is moved past the seed: these revisit.opened events
-- would have been published long ago; only what the schedulers append during the run goes to Kafka.
-- Then NOTIFY revisit_due, as DueSignal does after a commit that set a due time.
-- psql -v from=1 -v to=900000 -v due_at= -v now=2030-01-01T00:00:00Z -f seed.sql
\set ON_ERROR_STOP on
\timing on

create temporary table seed as
select i,
       src,
       -- nameUUIDFromBytes: MD5, version 3, IETF variant
       overlay(overlay(h placing '3' from 13)
               placing substr('89ab', ((('x' || substr(h, 17, 1))::bit(4)::int) & 3) + 1, 1) from 17)::uuid as case_id,
       md5('bench-idea-' || i)::uuid                         as idea_id,
       'dept-' || lpad((i % 50)::text, 2, '0')               as department,
       (array['ChatGPT Enterprise', 'Copilot', 'Gemini', 'Claude', 'Mistral Le Chat'])[1 + i % 5] as tool,
       'Bench idea ' || i                                    as title,
       'emp-' || (i % 1000)                                  as submitter,
       (array['UNRELIABLE_OUTPUT', 'DATA_PROTECTION', 'COST', 'NOT_A_PRIORITY'])[1 + i % 4] as reason,
       'Seeded by benchmark/revisit-scheduler.sh'            as explanation,
       'mgr-' || (i % 50)                                    as decided_by,
       due_at,
       due_at - interval '3 months'                          as opened_at
  from (select i,
               md5('bench-rejection-' || i)::uuid as src,
               md5('revisit-case:' || md5('bench-rejection-' || i)::uuid::text) as h,
               coalesce(nullif(:'due_at', '')::timestamptz,
                        date_trunc('second', :'now'::timestamptz + interval '1 day' + i * interval '1 second')) as due_at
          from generate_series(:from, :to) as i) g;

begin;
insert into es_event (event_id, stream_type, stream_id, stream_version, event_type, schema_version, payload, actor,
                      correlation_id, causation_id, occurred_at)
select md5('bench-opened-' || i)::uuid, 'case', case_id::text, 1, 'revisit.opened', 1,
       jsonb_build_object(
           'caseId', case_id,
           'origin', jsonb_build_object('source', 'REJECTION', 'ideaId', idea_id, 'experimentId', null,
                                        'department', department, 'title', title, 'tool', tool, 'submitter', submitter,
                                        'rejectionReason', reason, 'outcome', null, 'recommendation', null,
                                        'explanation', explanation, 'decidedBy', decided_by,
                                        'sourceEventId', src, 'sourceEventType', 'idea.rejected'),
           'caseInterval', null, 'interval', 'P3M', 'intervalSource', 'GLOBAL',
           'openedAt', to_char(opened_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
           'dueAt', to_char(due_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')),
       'system:revisit-service', 'bench-corr-' || i, src::text, opened_at
  from seed;

insert into revisit_case (case_id, version, status, cycle, cycle_started_at, due_at, due_since, last_fired_cycle, source,
                          idea_id, experiment_id, department, title, tool, submitter, rejection_reason, outcome,
                          recommendation, explanation, decided_by, case_interval, interval, interval_source, opened_at,
                          updated_at, closed_at, closure, closure_note, evaluations, source_event_id, source_event_type,
                          tool_key)
select case_id, 1, 'SCHEDULED', 1, opened_at, due_at, null, 0, 'REJECTION',
       idea_id, null, department, title, tool, submitter, reason, null,
       null, explanation, decided_by, null, 'P3M', 'GLOBAL', opened_at,
       opened_at, null, null, null, 0, src, 'idea.rejected',
       lower(tool)   -- ToolName.key: these names have single inner spaces
  from seed;

update es_relay_checkpoint
   set last_transaction_id = pg_current_xact_id(),
       last_position = (select max(global_position) from es_event),
       updated_at = now()
 where relay = 'kafka';
commit;
select pg_notify('revisit_due', '');

