-- Governance findings about an idea's tool or data (idea.finding-recorded), oldest first, as JSON
-- text like the other structured read-model values: shown whole on the idea, never queried inside.
alter table idea_view add column findings text not null default '[]';
