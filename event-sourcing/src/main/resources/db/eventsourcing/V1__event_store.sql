-- The shared event-sourcing schema. Versions 1-99 belong to the event-sourcing module; each
-- service numbers its own migrations from 100 upwards (db/migration).

-- The append-only event store. It is also the outbox: the relay publishes from it directly.
create table es_event (
    global_position bigint generated always as identity primary key,
    event_id        uuid        not null,
    stream_type     text        not null,
    stream_id       text        not null,
    stream_version  bigint      not null check (stream_version > 0),
    event_type      text        not null,
    schema_version  integer     not null check (schema_version > 0),
    payload         jsonb       not null,
    actor           text        not null,
    correlation_id  text,
    causation_id    text,
    occurred_at     timestamptz not null,
    recorded_at     timestamptz not null default clock_timestamp(),
    -- The writing transaction's id. The relay only reads events of transactions older than the
    -- oldest transaction still running, so an event that commits late is never skipped.
    transaction_id  xid8        not null default pg_current_xact_id(),
    constraint es_event_id_uk unique (event_id),
    constraint es_event_stream_version_uk unique (stream_type, stream_id, stream_version)
);

create index es_event_relay_idx on es_event (transaction_id, global_position);
create index es_event_stream_type_idx on es_event (stream_type, global_position);

create function es_event_is_append_only() returns trigger
    language plpgsql as
$$
begin
    raise exception 'es_event is append-only: % is not allowed', tg_op
        using errcode = 'insufficient_privilege';
end;
$$;

create trigger es_event_no_update_or_delete
    before update or delete on es_event
    for each row execute function es_event_is_append_only();

create trigger es_event_no_truncate
    before truncate on es_event
    for each statement execute function es_event_is_append_only();

-- Where the outbox relay has got to, in (transaction id, global position) order.
create table es_relay_checkpoint (
    relay               text        primary key,
    last_transaction_id xid8        not null default '0',
    last_position       bigint      not null default 0,
    updated_at          timestamptz not null default now()
);

insert into es_relay_checkpoint (relay) values ('kafka');

-- Idempotent consumers record each processed event id in the same transaction as its effects.
create table es_processed_event (
    consumer     text        not null,
    event_id     uuid        not null,
    processed_at timestamptz not null default now(),
    primary key (consumer, event_id)
);

-- Idempotency-Key of creating requests: a retry returns the first result and appends nothing.
create table es_idempotency_key (
    actor            text        not null,
    idempotency_key  text        not null,
    operation        text        not null,
    request_hash     text        not null,
    stream_id        text        not null,
    stream_version   bigint      not null,
    created_at       timestamptz not null default now(),
    primary key (actor, idempotency_key)
);
