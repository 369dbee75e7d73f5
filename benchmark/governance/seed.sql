-- Seeds a governance-service event store (schema already migrated by the service's Flyway) with
-- :systems AI systems and their histories, as events in exactly the shape the service appends them
-- (SystemDecider -> es_event; payloads as Jackson writes the SystemEvent / PersonEvent records,
-- checked by benchmark/governance.sh against events the running service made over HTTP). The read
-- models are NOT written here: the script rebuilds them with the service's own projections
-- (POST /admin/projections/{register,directory}/rebuild).
--
--   psql -v systems=10000 -v start=2023-11-17 -v end=2026-11-17 -f seed.sql
--
-- Per system i (stream ai-system/<system id>, actor bench-co, a compliance officer):
--   * ai-system.registered: effective on a date in the first 540 days after :start, with its first
--     ownership assertion (transfer id = system id);
--   * n_i more ownership events, n_i = 19 +- (0..10) (pairs of systems sum to 38, so 19 per system
--     on average: :systems * 20 ownership events in all), effective at evenly spaced dates from the
--     registration to :end (at least 18 days apart), recorded 4 days before to 10 days after their
--     slot's date (recorded times increase along the stream); slot k is
--       - a correction of the registration (k = 1, every 50th system),
--       - a cancellation of transfer k-1 (k divisible by 12),
--       - a correction of transfer k-1 (k divisible by 6 otherwise: a new owner; every 18th also a new
--         department and an effective date 3 days earlier),
--       - otherwise a transfer to another owner (fromDepartment/fromOwner: the holder on its effective
--         date, as SystemDecider computes it; it never transfers to the current holder);
--   * 70 % classified 30 days after registration (MINIMAL, LIMITED, HIGH with an Annex III area,
--     PROHIBITED by an Article 5 "yes"), 10 % reclassified 400 days after; obligations for 3 of 4
--     HIGH-risk systems, some incomplete; every 4th goes PILOT -> PRODUCTION after 120 days, every
--     25th is RETIRED after 400 days; every 200th has a serious incident.
-- Persons person-0000..person-4999 own and oversee the systems; two thirds hold an AI-literacy
-- training (person.training-recorded, stream person/<id>), most valid two years.
-- All events are inserted in recorded-time order (global_position follows recorded_at). In the same
-- transaction the relay checkpoint is moved past the seed: those events would have been published
-- long ago; only what is appended afterwards goes to Kafka.
\set ON_ERROR_STOP on
\timing on

-- UUID (version-4 layout) derived from a text: the same seed gives the same ids.
create function pg_temp.uuid4(t text) returns uuid language sql immutable as $$
  select overlay(overlay(md5(t) placing '4' from 13)
                 placing substr('89ab', ((('x' || substr(md5(t), 17, 1))::bit(4)::int) & 3) + 1, 1) from 17)::uuid
$$;
create function pg_temp.person(n bigint) returns text language sql immutable as $$
  select 'person-' || lpad((n % 5000)::text, 4, '0')
$$;
-- owner after slot k (k = 0: the registration), and the owner a correction at slot k gives
create function pg_temp.own(i int, k int) returns text language sql immutable as $$ select pg_temp.person(i * 37 + k * 101) $$;
create function pg_temp.cown(i int, k int) returns text language sql immutable as $$ select pg_temp.person(i * 37 + k * 101 + 2500) $$;
create function pg_temp.dept(n int) returns text language sql immutable as $$
  select (array['finance', 'hr', 'legal', 'sales', 'marketing', 'it', 'operations', 'procurement', 'customer-service', 'research',
                'engineering', 'logistics', 'communications', 'compliance', 'risk', 'security', 'facilities', 'product', 'data',
                'strategy'])[1 + n % 20]
$$;
create function pg_temp.dept(i int, k int) returns text language sql immutable as $$ select pg_temp.dept(i + k * 3) $$;
create function pg_temp.cdept(i int, k int) returns text language sql immutable as $$ select pg_temp.dept(i + k * 3 + 7) $$;
create function pg_temp.ts(d date, secs bigint) returns timestamptz language sql immutable as $$
  select (d::timestamp + secs * interval '1 second') at time zone 'UTC'
$$;
create function pg_temp.utc(t timestamptz) returns text language sql immutable as $$
  select to_char(t at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
$$;

create temporary table bsys as
select i,
       pg_temp.uuid4('bench-gov-system-' || i)                         as system_id,
       :'start'::date + (i * 7919 % 540)                               as reg_on,
       19 + (case when i % 2 = 1 then 1 else -1 end) * (((i + 1) / 2) % 11) as n,
       (array['ChatGPT Enterprise', 'Microsoft Copilot', 'Claude', 'Gemini', 'Mistral Le Chat'])[1 + i % 5] as tool,
       (array['OpenAI', 'Microsoft', 'Anthropic', 'Google', 'Mistral AI'])[1 + i % 5]                     as vendor,
       (array['PUBLIC', 'INTERNAL', 'CONFIDENTIAL', 'PERSONAL'])[1 + (i / 5) % 4]                        as data_class,
       case when i % 4 = 0 then 'PILOT' when i % 7 = 1 then 'PRODUCTION' when i % 7 = 2 then 'SCALING' else 'PILOT' end
                                                                       as lifecycle
  from generate_series(1, :systems) as i;

-- every event: stream, recorded time (plus a tie-breaker), type, payload
create temporary table bev (
    stream_type text, stream_id text, recorded_at timestamptz, sub int, event_type text, payload jsonb, key text
);

-- registrations (actor = the compliance officer who registered it; its first ownership assertion)
insert into bev
select 'ai-system', system_id::text, pg_temp.ts(reg_on, 32400 + (i * 17 % 10) * 86400 + i % 3600), 0, 'ai-system.registered',
       jsonb_build_object('systemId', system_id, 'name', 'Bench system ' || lpad(i::text, 5, '0'), 'tool', tool, 'vendor', vendor,
                          'purpose', 'Seeded by benchmark/governance.sh', 'scope', 'dept ' || pg_temp.dept(i, 0),
                          'dataClassification', data_class, 'origin', 'MANUAL', 'experimentId', null, 'ideaId', null,
                          'lead', null, 'lifecycle', lifecycle, 'department', pg_temp.dept(i, 0), 'owner', pg_temp.own(i, 0),
                          'transferId', system_id, 'effectiveFrom', reg_on::text),
       'reg'
  from bsys;

-- the ownership slots
create temporary table bslot as
select s.i, s.system_id, s.reg_on, k,
       s.reg_on + (k * (:'end'::date - s.reg_on) / (s.n + 1))         as slot_on,
       s.reg_on + ((k - 1) * (:'end'::date - s.reg_on) / (s.n + 1))   as prev_on,
       case when k = 1 and s.i % 50 = 0 then 'RC' when k % 12 = 0 then 'CX' when k % 6 = 0 then 'C' else 'T' end as kind
  from bsys s, generate_series(1, s.n) as k;

insert into bev
select 'ai-system', system_id::text,
       pg_temp.ts(slot_on, ((i * 13 + k * 7) % 15 - 4) * 86400 + 32400 + (i * 7 + k) % 28800), k,
       case when kind = 'T' then 'ai-system.ownership-transferred' else 'ai-system.ownership-corrected' end,
       case kind
         when 'T' then jsonb_build_object('systemId', system_id, 'transferId', pg_temp.uuid4('bench-gov-transfer-' || i || '-' || k),
                 'fromDepartment', f.dept, 'fromOwner', f.owner, 'toDepartment', pg_temp.dept(i, k), 'toOwner', pg_temp.own(i, k),
                 'decidedBy', 'bench-co', 'reason', 'reorganisation ' || k, 'effectiveFrom', slot_on::text)
         when 'C' then jsonb_build_object('systemId', system_id, 'transferId', pg_temp.uuid4('bench-gov-transfer-' || i || '-' || (k - 1)),
                 'department', case when k % 18 = 0 then pg_temp.cdept(i, k) else pg_temp.dept(i, k - 1) end,
                 'owner', pg_temp.cown(i, k),
                 'effectiveFrom', (prev_on - case when k % 18 = 0 then 3 else 0 end)::text,
                 'cancelled', false, 'decidedBy', 'bench-co', 'reason', 'wrong owner recorded')
         when 'CX' then jsonb_build_object('systemId', system_id, 'transferId', pg_temp.uuid4('bench-gov-transfer-' || i || '-' || (k - 1)),
                 'department', pg_temp.dept(i, k - 1), 'owner', pg_temp.own(i, k - 1), 'effectiveFrom', prev_on::text,
                 'cancelled', true, 'decidedBy', 'bench-co', 'reason', 'the transfer never happened')
         else jsonb_build_object('systemId', system_id, 'transferId', system_id, 'department', pg_temp.dept(i, 0),
                 'owner', pg_temp.cown(i, 1), 'effectiveFrom', reg_on::text, 'cancelled', false, 'decidedBy', 'bench-co',
                 'reason', 'registered with the wrong owner')
       end,
       'own'
  from bslot,
       lateral (select case
                  when k - 1 = 0 then pg_temp.dept(i, 0)
                  when k - 1 = 1 and i % 50 = 0 then pg_temp.dept(i, 0)
                  when (k - 1) % 12 = 0 then pg_temp.dept(i, k - 3)
                  when (k - 1) % 6 = 0 then case when (k - 1) % 18 = 0 then pg_temp.cdept(i, k - 1) else pg_temp.dept(i, k - 2) end
                  else pg_temp.dept(i, k - 1) end as dept,
                case
                  when k - 1 = 0 then pg_temp.own(i, 0)
                  when k - 1 = 1 and i % 50 = 0 then pg_temp.cown(i, 1)
                  when (k - 1) % 12 = 0 then pg_temp.own(i, k - 3)
                  when (k - 1) % 6 = 0 then pg_temp.cown(i, k - 1)
                  else pg_temp.own(i, k - 1) end as owner) f;

-- classifications: 70 % of the systems, 30 days after registration
insert into bev
select 'ai-system', system_id::text, pg_temp.ts(reg_on + 30, 36000 + (i * 11 % 10) * 86400 + i % 600), 100, 'ai-system.classified',
       jsonb_build_object('systemId', system_id, 'role', case when i % 30 = 0 then 'PROVIDER' else 'DEPLOYER' end,
              'riskTier', tier, 'annexIIIArea', case when tier = 'HIGH' then
                  (array['BIOMETRICS', 'CRITICAL_INFRASTRUCTURE', 'EDUCATION', 'EMPLOYMENT', 'ESSENTIAL_SERVICES', 'LAW_ENFORCEMENT',
                         'MIGRATION_ASYLUM_BORDER', 'JUSTICE_AND_DEMOCRACY'])[1 + i % 8] end,
              'screening', jsonb_build_object('a', tier = 'PROHIBITED', 'b', false, 'c', false, 'd', false, 'e', false, 'f', false,
                                              'g', false, 'h', false),
              'transparencyDuties', case when tier = 'LIMITED' then '["INTERACTS_WITH_PEOPLE"]'::jsonb else '[]'::jsonb end,
              'prohibited', tier = 'PROHIBITED', 'reason', 'initial assessment', 'effectiveFrom', (reg_on + 30)::text),
       'cls'
  from (select *, case when i % 20 in (1, 2, 11, 12) then 'HIGH' when i % 20 in (3, 4, 13) then 'LIMITED'
                       when i % 20 = 5 then 'PROHIBITED' else 'MINIMAL' end as tier
          from bsys where i % 10 < 7) s;

-- reclassification of every 10th (MINIMAL -> LIMITED) 400 days after registration
insert into bev
select 'ai-system', system_id::text, pg_temp.ts(reg_on + 402, 36000 + i % 600), 101, 'ai-system.classified',
       jsonb_build_object('systemId', system_id, 'role', case when i % 30 = 0 then 'PROVIDER' else 'DEPLOYER' end,
              'riskTier', 'LIMITED', 'annexIIIArea', null,
              'screening', jsonb_build_object('a', false, 'b', false, 'c', false, 'd', false, 'e', false, 'f', false, 'g', false, 'h', false),
              'transparencyDuties', '["SYNTHETIC_CONTENT"]'::jsonb, 'prohibited', false, 'reason', 'now generates content',
              'effectiveFrom', (reg_on + 400)::text),
       'cls'
  from bsys where i % 10 = 0;

-- obligations of 3 of 4 high-risk systems (i % 20 = 2 has none), complete only for i % 20 = 1
insert into bev
select 'ai-system', system_id::text, pg_temp.ts(reg_on + 45, 39600 + i % 600), 102, 'ai-system.obligations-recorded',
       jsonb_build_object('systemId', system_id, 'oversightPersons', jsonb_build_array(pg_temp.person(i * 53 + 11)),
              'workersInformedOn', case when i % 20 = 1 then (reg_on + 50)::text end,
              'logRetentionMonths', case when i % 20 <> 12 then 12 end,
              'friaStatus', case i % 20 when 1 then 'COMPLETED' when 11 then 'IN_PROGRESS' else 'REQUIRED' end,
              'friaSummary', case when i % 20 = 1 then 'no residual risk to fundamental rights' end,
              'euRegistrationApplies', true, 'euDatabaseRef', case when i % 20 = 1 then 'EU-DB-' || i end,
              'effectiveFrom', (reg_on + 45)::text),
       'obl'
  from bsys where i % 20 in (1, 11, 12);

-- lifecycle: every 4th PILOT -> PRODUCTION after 120 days; every 25th RETIRED after 400 days
insert into bev
select 'ai-system', system_id::text, pg_temp.ts(reg_on + 121, 43200 + i % 600), 103, 'ai-system.lifecycle-changed',
       jsonb_build_object('systemId', system_id, 'from', 'PILOT', 'to', 'PRODUCTION', 'reason', 'pilot succeeded',
                          'effectiveFrom', (reg_on + 120)::text),
       'lc'
  from bsys where i % 4 = 0;
insert into bev
select 'ai-system', system_id::text, pg_temp.ts(reg_on + 401, 46800 + i % 600), 104, 'ai-system.lifecycle-changed',
       jsonb_build_object('systemId', system_id, 'from', case when i % 4 = 0 then 'PRODUCTION' else lifecycle end, 'to', 'RETIRED',
                          'reason', 'replaced', 'effectiveFrom', (reg_on + 400)::text),
       'lc'
  from bsys where i % 25 = 0;

-- a serious incident on every 200th, the provider told for half of them
insert into bev
select 'ai-system', system_id::text, pg_temp.ts(reg_on + 201, 50400 + i % 600), 105, 'ai-system.incident-recorded',
       jsonb_build_object('systemId', system_id, 'incidentId', pg_temp.uuid4('bench-gov-incident-' || i),
              'summary', 'wrong answer shown to a customer', 'occurredAt', pg_temp.utc(pg_temp.ts(reg_on + 200, 36000)),
              'serious', true,
              'providerInformedAt', case when i % 400 = 0 then pg_temp.utc(pg_temp.ts(reg_on + 201, 36000)) end,
              'authorityInformedAt', null),
       'inc'
  from bsys where i % 200 = 0;

-- AI-literacy training of two thirds of the persons
insert into bev
select 'person', pg_temp.person(j), pg_temp.ts(:'start'::date + (j * 7 % 900) + 2, 28800 + j % 3600), 0, 'person.training-recorded',
       jsonb_build_object('personId', pg_temp.person(j), 'trainingId', pg_temp.uuid4('bench-gov-training-' || j),
              'course', 'AI literacy basics', 'provider', 'Internal academy',
              'completedOn', (:'start'::date + (j * 7 % 900))::text,
              'validUntil', case when j % 10 <> 1 then (:'start'::date + (j * 7 % 900) + 730)::text end),
       'trn'
  from generate_series(0, 4999) as j where j % 3 <> 0;

select key, event_type, count(*) from bev group by 1, 2 order by 1, 2;

begin;
insert into es_event (event_id, stream_type, stream_id, stream_version, event_type, schema_version, payload, actor,
                      correlation_id, causation_id, occurred_at, recorded_at)
select pg_temp.uuid4('bench-gov-event-' || stream_id || '-' || v), stream_type, stream_id, v, event_type, 1, payload, 'bench-co',
       pg_temp.uuid4('bench-gov-correlation-' || stream_id || '-' || v)::text,
       pg_temp.uuid4('bench-gov-causation-' || stream_id || '-' || v)::text,
       recorded_at - interval '20 milliseconds', recorded_at
  from (select *, row_number() over (partition by stream_type, stream_id order by recorded_at, sub) as v from bev) e
 order by recorded_at, stream_id, v;

update es_relay_checkpoint
   set last_transaction_id = pg_current_xact_id(),
       last_position = (select max(global_position) from es_event),
       updated_at = now()
 where relay = 'kafka';
commit;
