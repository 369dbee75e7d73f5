-- governance-service read models. All of them are projections of es_event and can be rebuilt
-- (POST /admin/projections/{name}/rebuild). Bitemporal tables carry two times per row:
--   effective_from  the business date from which the fact holds (may lie in the past or the future);
--   recorded_at     when the event store recorded it (es_event.recorded_at): "as known at".

-- Departments: the current definition, and every definition with its effective date.
create table gov_department (
    department_id  text primary key,
    name           text        not null,
    director       text        not null,
    managers       text        not null,   -- JSON array of person ids
    ambassadors    text        not null,   -- JSON array of person ids
    effective_from date        not null,
    version        bigint      not null,
    updated_at     timestamptz not null
);

create table gov_department_version (
    event_id       uuid primary key,
    department_id  text        not null,
    effective_from date        not null,
    recorded_at    timestamptz not null,
    name           text        not null,
    director       text        not null,
    managers       text        not null,
    ambassadors    text        not null,
    reason         text
);
create index gov_department_version_lookup on gov_department_version (department_id, effective_from desc, recorded_at desc);

-- Persons: the only place a display name is kept (erasure removes it here and in the person stream).
create table gov_person (
    person_id    text primary key,
    display_name text,
    version      bigint      not null,
    updated_at   timestamptz not null
);

create table gov_training (
    training_id  uuid primary key,
    person_id    text        not null,
    course       text        not null,
    provider     text        not null,
    completed_on date        not null,
    valid_until  date,
    recorded_at  timestamptz not null
);
create index gov_training_person on gov_training (person_id, completed_on);

-- The AI-system register: one row per system, its current state.
create table gov_system (
    system_id        uuid primary key,
    name             text        not null,
    tool             text        not null,
    vendor           text,
    purpose          text,
    scope            text,
    data_class       text        not null,
    origin           text        not null,
    experiment_id    uuid unique,
    idea_id          uuid,
    lead             text,
    registered_on    date        not null,
    registered_at    timestamptz not null,
    -- the lifecycle it was registered with; owner, department, lifecycle and classification on any
    -- date come from the bitemporal tables below
    initial_lifecycle text       not null,
    version          bigint      not null,
    updated_at       timestamptz not null
);

-- Ownership assertions, bitemporal. A transfer (or the registration) is one assertion; a correction
-- supersedes the transfer's current assertion (superseded_at = when the correction was recorded) and
-- adds the corrected one. As of date D, as known at K: the assertion recorded by K, not superseded by
-- K, not cancelled, with the latest effective_from <= D (ties: the later recorded).
create table gov_ownership (
    assertion_id    uuid primary key,  -- the event id
    system_id       uuid        not null,
    transfer_id     uuid        not null,
    kind            text        not null,  -- REGISTRATION, TRANSFER, CORRECTION
    effective_from  date        not null,
    recorded_at     timestamptz not null,
    superseded_at   timestamptz,
    cancelled       boolean     not null default false,
    from_department text,
    from_owner      text,
    department      text,
    owner           text,
    decided_by      text,
    reason          text
);
create index gov_ownership_lookup on gov_ownership (system_id, effective_from desc, recorded_at desc);
create index gov_ownership_transfer on gov_ownership (transfer_id) where superseded_at is null;

-- Lifecycle (PILOT, SCALING, PRODUCTION, RETIRED), classification and deployer obligations: each
-- recorded value holds from its effective date until a later one (as known at recorded_at).
create table gov_lifecycle (
    event_id       uuid primary key,
    system_id      uuid        not null,
    effective_from date        not null,
    recorded_at    timestamptz not null,
    lifecycle      text        not null,
    reason         text
);
create index gov_lifecycle_lookup on gov_lifecycle (system_id, effective_from desc, recorded_at desc);

create table gov_classification (
    event_id       uuid primary key,
    system_id      uuid        not null,
    effective_from date        not null,
    recorded_at    timestamptz not null,
    role           text        not null,
    risk_tier      text        not null,
    annex_iii_area text,
    prohibited     boolean     not null,
    screening      text        not null,  -- JSON object a..h
    transparency   text        not null   -- JSON array
);
create index gov_classification_lookup on gov_classification (system_id, effective_from desc, recorded_at desc);

create table gov_obligations (
    event_id               uuid primary key,
    system_id              uuid        not null,
    effective_from         date        not null,
    recorded_at            timestamptz not null,
    oversight              text        not null,  -- JSON array of person ids
    workers_informed_on    date,
    log_retention_months   integer,
    fria_status            text,
    fria_summary           text,
    eu_registration_applies boolean    not null,
    eu_database_ref        text
);
create index gov_obligations_lookup on gov_obligations (system_id, effective_from desc, recorded_at desc);

create table gov_incident (
    incident_id          uuid primary key,
    system_id            uuid        not null,
    summary              text        not null,
    occurred_at          timestamptz not null,
    serious              boolean     not null,
    provider_informed_at timestamptz,
    authority_informed_at timestamptz,
    recorded_at          timestamptz not null,
    updated_at           timestamptz not null
);
create index gov_incident_system on gov_incident (system_id, occurred_at);

-- Approved tools: one row per tool (its latest approval), and every approval term for "as of D".
create table gov_tool (
    tool_id        uuid primary key,
    tool           text        not null,
    tool_key       text        not null unique,
    vendor         text        not null,
    allowed        text        not null,  -- JSON array of data classes
    valid_from     date        not null,
    valid_until    date,
    revoked_on     date,
    note           text,
    version        bigint      not null,
    updated_at     timestamptz not null
);

create table gov_tool_term (
    event_id       uuid primary key,
    tool_id        uuid        not null,
    tool_key       text        not null,
    allowed        text        not null,
    valid_from     date        not null,
    valid_until    date,
    revoked_on     date,
    recorded_at    timestamptz not null
);
create index gov_tool_term_key on gov_tool_term (tool_key, valid_from);

-- Policy findings on ideas (idea.submitted / idea.revised against the approved-tools list).
create table gov_finding (
    finding_id   uuid primary key,
    idea_id      uuid        not null,
    department   text        not null,
    tool         text        not null,
    data_class   text        not null,
    kind         text        not null,
    allowed      text        not null,
    message      text        not null,
    raised_at    timestamptz not null
);
create index gov_finding_idea on gov_finding (idea_id);
create index gov_finding_department on gov_finding (department, raised_at);

-- The audit export reads es_event by recorded time.
create index es_event_recorded_at_idx on es_event (recorded_at, global_position);
