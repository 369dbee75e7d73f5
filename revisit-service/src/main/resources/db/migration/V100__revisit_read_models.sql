-- revisit-service read models: projections of es_event, updated in the same transaction as each
-- append (the scheduler's revisit.due batches included), and rebuildable at any time.

create table revisit_case (
    case_id            uuid primary key,
    version            bigint      not null,
    status             text        not null,
    cycle              integer     not null,
    cycle_started_at   timestamptz not null,
    due_at             timestamptz not null,
    due_since          timestamptz,
    last_fired_cycle   integer     not null default 0,
    source             text        not null,
    idea_id            uuid,
    experiment_id      uuid,
    department         text        not null,
    title              text,
    tool               text,
    submitter          text,
    rejection_reason   text,
    outcome            text,
    recommendation     text,
    explanation        text,
    decided_by         text,
    case_interval      text,
    interval           text        not null,
    interval_source    text        not null,
    opened_at          timestamptz not null,
    updated_at         timestamptz not null,
    closed_at          timestamptz,
    closure            text,
    closure_note       text,
    evaluations        integer     not null default 0,
    source_event_id    uuid        not null,
    source_event_type  text        not null
);

-- the scheduler: the earliest waiting cases first (claim and next due time)
create index revisit_case_waiting_idx on revisit_case (due_at) where status = 'SCHEDULED';
create index revisit_case_department_idx on revisit_case (department, status, due_at);
create index revisit_case_tool_idx on revisit_case (tool, status);
create index revisit_case_list_idx on revisit_case ((case status when 'DUE' then 0 when 'SCHEDULED' then 1 else 2 end), due_at, case_id);

create table revisit_policy (
    department  text primary key,
    version     bigint      not null,
    interval    text,
    set_by      text        not null,
    set_at      timestamptz not null,
    reason      text
);
