#!/usr/bin/env bash
# revisit-service scheduler benchmark (see benchmark/REVISIT.md):
#
#   benchmark/revisit-scheduler.sh
#
# 1. a fresh database (bench_revisit, dropped and recreated) on the PostgreSQL at localhost:$PG_PORT;
#    one revisit-service start runs its Flyway migrations, then it is stopped;
# 2. seeds WAITING=900000 cases with SQL (benchmark/revisit/seed.sql: revisit.opened events and
#    revisit_case rows in the shape the service writes), due one per second from tomorrow on;
# 3. starts two revisit-service processes (ports 18182, 18183) on that database, each with its
#    scheduler (batch size BATCH=500), their relays on a topic prefix unique to the run;
# 4. (before 3.) seeds DUE=100000 more cases, all due at the same moment T (LEAD=150 s after this
#    seed starts); samples both processes' CPU ticks (/proc/<pid>/stat) and RSS while the
#    1,000,000 wait for T;
# 5. from T: polls until 100,000 revisit.due are in es_event; reports the time from T to the last
#    one (recorded_at, the database clock, and as the poll saw it), the lag percentiles, how many
#    each instance fired, and the exactly-once proof (revisit.due per (case, cycle): 100,000 rows,
#    none twice, none for a waiting case);
# 6. samples CPU and RSS again for IDLE=30 s while the 900,000 others wait; checks that a fired
#    seeded case is a real case (evaluated over HTTP: 201, cycle 2); stops both processes.
#
# Needs: a built revisit-service/target/quarkus-app/quarkus-run.jar (built if missing), psql,
# curl, a PostgreSQL superuser (su postgres -c psql, or PG_ADMIN_URL=postgresql://user:pw@host:port/postgres)
# and Kafka at KAFKA_BOOTSTRAP (deploy/run.sh --infra-only starts both).
# Knobs: WAITING=900000 DUE=100000 BATCH=500 LEAD=150 IDLE=30 FIRE_TIMEOUT=300 PORT_A=18182 PORT_B=18183
#   PG_PORT=5432 KAFKA_BOOTSTRAP=localhost:9092 SERVICE_JAVA_OPTS=-Xmx512m DB=bench_revisit
#   JFR=1 (a flight recording of each instance, profile settings: <output>/a.jfr, b.jfr)
# Output: benchmark/target/revisit-<time>/ (service logs, summary.txt).
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
cd "$ROOT"

WAITING=${WAITING:-900000}
DUE=${DUE:-100000}
BATCH=${BATCH:-500}
LEAD=${LEAD:-150}
IDLE=${IDLE:-30}
FIRE_TIMEOUT=${FIRE_TIMEOUT:-300}
PORT_A=${PORT_A:-18182}
PORT_B=${PORT_B:-18183}
PG_PORT=${PG_PORT:-5432}
KAFKA_BOOTSTRAP=${KAFKA_BOOTSTRAP:-localhost:9092}
SERVICE_JAVA_OPTS=${SERVICE_JAVA_OPTS:--Xmx512m}
JFR=${JFR:-0}
DB=${DB:-bench_revisit}
DB_USER=adoption
DB_PASSWORD=adoption
JAR=$ROOT/revisit-service/target/quarkus-app/quarkus-run.jar
RUN=$(date -u +%Y%m%dT%H%M%S)
OUT=$ROOT/benchmark/target/revisit-$RUN
PREFIX=bench-revisit-$RUN
CLK_TCK=$(getconf CLK_TCK)
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
bench_psql() { PGPASSWORD=$DB_PASSWORD psql -X -q -h localhost -p "$PG_PORT" -U "$DB_USER" -d "$DB" -v ON_ERROR_STOP=1 "$@"; }
sql() { bench_psql -At -c "$1"; }

