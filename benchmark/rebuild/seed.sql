-- Seeds an experiments-service database (schema migrated by the service's Flyway) with :ideas ideas,
-- each idea.submitted and, later, idea.revised (2 x :ideas events), in the shape IdeaProjection reads;
-- all revisions come after all submissions, so a revision's row is never in its submission's chunk.
-- The read model (idea_view) is left as it is: the rebuild writes it. In the same transaction the relay
-- checkpoint is moved past the seed (these events would have been published long ago).
-- psql -v ideas=500000 -f seed.sql
\set ON_ERROR_STOP on
\timing on
begin;
insert into es_event (event_id, stream_type, stream_id, stream_version, event_type, schema_version, payload, actor,
                      correlation_id, causation_id, occurred_at)
select md5('bench-submitted-' || i)::uuid, 'idea', md5('bench-idea-' || i)::uuid::text, 1, 'idea.submitted', 1,
       jsonb_build_object('ideaId', md5('bench-idea-' || i)::uuid, 'submitter', 'emp-' || (i % 1000),
                          'title', 'Bench idea ' || i, 'problem', 'Reading 40-page contracts takes hours, idea ' || i,
                          'aiTool', (array['ChatGPT Enterprise', 'Copilot', 'Gemini', 'Claude'])[1 + i % 4],
                          'dataClassification', (array['PUBLIC', 'INTERNAL', 'CONFIDENTIAL', 'PERSONAL'])[1 + i % 4],
                          'benefitCategory', 'EFFICIENCY', 'department', 'dept-' || lpad((i % 50)::text, 2, '0')),
       'emp-' || (i % 1000), 'bench-corr-' || i, 'bench-cause-' || i,
       timestamptz '2026-01-01T00:00:00Z' + i * interval '1 second'
  from generate_series(1, :ideas) as i;
insert into es_event (event_id, stream_type, stream_id, stream_version, event_type, schema_version, payload, actor,
                      correlation_id, causation_id, occurred_at)
select md5('bench-revised-' || i)::uuid, 'idea', md5('bench-idea-' || i)::uuid::text, 2, 'idea.revised', 1,
       jsonb_build_object('ideaId', md5('bench-idea-' || i)::uuid, 'title', 'Bench idea ' || i || ' (revised)',
                          'problem', 'Reading 40-page contracts takes hours, idea ' || i,
                          'aiTool', 'Copilot', 'dataClassification', 'INTERNAL', 'benefitCategory', 'WORK_LIFE_BALANCE'),
       'emp-' || (i % 1000), 'bench-corr-' || i, 'bench-cause-r-' || i,
       timestamptz '2026-06-01T00:00:00Z' + i * interval '1 second'
  from generate_series(1, :ideas) as i;
update es_relay_checkpoint
   set last_transaction_id = pg_current_xact_id(),
       last_position = (select max(global_position) from es_event),
       updated_at = now();
commit;
vacuum analyze es_event;
