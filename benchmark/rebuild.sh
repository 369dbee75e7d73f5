#!/usr/bin/env bash
# Projection rebuild benchmark (see benchmark/REBUILD.md):
#
#   flock /work/bench.lock benchmark/rebuild.sh
#
# 1. two fresh databases on the PostgreSQL at localhost:$PG_PORT: $DB (the service that rebuilds) and
#    $OTHER_DB (another service on the same server, whose relay lag is measured); a first start of
#    experiments-service on each runs its Flyway migrations;
# 2. seeds $DB with IDEAS=500000 ideas, idea.submitted then idea.revised each (1,000,000 events),
#    with SQL (benchmark/rebuild/seed.sql), relay checkpoint moved past the seed;
# 3. starts experiments-service on each database (SERVICE_JAVA_OPTS=-Xmx512m, as deploy/run.sh);
# 4. writes one event every 100 ms into $OTHER_DB (psql, autocommit) and samples every 0.5 s how old
#    the oldest event is that the other service's relay has not yet published (its checkpoint), and
#    the rebuilding service's RSS;
# 5. after BASELINE=15 s, rebuilds the ideas projection over HTTP (POST /admin/projections/ideas/rebuild,
#    admin token) and waits for the answer; then AFTER=10 s more;
# 6. reports: events replayed, wall time of the rebuild, the rebuilding service's peak RSS (VmHWM),
#    the other relay's lag (max and p99 before and during the rebuild), and checks idea_view
#    (IDEAS rows, all revised).
#
# Needs: experiments-service/target/quarkus-app/quarkus-run.jar (built if missing, or JAR=... for another
# build, e.g. main's, to compare), psql, curl, java, a PostgreSQL superuser (su postgres -c psql, or
# PG_ADMIN_URL=postgresql://user:pw@host:port/postgres) and Kafka at KAFKA_BOOTSTRAP
# (deploy/run.sh --infra-only starts both).
# Knobs: IDEAS=500000 BASELINE=15 AFTER=10 PORT=18191 OTHER_PORT=18192 PG_PORT=5432
#   KAFKA_BOOTSTRAP=localhost:9092 SERVICE_JAVA_OPTS=-Xmx512m DB=bench_rebuild OTHER_DB=bench_rebuild_other
#   CHUNK= (eventsourcing.projection.rebuild.chunk-size, default the service's) REUSE_DB=1 (keep the seeded $DB)
# Output: benchmark/target/rebuild-<time>/ (service logs, lag.csv, rss.csv, summary.txt).
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
cd "$ROOT"

IDEAS=${IDEAS:-500000}
BASELINE=${BASELINE:-15}
AFTER=${AFTER:-10}
PORT=${PORT:-18191}
OTHER_PORT=${OTHER_PORT:-18192}
PG_PORT=${PG_PORT:-5432}
KAFKA_BOOTSTRAP=${KAFKA_BOOTSTRAP:-localhost:9092}
SERVICE_JAVA_OPTS=${SERVICE_JAVA_OPTS:--Xmx512m}
DB=${DB:-bench_rebuild}
OTHER_DB=${OTHER_DB:-bench_rebuild_other}
CHUNK=${CHUNK:-}
REUSE_DB=${REUSE_DB:-0}
JAR=${JAR:-$ROOT/experiments-service/target/quarkus-app/quarkus-run.jar}
DB_USER=adoption
DB_PASSWORD=adoption
RUN=$(date -u +%Y%m%dT%H%M%S)
OUT=$ROOT/benchmark/target/rebuild-$RUN
PREFIX=bench-rebuild-$RUN
mkdir -p "$OUT"

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }
say() { printf '%s\n' "$*" | tee -a "$OUT/summary.txt"; }

command -v psql >/dev/null || die "psql is needed"
command -v curl >/dev/null || die "curl is needed"

admin_psql() {
  if [[ -n ${PG_ADMIN_URL:-} ]]; then
    psql "$PG_ADMIN_URL" -X -q -v ON_ERROR_STOP=1 "$@"
  elif [[ $(id -u) == 0 ]]; then
    su postgres -c "psql -X -q -p $PG_PORT -v ON_ERROR_STOP=1 $(printf '%q ' "$@")"
  else
    sudo -u postgres psql -X -q -p "$PG_PORT" -v ON_ERROR_STOP=1 "$@"
  fi
}
db_psql() { local db=$1; shift; PGPASSWORD=$DB_PASSWORD psql -X -q -h localhost -p "$PG_PORT" -U "$DB_USER" -d "$db" -v ON_ERROR_STOP=1 "$@"; }
sql() { db_psql "$1" -At -c "$2"; }

