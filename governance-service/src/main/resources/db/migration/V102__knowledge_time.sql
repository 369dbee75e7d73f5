-- Knowledge time by commit order (issue 13 §1; README "As known at").
-- es_event.recorded_at is the clock at INSERT, before the commit: a transaction that inserts at t1 and
-- commits at t3 would be invisible to knownAt=t2 asked at t2 and visible to the same question after t3.
-- Instead one writer (KnowledgeStamper, elected per database by an advisory lock) stamps committed
-- events, in the order the outbox relay reads them ((transaction_id, global_position) below the xmin
-- of the current snapshot), with known_at = the database clock at stamping, strictly increasing.
-- Reads filter on known_at. These tables are not read models: a projection rebuild never touches them.
create table gov_knowledge (
    global_position bigint      primary key,
    event_id        uuid        not null unique,
    known_at        timestamptz not null unique
);

-- The stamper's cursor and the watermark: every event stamped later gets a known_at after
-- known_through, so an answer "as known at K" with K <= known_through never changes again.
create table gov_knowledge_cursor (
    id                  integer     primary key check (id = 1),
    last_transaction_id xid8        not null default '0',
    last_position       bigint      not null default 0,
    known_through       timestamptz not null default '1970-01-01T00:00:00Z'
);
insert into gov_knowledge_cursor (id) values (1);

-- Ties on one effective date (§2): ordered by the stream version of the transfer's ORIGINAL assertion
-- (the registration or the transfer), which a correction of it keeps. A correction no longer counts as new.
alter table gov_ownership add column transfer_seq bigint;
update gov_ownership o set transfer_seq = (
    select min(e.stream_version) from gov_ownership t join es_event e on e.event_id = t.assertion_id
    where t.transfer_id = o.transfer_id and t.kind <> 'CORRECTION');
alter table gov_ownership alter column transfer_seq set not null;

-- Incident notifications are facts of their own (effective: when told; knowledge: when stamped), not
-- an update of the incident row.
create table gov_incident_notification (
    event_id              uuid primary key,
    incident_id           uuid        not null,
    system_id             uuid        not null,
    provider_informed_at  timestamptz,
    authority_informed_at timestamptz
);
create index gov_incident_notification_incident on gov_incident_notification (incident_id);
insert into gov_incident_notification (event_id, incident_id, system_id, provider_informed_at, authority_informed_at)
select e.event_id, cast(e.payload->>'incidentId' as uuid), cast(e.stream_id as uuid),
       cast(e.payload->>'providerInformedAt' as timestamptz), cast(e.payload->>'authorityInformedAt' as timestamptz)
from es_event e where e.stream_type = 'ai-system' and e.event_type = 'ai-system.incident-notified';
-- gov_incident keeps what the incident was recorded with; the notifications were folded into it before.
update gov_incident i set provider_informed_at = cast(e.payload->>'providerInformedAt' as timestamptz),
                          authority_informed_at = cast(e.payload->>'authorityInformedAt' as timestamptz)
from es_event e where e.stream_type = 'ai-system' and e.event_type = 'ai-system.incident-recorded'
  and cast(e.payload->>'incidentId' as uuid) = i.incident_id;
-- the event that recorded the incident: its knowledge time is the incident's
alter table gov_incident add column event_id uuid;
update gov_incident i set event_id = e.event_id from es_event e
where e.stream_type = 'ai-system' and e.event_type = 'ai-system.incident-recorded' and cast(e.payload->>'incidentId' as uuid) = i.incident_id;
alter table gov_incident alter column event_id set not null;

-- Trainings are known when their event is stamped.
alter table gov_training add column event_id uuid;
update gov_training t set event_id = e.event_id from es_event e
where e.stream_type = 'person' and e.event_type = 'person.training-recorded' and cast(e.payload->>'trainingId' as uuid) = t.training_id;
alter table gov_training alter column event_id set not null;

-- Tool revocations are facts (effective: revoked_on; knowledge: the stamp), not only an update of the
-- terms: as known at K, a term is revoked by the first revocation of its tool known after the term
-- and at or before K.
create table gov_tool_revocation (
    event_id   uuid primary key,
    tool_id    uuid not null,
    revoked_on date not null
);
create index gov_tool_revocation_tool on gov_tool_revocation (tool_id);
insert into gov_tool_revocation (event_id, tool_id, revoked_on)
select e.event_id, cast(e.stream_id as uuid), cast(e.payload->>'revokedOn' as date)
from es_event e where e.stream_type = 'tool' and e.event_type = 'tool.approval-revoked';

-- Events committed before this migration: known from their recorded_at, the best record there is, made
-- strictly increasing in commit order (+1 microsecond per event). The stamper goes on from there.
insert into gov_knowledge (global_position, event_id, known_at)
select global_position, event_id,
       max(recorded_at) over w + (row_number() over w) * interval '1 microsecond'
from es_event
where transaction_id < pg_snapshot_xmin(pg_current_snapshot())
window w as (order by transaction_id, global_position rows between unbounded preceding and current row);
update gov_knowledge_cursor c
   set last_transaction_id = s.transaction_id, last_position = s.global_position,
       known_through = (select max(known_at) from gov_knowledge)
  from (select e.transaction_id, e.global_position from es_event e join gov_knowledge k on k.global_position = e.global_position
        order by e.transaction_id desc, e.global_position desc limit 1) s
 where c.id = 1;
