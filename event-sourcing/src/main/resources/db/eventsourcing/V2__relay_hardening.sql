-- Outbox relay hardening. Version 2 of the event-sourcing schema (versions 3+ are reserved).

-- The PostgreSQL cluster (pg_control_system().system_identifier) the checkpoint's transaction ids
-- belong to. Recorded by the relay when it first becomes leader; a different value means the
-- database was restored into another cluster, where the stored transaction ids mean nothing, and the
-- relay refuses to publish until an operator resolves it (deploy/README.md, "Outbox relay").
alter table es_relay_checkpoint add column system_identifier bigint;

-- Events the relay cannot publish. A poison record (poison = true) is one Kafka rejects for good
-- (record too large, topic not authorised, invalid topic ...); every later event of the same stream
-- waits behind it (poison = false), so that the stream's order is never broken. Other streams keep
-- flowing. An operator releases a stream by setting release on its poison row:
--   'retry' publishes the poison record and the waiting ones again (after fixing the cause),
--   'skip'  drops the poison record for good and publishes the waiting ones.
create table es_relay_parked (
    relay           text        not null,
    event_id        uuid        not null,
    global_position bigint      not null,
    stream_type     text        not null,
    stream_id       text        not null,
    stream_version  bigint      not null,
    poison          boolean     not null,
    reason          text,
    parked_at       timestamptz not null default now(),
    release         text        check (release in ('retry', 'skip')),
    primary key (relay, event_id),
    constraint es_relay_parked_release_poison_ck check (release is null or poison)
);

create index es_relay_parked_stream_idx on es_relay_parked (relay, stream_type, stream_id, stream_version);
