-- The W3C trace context (https://www.w3.org/TR/trace-context/) of the request or consumed event that
-- appended each event, as the propagator writes it: the relay publishes the event under a producer
-- span whose parent is this context, so one trace runs from an HTTP request through the outbox and
-- Kafka to every consumer. Null for events appended outside any trace (the scheduler) and for
-- events appended before this version. Nullable columns without a default: adding them rewrites
-- nothing.
alter table es_event
    add column traceparent text,
    add column tracestate  text;