kafka_host=${KAFKA_BOOTSTRAP%%:*}
kafka_port=${KAFKA_BOOTSTRAP##*:}
(exec 3<>"/dev/tcp/$kafka_host/$kafka_port") 2>/dev/null \
  || die "no Kafka at $KAFKA_BOOTSTRAP (deploy/run.sh --infra-only starts one)"

if [[ ! -f $JAR ]]; then
  log "building experiments-service (./mvnw -q -DskipTests package -pl experiments-service -am)"
  ./mvnw -q -DskipTests package -pl experiments-service -am
fi
APP_DIR=$(dirname "$JAR")

# ------------------------------------------------------------------ processes
PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT

# start_instance <name> <port> <db>: prints the pid
start_instance() {
  local name=$1 port=$2 db=$3 opts=()
  [[ -f $APP_DIR/app-cds.jsa ]] && opts+=(-XX:SharedArchiveFile=app-cds.jsa -Xshare:auto)
  [[ -n $CHUNK ]] && opts+=("-Deventsourcing.projection.rebuild.chunk-size=$CHUNK")
  # shellcheck disable=SC2086 # SERVICE_JAVA_OPTS is a list of JVM options
  env -C "$APP_DIR" \
    QUARKUS_HTTP_PORT="$port" \
    QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://localhost:$PG_PORT/$db" \
    QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://localhost:$PG_PORT/$db" \
    QUARKUS_DATASOURCE_USERNAME="$DB_USER" \
    QUARKUS_DATASOURCE_PASSWORD="$DB_PASSWORD" \
    KAFKA_BOOTSTRAP_SERVERS="$KAFKA_BOOTSTRAP" \
    EVENTSOURCING_RELAY_TOPIC_PREFIX="$PREFIX-$name" \
    MP_JWT_VERIFY_PUBLICKEY_LOCATION="$ROOT/deploy/dev-keys/dev-public-key.pem" \
    MP_JWT_VERIFY_ISSUER=ai-adoption-dev \
    java $SERVICE_JAVA_OPTS "${opts[@]}" "-Dadoption.bench=$RUN-$name" \
      "-Dmp.messaging.incoming.revisit-events.topic=$PREFIX.in.case" \
      "-Dmp.messaging.incoming.revisit-events.group.id=$PREFIX-$name" \
      "-Dmp.messaging.incoming.revisit-events.dead-letter-queue.topic=$PREFIX-$name.revisit-events.dlt" \
      "-Dmp.messaging.incoming.finding-events.topic=$PREFIX.in.finding" \
      "-Dmp.messaging.incoming.finding-events.group.id=$PREFIX-$name" \
      "-Dmp.messaging.incoming.finding-events.dead-letter-queue.topic=$PREFIX-$name.finding-events.dlt" \
      -jar "$(basename "$JAR")" >"$OUT/$name.log" 2>&1 </dev/null &
  echo $!
}

await_ready() {
  local name=$1 port=$2 pid=$3
  for _ in $(seq 1 360); do
    curl -fsS -o /dev/null "http://localhost:$port/q/health/ready" 2>/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || { tail -n 40 "$OUT/$name.log" >&2; die "$name exited before it was ready"; }
    sleep 0.5
  done
  tail -n 40 "$OUT/$name.log" >&2
  die "$name not ready after 180 s"
}

stop_instance() {
  local pid=$1
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.2; done
  kill -9 "$pid" 2>/dev/null || true
}

status_kb() { awk -v k="$2:" '$1 == k {print $2}' "/proc/$1/status"; }
now_ms() { date +%s%3N; }

# ------------------------------------------------------------------ databases
fresh_db() {
  admin_psql -c "drop database if exists $1 with (force)" -c "create database $1 owner $DB_USER"
}
if [[ $REUSE_DB == 1 ]]; then
  [[ $(sql "$DB" "select count(*) from es_event where stream_type = 'idea'") -gt 0 ]] || die "REUSE_DB=1 but $DB has no ideas"
  log "reusing $DB"
else
  fresh_db "$DB"
fi
fresh_db "$OTHER_DB"
if [[ $REUSE_DB != 1 ]]; then
  log "migrating $DB (one start of the service)"
  pid=$(start_instance migrate "$PORT" "$DB"); PIDS+=("$pid")
  await_ready migrate "$PORT" "$pid"
  stop_instance "$pid"
  log "seeding $DB: $IDEAS ideas, $((2 * IDEAS)) events (benchmark/rebuild/seed.sql)"
  db_psql "$DB" -v ideas="$IDEAS" -f "$BENCH_DIR/rebuild/seed.sql" >"$OUT/seed.txt"
fi
EVENTS=$(sql "$DB" "select count(*) from es_event where stream_type = 'idea'")

log "starting experiments-service on $DB (port $PORT) and on $OTHER_DB (port $OTHER_PORT)"
PID=$(start_instance rebuilding "$PORT" "$DB"); PIDS+=("$PID")
OTHER_PID=$(start_instance other "$OTHER_PORT" "$OTHER_DB"); PIDS+=("$OTHER_PID")
await_ready rebuilding "$PORT" "$PID"
await_ready other "$OTHER_PORT" "$OTHER_PID"

# ------------------------------------------------------------------ load on the other database, samplers
( while :; do
    sql "$OTHER_DB" "insert into es_event (event_id, stream_type, stream_id, stream_version, event_type, schema_version,
       payload, actor, occurred_at) values (gen_random_uuid(), 'tick', gen_random_uuid()::text, 1, 'tick.happened', 1,
       '{}', 'bench', now())" >/dev/null
    sleep 0.1
  done ) &
