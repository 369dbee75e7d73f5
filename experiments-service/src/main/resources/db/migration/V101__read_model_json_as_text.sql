-- The read models keep their few structured values (funding, success criteria) as JSON text: they
-- are only ever read back whole, and text maps cleanly through the reactive driver. The event store
-- keeps jsonb. Read models are projections: they can be rebuilt at any time.
alter table idea_view alter column funding type text using funding::text;
alter table experiment_view alter column success_criteria type text using success_criteria::text;
alter table experiment_view alter column funding type text using funding::text;
