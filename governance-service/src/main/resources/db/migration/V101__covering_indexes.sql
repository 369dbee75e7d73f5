-- The as-of lookups (RegisterQueries) read only these columns: with them in the index, a snapshot of
-- the whole register is an index-only scan per system instead of a heap fetch per assertion
-- (benchmark/GOVERNANCE.md: the inventory diff over 10,000 systems and 200,000 ownership events).
drop index gov_ownership_lookup;
create index gov_ownership_lookup on gov_ownership (system_id, effective_from desc, recorded_at desc)
    include (cancelled, superseded_at, department, owner);
drop index gov_lifecycle_lookup;
create index gov_lifecycle_lookup on gov_lifecycle (system_id, effective_from desc, recorded_at desc) include (lifecycle);