LOAD_PID=$!; PIDS+=("$LOAD_PID")

# lag: age (ms) of the oldest event of the other database that its relay has not yet checkpointed
( echo "epoch_ms,unpublished,oldest_unpublished_ms" >"$OUT/lag.csv"
  while :; do
    row=$(sql "$OTHER_DB" "select count(*), coalesce(round(extract(epoch from clock_timestamp() - min(e.recorded_at)) * 1000), 0)
       from es_event e, es_relay_checkpoint c where c.relay = 'kafka'
        and (e.transaction_id, e.global_position) > (c.last_transaction_id, c.last_position)" | tr '|' ',')
    echo "$(now_ms),$row" >>"$OUT/lag.csv"
    sleep 0.5
  done ) &
LAG_PID=$!; PIDS+=("$LAG_PID")

( echo "epoch_ms,rss_kb" >"$OUT/rss.csv"
  while kill -0 "$PID" 2>/dev/null; do echo "$(now_ms),$(status_kb "$PID" VmRSS)" >>"$OUT/rss.csv"; sleep 1; done ) &
RSS_PID=$!; PIDS+=("$RSS_PID")

log "baseline: ${BASELINE} s"
sleep "$BASELINE"
TOKEN=$(deploy/token.sh admin "" bench-admin)
log "rebuilding the ideas projection ($EVENTS events)"
START=$(now_ms)
code=$(curl -sS -o "$OUT/rebuild.json" -w '%{http_code}' --max-time 7200 -X POST \
  -H "Authorization: Bearer $TOKEN" "http://localhost:$PORT/admin/projections/ideas/rebuild") || code=curl-failed
END=$(now_ms)
log "answer $code after $((END - START)) ms: $(cat "$OUT/rebuild.json" 2>/dev/null)"
sleep "$AFTER"
HWM=$(status_kb "$PID" VmHWM || echo "?")
kill "$LOAD_PID" "$LAG_PID" "$RSS_PID" 2>/dev/null || true

# ------------------------------------------------------------------ report
lag_stats() { # <from_ms> <to_ms>: max and p99 of the oldest-unpublished age, samples
  awk -F, -v from="$1" -v to="$2" 'NR > 1 && $1 >= from && $1 <= to {print $3}' "$OUT/lag.csv" | sort -n \
    | awk '{v[NR] = $1} END {if (NR == 0) {print "no samples"; exit} i = int(NR * 0.99); if (i < 1) i = 1;
            printf "max %d ms, p99 %d ms, median %d ms (%d samples)", v[NR], v[i], v[int((NR + 1) / 2)], NR}'
}
ROWS=$(sql "$DB" "select count(*) from idea_view")
REVISED=$(sql "$DB" "select count(*) from idea_view where version = 2 and title like '% (revised)'")
LEFT=$(sql "$DB" "select count(*) from pg_namespace where nspname like 'es_rebuild_%'")
say "Projection rebuild benchmark, run $RUN ($(date -u +%FT%TZ)), $(nproc) cores, shared machine (noisy)"
say "service: experiments-service $JAR, $SERVICE_JAVA_OPTS${CHUNK:+, chunk-size $CHUNK}"
say "events in the store (ideas projection): $EVENTS"
say "rebuild: HTTP $code after $((END - START)) ms: $(cat "$OUT/rebuild.json" 2>/dev/null)"
say "$(grep -h 'Rebuilt projection\|OutOfMemory' "$OUT/rebuilding.log" | tail -n 3)"
say "rebuilding service: peak RSS (VmHWM) $((HWM / 1024)) MB; max sampled RSS $(awk -F, 'NR > 1 && $2 > m {m = $2} END {printf "%d", m / 1024}' "$OUT/rss.csv") MB"
say "idea_view after: $ROWS rows, $REVISED revised (expected $IDEAS and $IDEAS); shadow schemas left: $LEFT"
say "other service's relay lag (oldest unpublished event), baseline:       $(lag_stats 0 "$START")"
say "other service's relay lag (oldest unpublished event), during rebuild: $(lag_stats "$START" "$END")"
say "output: ${OUT#"$ROOT"/}"
