-- One busy poll (main and this branch alike): read a full batch of 500 beyond checkpoint :tx/:pos.
select event_id, stream_type, stream_id, stream_version, event_type, schema_version, cast(payload as text), actor,
       correlation_id, causation_id, occurred_at, recorded_at, global_position, transaction_id::text as transaction_id_text
  from es_event
 where (transaction_id, global_position) > (:tx::xid8, :pos)
   and transaction_id < pg_snapshot_xmin(pg_current_snapshot())
 order by transaction_id, global_position limit 500;
