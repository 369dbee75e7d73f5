-- dashboard-service: what the topics tell, folded by one writer. Versions 1-99 are event-sourcing's
-- (its tables stay empty here but for es_processed_event, the consumers' idempotency marks).

-- The activity feed's head: one row, the last id handed out. Every consumed event that adds a feed
-- item increments it in its own transaction (as the transaction's last statement), so the row lock
-- queues the writers: ids are dense (a rollback gives its id back, unlike a sequence) and commit in
-- id order, so a reader that sees id n has seen every id below it.
create table dashboard_feed_head (
    singleton boolean primary key default true check (singleton),
    last_id   bigint not null
);
insert into dashboard_feed_head (singleton, last_id) values (true, 0);

create table dashboard_feed (
    id          bigint primary key,
    event_id    uuid not null unique,
    type        text not null,
    department  text,
    subject     text not null,
    title       text,
    occurred_at timestamptz not null,
    summary     text not null
);
-- a department-scoped replay and a department-filtered page walk this index
create index dashboard_feed_department_idx on dashboard_feed (department, id);

-- Departments as the streams name them: department.established / .changed give the name, any other
-- event the id alone (name = id until governance names it).
create table dashboard_department (
    id    text primary key,
    name  text not null,
    named boolean not null default false
);

-- Which department (and title) an aggregate belongs to, for the events that do not carry it
-- (idea.revised, experiment.learning-recorded, revisit.rescheduled, ai-system.classified, ...).
create table dashboard_subject (
    subject    text primary key,
    kind       text not null,
    department text,
    title      text
);

-- The funnel, counted by transitions, per department and UTC day.
create table dashboard_transition_count (
    day        date not null,
    department text not null,
    transition text not null,
    n          bigint not null,
    primary key (day, department, transition)
);

-- Per idea: when it entered its current stage (medians, the oldest waiting idea).
create table dashboard_idea (
    idea_id               uuid primary key,
    department            text not null,
    title                 text,
    waiting_since         timestamptz,   -- submitted or reopened and not yet approved, rejected or withdrawn
    approved_at           timestamptz,
    experiment_started_at timestamptz
);
create index dashboard_idea_waiting_idx on dashboard_idea (waiting_since) where waiting_since is not null;

-- One row per completed stage of an idea: the medians per stage come from here.
create table dashboard_stage (
    idea_id    uuid not null,
    stage      text not null,        -- decision | to-experiment | experiment
    ended_at   timestamptz not null,
    department text not null,
    days       double precision not null,
    primary key (idea_id, stage, ended_at)
);
create index dashboard_stage_ended_idx on dashboard_stage (ended_at);

-- The revisit list as revisit.case tells it.
create table dashboard_revisit (
    case_id    uuid primary key,
    idea_id    uuid,
    department text,
    title      text,
    tool       text,
    status     text not null,        -- SCHEDULED | DUE | CLOSED
    cycle      integer not null,
    due_at     timestamptz,
    updated_at timestamptz not null
);
create index dashboard_revisit_open_idx on dashboard_revisit (status, due_at) where status <> 'CLOSED';

-- governance.finding: open until resolved.
create table dashboard_finding (
    finding_id  uuid primary key,
    idea_id     uuid not null,
    department  text,
    kind        text not null,
    tool        text,
    raised_at   timestamptz not null,
    resolved_at timestamptz
);

-- governance.ai-system: what the gaps by article and the AI-literacy coverage need.
create table dashboard_system (
    system_id            uuid primary key,
    name                 text,
    department           text,
    owner                text,
    lifecycle            text,
    risk_tier            text,
    prohibited           boolean not null default false,
    obligations_recorded boolean not null default false,
    oversight_persons    integer not null default 0,
    workers_informed     boolean not null default false,
    log_retention_months integer,
    fria_status          text,
    scaled               boolean not null default false
);

create table dashboard_incident (
    incident_id        uuid primary key,
    system_id          uuid not null,
    serious            boolean not null,
    authority_informed boolean not null
);

-- governance.person: AI-literacy training, the latest expiry per person ('infinity': does not expire).
create table dashboard_training (
    person_id  text primary key,
    valid_until date not null
);
