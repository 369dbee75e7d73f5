-- An idea can come back from the revisit list (idea.reopened): when, how often, and which revisit case did it.
alter table idea_view add column reopened_at timestamptz;
alter table idea_view add column reopen_count integer not null default 0;
alter table idea_view add column revisit_case_id uuid;
create index idea_view_reopened_idx on idea_view (reopened_at) where reopened_at is not null;
