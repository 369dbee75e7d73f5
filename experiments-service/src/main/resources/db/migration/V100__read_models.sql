-- experiments-service read models. They are projections of es_event, updated in the same
-- transaction as each append, and can be rebuilt from the event store at any time.

create table idea_view (
    idea_id               uuid primary key,
    version               bigint      not null,
    status                text        not null,
    title                 text        not null,
    problem               text        not null,
    ai_tool               text        not null,
    data_classification   text        not null,
    benefit_category      text        not null,
    department            text        not null,
    submitter             text        not null,
    submitted_at          timestamptz not null,
    updated_at            timestamptz not null,
    decision              text,
    decided_at            timestamptz,
    decided_by            text,
    decision_comment      text,
    rejection_reason      text,
    revisit_after         text,
    funding               jsonb,
    withdrawal_reason     text,
    running_experiment_id uuid,
    experiment_count      integer     not null default 0
);

create index idea_view_department_idx on idea_view (department, submitted_at desc);
create index idea_view_status_idx on idea_view (status, submitted_at desc);
create index idea_view_submitted_idx on idea_view (submitted_at desc, idea_id);

create table experiment_view (
    experiment_id     uuid primary key,
    version           bigint      not null,
    idea_id           uuid        not null,
    title             text        not null,
    department        text        not null,
    lead              text        not null,
    scope             text        not null,
    tool              text        not null,
    start_date        date        not null,
    planned_end_date  date        not null,
    success_criteria  jsonb       not null,
    funding           jsonb       not null,
    status            text        not null,
    started_by        text        not null,
    started_at        timestamptz not null,
    updated_at        timestamptz not null,
    outcome           text,
    recommendation    text,
    summary           text,
    abandon_reason    text,
    ended_at          timestamptz,
    ended_by          text,
    learning_count    integer     not null default 0
);

create index experiment_view_department_idx on experiment_view (department, started_at desc);
create index experiment_view_status_idx on experiment_view (status, planned_end_date);
create index experiment_view_idea_idx on experiment_view (idea_id);

create table learning_view (
    learning_id      uuid primary key,
    experiment_id    uuid        not null,
    experiment_title text        not null,
    department       text        not null,
    tool             text        not null,
    category         text        not null,
    text             text        not null,
    recorded_by      text        not null,
    recorded_at      timestamptz not null,
    search           tsvector generated always as (
        setweight(to_tsvector('english', coalesce(experiment_title, '')), 'A') ||
        setweight(to_tsvector('english', coalesce(tool, '')), 'A') ||
        setweight(to_tsvector('english', coalesce(text, '')), 'B')
    ) stored
);

create index learning_view_search_idx on learning_view using gin (search);
create index learning_view_experiment_idx on learning_view (experiment_id, recorded_at);
