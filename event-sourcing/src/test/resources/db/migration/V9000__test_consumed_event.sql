-- Test only (src/test/resources): the effect that the test consumer commits with each event.
create table test_consumed_event (
    event_id    uuid        not null,
    stream_id   text        not null,
    data        text        not null,
    consumed_at timestamptz not null default clock_timestamp(),
    seq         bigint generated always as identity
);

-- Test only: a table the test locks, so that the consumer meets a real lock timeout (55P03).
create table test_lock_target (id int);
