-- The AI-scan (README, "The AI-scan"): scans, every answer and revision, every setting of a department's targets.
-- Answers and targets are facts (one row per event), read as known at a point through gov_knowledge (V102).

create table gov_scan (
    scan_id          uuid primary key,
    department       text        not null,
    label            text        not null,
    period_from      date        not null,
    period_to        date        not null,
    opened_event_id  uuid        not null unique,
    opened_at        timestamptz not null,
    closed_on        date,
    closed_event_id  uuid unique,
    version          bigint      not null
);
-- a department's trend: its scans by period
create index gov_scan_department on gov_scan (department, period_from, scan_id);

create table gov_scan_answer (
    event_id        uuid primary key,
    scan_id         uuid        not null,
    respondent      text        not null,
    data            smallint    not null check (data between 1 and 5),
    technology      smallint    not null check (technology between 1 and 5),
    customer_focus  smallint    not null check (customer_focus between 1 and 5),
    ai_literacy     smallint    not null check (ai_literacy between 1 and 5),
    recorded_at     timestamptz not null
);
create index gov_scan_answer_scan on gov_scan_answer (scan_id, respondent);

create table gov_scan_target (
    event_id        uuid primary key,
    department      text        not null,
    data            smallint check (data between 1 and 5),
    technology      smallint check (technology between 1 and 5),
    customer_focus  smallint check (customer_focus between 1 and 5),
    ai_literacy     smallint check (ai_literacy between 1 and 5),
    reason          text,
    recorded_at     timestamptz not null
);
create index gov_scan_target_department on gov_scan_target (department);
