-- Issue 13 §6: the register's lists page by keyset (README, "Paging the register").
-- /ai-systems, /inventory and /compliance-gaps walk the systems in (name, system_id) order; a system's
-- name never changes, so the order is stable. This index serves that order: a page is an index walk
-- from the cursor's key, stopping after the page's rows.
create index gov_system_name_order on gov_system (name, system_id);

-- /findings answers as known at a knowledge point too: a finding is known when its finding.raised
-- event is stamped, resolved when its finding.resolved event is.
alter table gov_finding add column event_id uuid;
alter table gov_finding add column resolved_event_id uuid;
update gov_finding f set event_id = e.event_id from es_event e
where e.stream_type = 'finding' and e.stream_id = cast(f.finding_id as text) and e.event_type = 'finding.raised';
update gov_finding f set resolved_event_id = e.event_id from es_event e
where e.stream_type = 'finding' and e.stream_id = cast(f.finding_id as text) and e.event_type = 'finding.resolved';
alter table gov_finding alter column event_id set not null;

-- Newest first, (raised_at, finding_id) descending (a backward index scan): the keyset order of /findings, alone, per department
-- and per idea.
create index gov_finding_order on gov_finding (raised_at, finding_id);
drop index gov_finding_department;
create index gov_finding_department on gov_finding (department, raised_at, finding_id);
drop index gov_finding_idea;
create index gov_finding_idea on gov_finding (idea_id, raised_at, finding_id);
