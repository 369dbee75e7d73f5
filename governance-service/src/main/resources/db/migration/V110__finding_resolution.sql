-- Issue 13 §5: a finding is resolved by an event when its cause goes away (the tool approved for the
-- idea's data class, or the idea revised).
alter table gov_finding add column resolved_at timestamptz;
alter table gov_finding add column resolution text;
create index gov_finding_open on gov_finding (idea_id) where resolved_at is null;

-- What governance learned about each idea from idea.submitted / idea.revised: idea.revised carries no
-- department, and a tool approval re-checks the ideas with open findings against their current tool and
-- data class. Written by the consumer of experiments-service's idea events, in its transaction.
create table gov_idea (
    idea_id    uuid primary key,
    department text        not null,
    tool       text        not null,
    tool_key   text        not null,
    data_class text        not null,
    updated_at timestamptz not null
);
create index gov_idea_tool on gov_idea (tool_key);
