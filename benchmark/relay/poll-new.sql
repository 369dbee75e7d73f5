-- One idle poll of this branch's relay (RelayQueries.BATCH + MORE_BEYOND), checkpoint :tx/:pos.
select event_id, global_position, transaction_id::text as transaction_id_text from es_event
 where (transaction_id, global_position) > (:tx::xid8, :pos)
   and transaction_id < pg_snapshot_xmin(pg_current_snapshot())
 order by transaction_id, global_position limit 500;
select 1 from es_event where (transaction_id, global_position) > (:tx::xid8, :pos)
 order by transaction_id, global_position limit 1;
