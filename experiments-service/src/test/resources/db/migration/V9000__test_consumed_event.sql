-- Test only (src/test/resources): the effect that the test consumer commits with each event.
create table test_consumed_event (
    event_id    uuid        not null,
    stream_id   text        not null,
    data        text        not null,
    consumed_at timestamptz not null default clock_timestamp(),
    seq         bigint generated always as identity
);
