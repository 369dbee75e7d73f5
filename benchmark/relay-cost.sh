#!/usr/bin/env bash
# The outbox relay's database cost per poll as the event store grows (see benchmark/RELAY.md):
#
#   flock /work/bench.lock benchmark/relay-cost.sh        # on a shared machine: one benchmark at a time
#
# 1. a fresh database (bench_relay, dropped and recreated) on the PostgreSQL at localhost:$PG_PORT, with
#    the event-sourcing migrations (event-sourcing/src/main/resources/db/eventsourcing/V*.sql) applied;
# 2. for each size in SIZES (default 10000 100000 1000000): appends events up to that size in real
#    transactions of 500 (4 versions per stream), ANALYZE, and sets the relay checkpoint at the end;
# 3. runs each relay statement set with pgbench (-M prepared, so custom and then generic plans as the
#    relay's JDBC connection gets them; 1 client, DURATION seconds each), main's (14e26ed) and this
#    branch's side by side in the same run:
#      poll-main / poll-new     an idle poll: the batch read and the "more beyond" check, checkpoint at
#                               the end of the store (the normal case; the relay polls every 10-50 ms
#                               while the xmin gate holds and after every batch)
#      batch                    a busy poll: a full batch of 500 read beyond the checkpoint (same SQL in both)
#      gauges-main / gauges-new the gauge refresh (every 5 s)
#    and records, per statement set, the mean latency (pgbench) and, for the two idle polls, the shared
#    buffers one execution of the "more beyond" check touches as a prepared statement after six
#    executions (EXPLAIN (ANALYZE, BUFFERS) EXECUTE: work, not time, so other load on the machine does
#    not disturb it);
# 4. writes benchmark/target/relay-<time>/summary.md (the table for RELAY.md) and drops the database.
#
# Needs psql, pgbench and a PostgreSQL superuser (su postgres -c psql, or
# PG_ADMIN_URL=postgresql://user:pw@host:port/postgres). No Kafka, no service: the relay's Kafka side
# does not depend on the store's size; its database side is these statements.
# Knobs: SIZES="10000 100000 1000000" DURATION=10 PG_PORT=5432 DB=bench_relay
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
SIZES=${SIZES:-10000 100000 1000000}
DURATION=${DURATION:-10}
PG_PORT=${PG_PORT:-5432}
DB=${DB:-bench_relay}
RUN=$(date -u +%Y%m%dT%H%M%S)
OUT=$ROOT/benchmark/target/relay-$RUN
mkdir -p "$OUT"

log() { printf '==> %s\n' "$*" >&2; }

admin_psql() {
  if [[ -n ${PG_ADMIN_URL:-} ]]; then
    psql "$PG_ADMIN_URL" -X -q -v ON_ERROR_STOP=1 "$@"
  elif [[ $(id -u) == 0 ]]; then
    su postgres -c "psql -X -q -p $PG_PORT -v ON_ERROR_STOP=1 $(printf '%q ' "$@")"
  else
    sudo -u postgres psql -X -q -p "$PG_PORT" -v ON_ERROR_STOP=1 "$@"
  fi
}
db_url() {
  if [[ -n ${PG_ADMIN_URL:-} ]]; then printf '%s' "${PG_ADMIN_URL%/*}/$DB"; else printf 'postgresql://postgres@localhost:%s/%s' "$PG_PORT" "$DB"; fi
}
db_psql() {
  if [[ -n ${PG_ADMIN_URL:-} ]]; then
    psql "$(db_url)" -X -q -v ON_ERROR_STOP=1 "$@"
  else
    admin_psql -d "$DB" "$@"
  fi
}
run_pgbench() {
  if [[ -n ${PG_ADMIN_URL:-} ]]; then
    pgbench "$@" "$(db_url)"
  elif [[ $(id -u) == 0 ]]; then
    su postgres -c "pgbench -p $PG_PORT $(printf '%q ' "$@") $DB"
  else
    sudo -u postgres pgbench -p "$PG_PORT" "$@" "$DB"
  fi
}

