-- Idempotency keys are claimed before the command runs (insert ... on conflict do nothing), when
-- the created stream's version is not known yet; a replay answers from the read model instead.
alter table es_idempotency_key alter column stream_version drop not null;
