-- pgbench custom script: the durable write of one submitted idea, as experiments-service does it
-- for POST /ideas, in one transaction (benchmark/run.sh runs it with -M prepared, 64 clients):
--   1. insert the idea.submitted event into es_event (same columns as EventStore.append, jsonb
--      payload of the same shape and size as the load generator's ideas, recorded_at and
--      transaction_id from their defaults, RETURNING what the service reads back),
--   2. insert the projected row into idea_view (same columns as IdeaProjection),
--   3. commit (synchronous_commit as configured on the server: the service's commit waits for the
--      same WAL flush).
-- Ids come from gen_random_uuid(). Runs against a scratch database that has only the service's
-- migrations (V1__event_store.sql, V100__read_models.sql) applied. Needs -M prepared or extended:
-- the idea_id variable that gset fills in is bound as a parameter and cast to uuid.
-- What it leaves out, compared with the service: HTTP, JWT verification, JSON (de)serialisation,
-- validation, the connection pool, the JTA transaction manager, the read of idea_view after the
-- commit for the 201 body, and the outbox relay's reads and checkpoint updates.

\set n random(1, 2000000000)
BEGIN;
INSERT INTO es_event (event_id, stream_type, stream_id, stream_version, event_type, schema_version,
                      payload, actor, correlation_id, causation_id, occurred_at)
SELECT gen_random_uuid(), 'idea', g.id::text, 1, 'idea.submitted', 1,
       jsonb_build_object(
           'title', 'Benchmark idea pgbench-' || :n,
           'aiTool', 'ChatGPT',
           'ideaId', g.id,
           'problem', 'Month-end reconciliation of supplier invoices is done by hand: we copy figures from PDF attachments into spreadsheets and check them line by line, which takes two people most of three days and still lets errors through. [pgbench-' || :n || ']',
           'submitter', 'bench-user',
           'department', 'finance',
           'benefitCategory', 'EFFICIENCY',
           'dataClassification', 'INTERNAL'),
       'bench-user', gen_random_uuid()::text, gen_random_uuid()::text, now()
  FROM (SELECT gen_random_uuid() AS id) AS g
RETURNING stream_id AS idea_id, recorded_at, global_position \gset
INSERT INTO idea_view (idea_id, version, status, title, problem, ai_tool, data_classification,
                       benefit_category, department, submitter, submitted_at, updated_at)
VALUES (:idea_id::uuid, 1, 'SUBMITTED', 'Benchmark idea pgbench-' || :n,
        'Month-end reconciliation of supplier invoices is done by hand: we copy figures from PDF attachments into spreadsheets and check them line by line, which takes two people most of three days and still lets errors through. [pgbench-' || :n || ']',
        'ChatGPT', 'INTERNAL', 'EFFICIENCY', 'finance', 'bench-user', now(), now());
END;
