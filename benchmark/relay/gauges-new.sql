-- This branch's gauge refresh (RelayMetrics): the checkpoint row, then RelayQueries.UNPUBLISHED and GATED.
select last_transaction_id::text as ctx, last_position as cpos from es_relay_checkpoint where relay = 'kafka' \gset
select count(*) from (select 1 from es_event where (transaction_id, global_position) > (:ctx::xid8, :cpos)
   order by transaction_id, global_position limit 100000) beyond;
select 1 from es_event where (transaction_id, global_position) > (:ctx::xid8, :cpos)
   and transaction_id >= pg_snapshot_xmin(pg_current_snapshot())
 order by transaction_id, global_position limit 1;