kafka_host=${KAFKA_BOOTSTRAP%%:*}
kafka_port=${KAFKA_BOOTSTRAP##*:}
(exec 3<>"/dev/tcp/$kafka_host/$kafka_port") 2>/dev/null \
  || die "no Kafka at $KAFKA_BOOTSTRAP (deploy/run.sh --infra-only starts one)"

if [[ ! -f $JAR ]]; then
  log "building revisit-service (./mvnw -q -DskipTests package -pl revisit-service -am)"
  ./mvnw -q -DskipTests package -pl revisit-service -am
fi

# ------------------------------------------------------------------ processes
PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT

# start_instance <name> <port>: prints the pid
start_instance() {
  local name=$1 port=$2 opts=()
  [[ -f $ROOT/revisit-service/target/quarkus-app/app-cds.jsa ]] && opts+=(-XX:SharedArchiveFile=app-cds.jsa -Xshare:auto)
  [[ $JFR == 1 && $name != migrate ]] && opts+=("-XX:StartFlightRecording=filename=$OUT/$name.jfr,settings=profile,dumponexit=true")
  # shellcheck disable=SC2086 # SERVICE_JAVA_OPTS is a list of JVM options
  env -C "$ROOT/revisit-service/target/quarkus-app" \
    QUARKUS_HTTP_PORT="$port" \
    QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://localhost:$PG_PORT/$DB" \
    QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://localhost:$PG_PORT/$DB" \
    QUARKUS_DATASOURCE_USERNAME="$DB_USER" \
    QUARKUS_DATASOURCE_PASSWORD="$DB_PASSWORD" \
    KAFKA_BOOTSTRAP_SERVERS="$KAFKA_BOOTSTRAP" \
    EVENTSOURCING_RELAY_TOPIC_PREFIX="$PREFIX" \
    MP_JWT_VERIFY_PUBLICKEY_LOCATION="$ROOT/deploy/dev-keys/dev-public-key.pem" \
    MP_JWT_VERIFY_ISSUER=ai-adoption-dev \
    java $SERVICE_JAVA_OPTS "${opts[@]}" "-Dadoption.bench=$RUN-$name" \
      "-Drevisit.scheduler.batch-size=$BATCH" \
      "-Dmp.messaging.incoming.idea-events.topic=$PREFIX.in.idea" \
      "-Dmp.messaging.incoming.idea-events.group.id=$PREFIX" \
      "-Dmp.messaging.incoming.idea-events.dead-letter-queue.topic=$PREFIX.idea-events.dlt" \
      "-Dmp.messaging.incoming.experiment-events.topic=$PREFIX.in.experiment" \
      "-Dmp.messaging.incoming.experiment-events.group.id=$PREFIX" \
      "-Dmp.messaging.incoming.experiment-events.dead-letter-queue.topic=$PREFIX.experiment-events.dlt" \
      -jar quarkus-run.jar >"$OUT/$name.log" 2>&1 </dev/null &
  echo $!
}

await_ready() {
  local name=$1 port=$2 pid=$3
  for _ in $(seq 1 240); do
    curl -fsS -o /dev/null "http://localhost:$port/q/health/ready" 2>/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || { tail -n 40 "$OUT/$name.log" >&2; die "$name exited before it was ready"; }
    sleep 0.5
  done
  tail -n 40 "$OUT/$name.log" >&2
  die "$name not ready after 120 s"
}

stop_instance() {
  local pid=$1
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.2; done
  kill -9 "$pid" 2>/dev/null || true
}

ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
rss_mb() { awk '/^VmRSS:/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }
now_ms() { date +%s%3N; }
# CPU ticks of every process named postgres (the server is shared with whatever else uses it)
pg_ticks() { { cat /proc/[0-9]*/stat 2>/dev/null || true; } | awk '$2 == "(postgres)" {t += $14 + $15} END {print t + 0}'; }

# sample <seconds> <label>: CPU of both processes over the window, RSS at its end
sample() {
  local seconds=$1 label=$2 a0 b0 a1 b1 t0 t1
  a0=$(ticks "$PID_A"); b0=$(ticks "$PID_B"); t0=$(now_ms)
  sleep "$seconds"
  a1=$(ticks "$PID_A"); b1=$(ticks "$PID_B"); t1=$(now_ms)
  say "$(awk -v l="$label" -v a=$((a1 - a0)) -v b=$((b1 - b0)) -v ms=$((t1 - t0)) -v hz="$CLK_TCK" \
      -v ra="$(rss_mb "$PID_A")" -v rb="$(rss_mb "$PID_B")" 'BEGIN {
        printf "%s, %.1f s: instance A %d ticks (%.1f%% of one core), RSS %d MB; instance B %d ticks (%.1f%% of one core), RSS %d MB\n",
          l, ms / 1000, a, a * 100000 / hz / ms, ra, b, b * 100000 / hz / ms, rb }')"
}

# ------------------------------------------------------------------ 1. database and schema
log "database $DB: dropping and recreating it (owner $DB_USER)"
admin_psql -d postgres -c "drop database if exists $DB with (force)" -c "create database $DB owner $DB_USER"
log "migrating the schema (one revisit-service start)"
PID_A=$(start_instance migrate "$PORT_A"); PIDS+=("$PID_A")
await_ready migrate "$PORT_A" "$PID_A"
stop_instance "$PID_A"; PIDS=()

# ------------------------------------------------------------------ 2. the waiting cases
NOW=$(date -u +%Y-%m-%dT%H:%M:%SZ)
log "seeding $WAITING waiting cases (due one per second from tomorrow)"
t0=$(now_ms)
bench_psql -v from=1 -v to="$WAITING" -v due_at= -v now="$NOW" -f benchmark/revisit/seed.sql >"$OUT/seed-waiting.txt"
log "seeded in $(( ($(now_ms) - t0) / 1000 )) s; vacuum analyze"
bench_psql -c "vacuum analyze es_event" -c "vacuum analyze revisit_case"

# ------------------------------------------------------------------ 3. the due cases, at T
# Seeded before the instances start: like the waiting ones, these cases were opened months ago and
# their revisit.opened events published long since (the relay reads its checkpoint at start).
T_EPOCH=$(( $(date +%s) + LEAD ))
T=$(date -u -d "@$T_EPOCH" +%Y-%m-%dT%H:%M:%SZ)
log "seeding $DUE cases all due at $T"
t0=$(now_ms)
bench_psql -v from=$((WAITING + 1)) -v to=$((WAITING + DUE)) -v due_at="$T" -v now="$NOW" -f benchmark/revisit/seed.sql \
  >"$OUT/seed-due.txt"
bench_psql -c "vacuum analyze es_event" -c "vacuum analyze revisit_case"
log "seeded and vacuumed in $(( ($(now_ms) - t0) / 1000 )) s"

# ------------------------------------------------------------------ 4. two instances
log "starting two revisit-service instances on $DB (ports $PORT_A, $PORT_B; batch $BATCH; topics $PREFIX.*)"
PID_A=$(start_instance a "$PORT_A"); PIDS+=("$PID_A")
PID_B=$(start_instance b "$PORT_B"); PIDS+=("$PID_B")
await_ready a "$PORT_A" "$PID_A"
await_ready b "$PORT_B" "$PID_B"
sleep 5   # let both settle (first gauges, relay, consumers)
left=$(( T_EPOCH - $(date +%s) - 2 ))
((left > 3)) || die "seeding and starting took until $(date -u +%T), too close to T=$T: raise LEAD"

say "revisit-scheduler benchmark $RUN: $WAITING + $DUE cases, two instances, batch $BATCH, T=$T"
say "host: $(nproc) cores, load average before T: $(cut -d' ' -f1-3 /proc/loadavg)"
say "cases in revisit_case: $(sql "select count(*) from revisit_case where status = 'SCHEDULED'") scheduled"
sample "$left" "waiting for T (1,000,000 scheduled)"

# ------------------------------------------------------------------ 5. firing
while (( $(date +%s) < T_EPOCH )); do sleep 0.05; done
fired=0
a0=$(ticks "$PID_A"); b0=$(ticks "$PID_B"); p0=$(pg_ticks); start_ms=$(now_ms)
deadline=$(( T_EPOCH + FIRE_TIMEOUT ))
while (( $(date +%s) < deadline )); do
  fired=$(sql "select count(*) from es_event where event_type = 'revisit.due'")
  ((fired >= DUE)) && break
  sleep 0.1
done
seen_ms=$(( $(now_ms) - T_EPOCH * 1000 ))
a1=$(ticks "$PID_A"); b1=$(ticks "$PID_B"); p1=$(pg_ticks); fire_ms=$(( $(now_ms) - start_ms ))
((fired >= DUE)) || say "NOT ALL FIRED: $fired of $DUE after $FIRE_TIMEOUT s"

say "fired: $fired revisit.due; the poll saw the last one $(awk -v ms="$seen_ms" 'BEGIN {printf "%.2f", ms / 1000}') s after T"
say "$(sql "select format('database clock: first revisit.due recorded %s s after T, last %s s after T; lag due->fired p50 %s s, p99 %s s, max %s s',
    round(extract(epoch from min(recorded_at) - '$T'::timestamptz)::numeric, 2),
    round(extract(epoch from max(recorded_at) - '$T'::timestamptz)::numeric, 2),
    round(extract(epoch from percentile_cont(0.5) within group (order by recorded_at - '$T'::timestamptz))::numeric, 2),
    round(extract(epoch from percentile_cont(0.99) within group (order by recorded_at - '$T'::timestamptz))::numeric, 2),
    round(extract(epoch from max(recorded_at - (payload->>'dueAt')::timestamptz))::numeric, 2))
  from es_event where event_type = 'revisit.due'")"
say "$(awk -v a=$((a1 - a0)) -v b=$((b1 - b0)) -v p=$((p1 - p0)) -v ms="$fire_ms" -v hz="$CLK_TCK" 'BEGIN {
  printf "CPU while firing (%.1f s): instance A %d ticks (%.1f%% of one core), instance B %d ticks (%.1f%% of one core), all postgres processes %d ticks (%.1f%% of one core)\n",
    ms / 1000, a, a * 100000 / hz / ms, b, b * 100000 / hz / ms, p, p * 100000 / hz / ms }')"