# Shared buffers one execution of a prepared statement ($1 xid8, $2 bigint) touches at checkpoint
# $tx/$pos, after the six executions that let the plan cache settle on its plan, as on the relay's connection.
buffers_of() {
  db_psql -At <<SQL | jq '.[0].Plan["Shared Hit Blocks"] + .[0].Plan["Shared Read Blocks"]'
prepare q(xid8, bigint) as $1;
\o /dev/null
execute q('$tx', $pos); execute q('$tx', $pos); execute q('$tx', $pos);
execute q('$tx', $pos); execute q('$tx', $pos); execute q('$tx', $pos);
\o
explain (analyze, buffers, format json) execute q('$tx', $pos);
SQL
}

admin_psql -d postgres -c "drop database if exists $DB with (force)" -c "create database $DB"
for migration in "$ROOT"/event-sourcing/src/main/resources/db/eventsourcing/V*.sql; do
  db_psql -f "$migration"
done
chmod -R a+r "$BENCH_DIR/relay"

{
  echo "| stored events | statement set | mean latency (ms) | buffers touched by \"more beyond\" |"
  echo "|---:|---|---:|---:|"
} > "$OUT/summary.md"

have=0
for size in $SIZES; do
  log "seeding up to $size events"
  db_psql -c "set synchronous_commit = off" -c "do \$\$ declare per int := 500; begin
      for t in $((have / 500))..$((size / 500 - 1)) loop
        insert into es_event (event_id, stream_type, stream_id, stream_version, event_type, schema_version, payload, actor, occurred_at)
        select gen_random_uuid(), 'widget', 'w-' || ((t * per + i) / 4), (t * per + i) % 4 + 1, 'widget.changed', 1,
               '{\"n\": 1}', 'bench', now() from generate_series(0, per - 1) i;
        commit;
      end loop; end \$\$" -c "analyze es_event"
  have=$size
  read -r end_tx end_pos < <(db_psql -At -F ' ' -c "select transaction_id::text, global_position from es_event
      order by transaction_id desc, global_position desc limit 1")
  read -r busy_tx busy_pos < <(db_psql -At -F ' ' -c "select transaction_id::text, global_position from es_event
      order by transaction_id desc, global_position desc offset 500 limit 1")
  db_psql -c "update es_relay_checkpoint set last_transaction_id = '$end_tx', last_position = $end_pos where relay = 'kafka'"
  for set in poll-main poll-new batch gauges-main gauges-new; do
    tx=$end_tx pos=$end_pos
    [[ $set == batch ]] && tx=$busy_tx pos=$busy_pos
    log "$size events: $set (${DURATION}s)"
    run_pgbench -n -M prepared -c 1 -j 1 -T "$DURATION" -D tx="$tx" -D pos="$pos" \
      -f "$BENCH_DIR/relay/$set.sql" > "$OUT/$size-$set.txt" 2>&1
    latency=$(sed -n 's/^latency average = \([0-9.]*\) ms$/\1/p' "$OUT/$size-$set.txt")
    case $set in
      poll-main) buffers=$(buffers_of "select exists (select 1 from es_event where (transaction_id, global_position) > (\$1, \$2))") ;;
      poll-new)  buffers=$(buffers_of "select 1 from es_event where (transaction_id, global_position) > (\$1, \$2)
                   order by transaction_id, global_position limit 1") ;;
      *) buffers='' ;;
    esac
    echo "| $size | $set | ${latency:-?} | $buffers |" >> "$OUT/summary.md"
  done
done

admin_psql -d postgres -c "drop database if exists $DB with (force)"
{
  echo
  echo "Machine: $(nproc) cores, $(uname -r); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg); $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "Command: $0 (SIZES=\"$SIZES\" DURATION=$DURATION); raw pgbench output in $OUT"
} >> "$OUT/summary.md"
cat "$OUT/summary.md"
