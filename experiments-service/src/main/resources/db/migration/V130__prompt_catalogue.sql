-- The prompt catalogue (PromptProjection) and what it needs of governance's approved-tools list
-- (GovernanceToolsConsumer) and of the daily pill (PillService).

-- One row per entry: the served (approved) version's content once there is one, the newest version's before.
create table prompt_entry (
    entry_id             uuid primary key,
    version              bigint      not null,
    department           text        not null,
    author               text        not null,
    status               text        not null,
    latest_version       int         not null,
    latest_status        text        not null,
    served_version       int         not null default 0,
    use_case             text        not null,
    business_function    text        not null,
    text                 text        not null,
    variables            text        not null,
    example_output       text        not null,
    tools                text        not null,
    tool_keys            text        not null,
    max_data_class       text        not null,
    source_learning_id   uuid,
    source_experiment_id uuid,
    use_count            bigint      not null default 0,
    minutes_saved        bigint      not null default 0,
    created_at           timestamptz not null,
    approved_at          timestamptz,
    updated_at           timestamptz not null
);
-- the catalogue's two rankings, of the served entries
create index prompt_entry_by_use on prompt_entry (use_count desc, entry_id) where status = 'APPROVED';
create index prompt_entry_by_minutes on prompt_entry (minutes_saved desc, entry_id) where status = 'APPROVED';
create index prompt_entry_by_department on prompt_entry (department, status);

-- Every version of every entry, kept.
create table prompt_version (
    id                text primary key,
    entry_id          uuid        not null,
    version           int         not null,
    status            text        not null,
    use_case          text        not null,
    business_function text        not null,
    text              text        not null,
    variables         text        not null,
    example_output    text        not null,
    tools             text        not null,
    max_data_class    text        not null,
    written_by        text        not null,
    written_at        timestamptz not null,
    unique (entry_id, version)
);

-- Governance's approvals of tools as tool.approved / tool.approval-revoked told them, in the order consumed
-- (one tool's events share a key, so a partition, so this order is the topic's).
create table prompt_tool_term (
    position      bigserial primary key,
    tool_key      text not null,
    tool          text not null,
    allowed       text not null,
    valid_from    date not null,
    valid_until   date,
    revoked_on    date,
    revoke_reason text
);
create index prompt_tool_term_by_tool on prompt_tool_term (tool_key, position);

-- The daily pill: one row per department and day, written once by the first reader of that day.
create table prompt_pill (
    department text not null,
    day        date not null,
    entry_id   uuid not null,
    primary key (department, day)
);
create index prompt_pill_by_entry on prompt_pill (department, entry_id, day);
