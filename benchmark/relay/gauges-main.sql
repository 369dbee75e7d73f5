-- main's gauge refresh (every 5 s): unpublished count and the xmin-gate check, joined with the checkpoint row.
select count(*) from es_event e, es_relay_checkpoint c where c.relay = 'kafka'
   and (e.transaction_id, e.global_position) > (c.last_transaction_id, c.last_position);
select case when exists (select 1 from es_event e, es_relay_checkpoint c
   where c.relay = 'kafka' and (e.transaction_id, e.global_position) > (c.last_transaction_id, c.last_position)
     and e.transaction_id >= pg_snapshot_xmin(pg_current_snapshot())) then 1 else 0 end;