for x in "A $PORT_A" "B $PORT_B"; do
  read -r n p <<<"$x"
  say "instance $n fired $(curl -fsS "http://localhost:$p/q/metrics" | awk '/^revisit_scheduler_fired_total/ {printf "%d", $2}') (revisit_scheduler_fired_total)"
done

# exactly once
say "$(sql "select format('exactly once: %s revisit.due rows, %s distinct (case, cycle), %s (case, cycle) fired more than once, %s for a case not due at T, %s due cases not DUE in the read model',
    (select count(*) from es_event where event_type = 'revisit.due'),
    (select count(*) from (select distinct stream_id, payload->>'cycle' from es_event where event_type = 'revisit.due') d),
    (select count(*) from (select 1 from es_event where event_type = 'revisit.due' group by stream_id, payload->>'cycle' having count(*) > 1) t),
    (select count(*) from es_event e join revisit_case c on c.case_id::text = e.stream_id where e.event_type = 'revisit.due' and c.due_at <> '$T'::timestamptz),
    (select count(*) from revisit_case where due_at = '$T'::timestamptz and status <> 'DUE'))")"
say "still scheduled: $(sql "select count(*) from revisit_case where status = 'SCHEDULED'")"

# ------------------------------------------------------------------ 6. after firing
sample "$IDLE" "after firing, $WAITING waiting"

# a fired seeded case is a real case: the service loads its stream (opened + due) and evaluates it
case_row=$(sql "select case_id || ' ' || department from revisit_case where status = 'DUE' limit 1")
read -r case_id department <<<"$case_row"
token=$(deploy/token.sh ambassador "$department" bench-ambassador)
code=$(curl -s -o "$OUT/evaluation.json" -w '%{http_code}' -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  "http://localhost:$PORT_A/revisits/$case_id/evaluations" -d '{"verdict": "STILL_NOT_FEASIBLE", "notes": "benchmark check"}')
say "seeded case $case_id evaluated over HTTP: $code $(tr -d '\n' <"$OUT/evaluation.json" | grep -o '"cycle":[0-9]*' || true)"
say "relay: $(sql "select format('%s of %s events after the seed published so far', (select count(*) from es_event e, es_relay_checkpoint c where c.relay = 'kafka' and (e.transaction_id, e.global_position) <= (c.last_transaction_id, c.last_position) and e.event_type <> 'revisit.opened'), (select count(*) from es_event where event_type <> 'revisit.opened'))")"

cleanup; PIDS=()
log "done: $OUT/summary.txt"
