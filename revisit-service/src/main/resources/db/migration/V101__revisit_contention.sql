-- Issue 12 section 6: revisit under contention.

-- The tool-name key the matching uses (ToolName.key: stripped, whitespace runs made one space,
-- lower-cased), kept by CaseProjection; waiting cases are found by it when a tool is approved.
alter table revisit_case add column tool_key text;
update revisit_case set tool_key = lower(regexp_replace(btrim(tool, E' \t\r\n'), '[[:space:]]+', ' ', 'g'))
 where tool is not null and btrim(tool) <> '';
create index revisit_case_tool_key_idx on revisit_case (tool_key, case_id) where status = 'SCHEDULED';

-- Tools governance approved (tool.approved) and not revoked since (tool.approval-revoked), by key:
-- a case opened later for an approved tool is due at once. bring_forward_pending: the approval's
-- bring-forward of the cases already waiting has not finished yet (it runs in chunks after the
-- approval is recorded, and resumes after a restart).
create table revisit_approved_tool (
    tool_key              text primary key,
    tool                  text        not null,
    approved              boolean     not null,
    event_id              uuid        not null,
    approved_by           text,
    valid_from            date,
    why                   text,
    changed_at            timestamptz not null,
    bring_forward_pending boolean     not null default false
);
create index revisit_approved_tool_pending_idx on revisit_approved_tool (tool_key) where bring_forward_pending;

-- A department policy change records the policy version whose reschedule of the waiting cases has
-- finished; a smaller value (after a crash mid-way) is resumed at start.
alter table revisit_policy add column rescheduled_version bigint not null default 0;
update revisit_policy set rescheduled_version = version;
