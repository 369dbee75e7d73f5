#!/usr/bin/env bash
# One command for the experiments-service benchmark (see benchmark/README.md):
#
#   benchmark/run.sh
#
# 1. builds the load generator (benchmark/load-generator, standalone Maven project);
# 2. makes sure PostgreSQL, Kafka and the service run (deploy/run.sh builds/starts what is missing);
# 3. stops the service (pid file in deploy/.state/services) and, while it is down, runs pgbench with
#    benchmark/pgbench-idea.sql against a scratch database bench_pgbench (created, migrated, dropped);
# 4. relaunches the service exactly as deploy/run.sh launched it (same command line, environment and
#    working directory, read from /proc/<pid>) and times the start: java -jar -> "started in" log
#    line -> /q/health/ready UP; then reads its idle RSS;
# 5. closed loop: 64 clients POST /ideas, warm-up + measured window, RSS and CPU sampled;
# 6. open loop at half the measured throughput: latency and commit-to-Kafka lag (two bounds: from
#    the event's insert, before the commit, and from the 201 response, after it);
# 7. writes benchmark/RESULTS.md and prints it. Raw logs: benchmark/target/run-<time>/ (git-ignored).
#
# Knobs (environment): CLIENTS=64 WARMUP=30 DURATION=30 OPEN_WARMUP=30 OPEN_DURATION=30
#   PGBENCH_CLIENTS=64 PGBENCH_JOBS=2 PGBENCH_DURATION=30 PGBENCH_WARMUP=5 IDLE_SETTLE=5
#   PROFILE=1          JFR recording of the service during the closed loop (0: off)
#   WAIT_FOR_QUIET=0   wait up to this many seconds for other processes' CPU to drop below
#                      QUIET_THRESHOLD=25 (% of one core) before measuring
#   RESULTS=benchmark/RESULTS.md   (where the report goes)
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
cd "$ROOT"
# the exact command, with the knobs that were set in the environment
ENV_PREFIX=""
for knob in CLIENTS WARMUP DURATION OPEN_WARMUP OPEN_DURATION PGBENCH_CLIENTS PGBENCH_JOBS PGBENCH_DURATION \
  PGBENCH_WARMUP IDLE_SETTLE PROFILE WAIT_FOR_QUIET QUIET_THRESHOLD RESULTS READY_TIMEOUT LG_JAVA_OPTS \
  SERVICE_JAVA_OPTS PG_PORT PG_ADMIN_USER; do
  if [[ -n ${!knob+x} ]]; then
    ENV_PREFIX+="$knob=$(printf '%q' "${!knob}") "
  fi
done
COMMAND_LINE="${ENV_PREFIX}benchmark/run.sh${*:+ $*}"

CLIENTS=${CLIENTS:-64}
# 30 s of warm-up: the service has just been restarted (to time its start), and with less its C2
# compiler is still busy during the measured window on a small machine
WARMUP=${WARMUP:-30}
DURATION=${DURATION:-30}
OPEN_WARMUP=${OPEN_WARMUP:-30}
OPEN_DURATION=${OPEN_DURATION:-30}
PGBENCH_CLIENTS=${PGBENCH_CLIENTS:-64}
PGBENCH_JOBS=${PGBENCH_JOBS:-2}
PGBENCH_DURATION=${PGBENCH_DURATION:-30}
PGBENCH_WARMUP=${PGBENCH_WARMUP:-5}
IDLE_SETTLE=${IDLE_SETTLE:-5}
PROFILE=${PROFILE:-1}
WAIT_FOR_QUIET=${WAIT_FOR_QUIET:-0}
QUIET_THRESHOLD=${QUIET_THRESHOLD:-25}
RESULTS=${RESULTS:-$BENCH_DIR/RESULTS.md}
READY_TIMEOUT=${READY_TIMEOUT:-60}

SERVICE=experiments-service
SERVICE_DB=experiments
DB_USER=adoption
export PGPASSWORD=adoption
PG_PORT=${PG_PORT:-5432}
SCRATCH_DB=bench_pgbench
STATE=$ROOT/deploy/.state
PIDFILE=$STATE/services/$SERVICE.pid
SVC_LOG=$STATE/services/$SERVICE.log
KAFKA_PIDFILE=$STATE/kafka/kafka.pid
LG_JAR=$BENCH_DIR/load-generator/target/load-generator.jar
# the load generator's own JVM: fixed heap, one GC thread, C1 only: on a small machine it lives
# 40-odd seconds, and C2 compiling its HTTP and Kafka clients would take CPU from the service
LG_JAVA_OPTS=${LG_JAVA_OPTS:-"-Xms256m -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1"}

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT=$BENCH_DIR/target/run-$STAMP
mkdir -p "$OUT"

if [[ -t 1 ]]; then _b=$'\e[1m' _g=$'\e[32m' _r=$'\e[31m' _n=$'\e[0m'; else _b='' _g='' _r='' _n=''; fi
log() { printf '%s[bench %s]%s %s\n' "$_b$_g" "$(date +%H:%M:%S)" "$_n" "$*"; }
die() { printf '%s[bench] error:%s %s\n' "$_b$_r" "$_n" "$*" >&2; exit 1; }

for tool in java curl jq psql pgbench awk; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is missing (Debian: apt-get install openjdk-17-jdk-headless curl jq postgresql-client)"
done

# ------------------------------------------------------------------ helpers
now_ms() { date +%s%3N; }

pid_is_service() { # PID: alive and running the service's quarkus-run.jar
  [[ $1 =~ ^[0-9]+$ ]] && kill -0 "$1" 2>/dev/null && tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -qF "$SERVICE/target/quarkus-app/quarkus-run.jar"
}

rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
hwm_kb() { awk '/^VmHWM:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }

# utime+stime (clock ticks) of the given pids; for a postmaster also its reaped children's
# (cutime+cstime), so backends that exit between two samples are not lost
ticks_of() {
  local sum=0 p line f
  for p in "$@"; do
    [[ -n $p ]] || continue
    read -r line <"/proc/$p/stat" 2>/dev/null || continue
    line=${line##*) }
    read -ra f <<<"$line"
    sum=$((sum + f[11] + f[12]))
  done
  printf '%s\n' "$sum"
}

postmaster_pid() { # of the server on localhost:PG_PORT
  local pid
  pid=$(ss -Hltnp "sport = :$PG_PORT" 2>/dev/null | grep -o 'pid=[0-9]*' | head -n 1 | cut -d= -f2)
  if [[ -z $pid ]]; then
    pid=$(pgrep -u postgres -o -x postgres 2>/dev/null || true)
  fi
  # ss may name a child; walk up to the process whose parent is not a postgres process
  while [[ -n $pid ]]; do
    local parent
    parent=$(awk '{print $4}' "/proc/$pid/stat" 2>/dev/null | head -n 1)
    if [[ -n $parent && $(cat "/proc/$parent/comm" 2>/dev/null) == postgres ]]; then
      pid=$parent
    else
      break
    fi
  done
  printf '%s\n' "$pid"
}

pg_ticks() {
  local pm=$1 line f own
  [[ -n $pm ]] || { echo 0; return; }
  read -r line <"/proc/$pm/stat" 2>/dev/null || { echo 0; return; }
  line=${line##*) }
  read -ra f <<<"$line"
  own=$((f[11] + f[12] + f[13] + f[14]))
  # shellcheck disable=SC2046 # word splitting of the pid list is intended
  echo $((own + $(ticks_of $(pgrep -P "$pm" 2>/dev/null || true))))
}

cpu_line() { # busy total (jiffies, all CPUs) from /proc/stat
  local _cpu user nice system idle iowait irq softirq steal _rest
  read -r _cpu user nice system idle iowait irq softirq steal _rest </proc/stat
  echo "$((user + nice + system + irq + softirq + steal)) $((user + nice + system + idle + iowait + irq + softirq + steal))"
}

# sampler OUTFILE SVC_PID LG_PID: one line per 0.5 s: epoch_ms rss_kb svc lg kafka pg busy total
SAMPLER_PID=""
start_sampler() {
  local file=$1 svc=$2 lg=$3 kafka pm
  kafka=$(cat "$KAFKA_PIDFILE" 2>/dev/null || true)
  pm=$(postmaster_pid)
  (
    while kill -0 "$lg" 2>/dev/null; do
      printf '%s %s %s %s %s %s %s\n' "$(now_ms)" "$(rss_kb "$svc")" "$(ticks_of "$svc")" "$(ticks_of "$lg")" \
        "$(ticks_of "$kafka")" "$(pg_ticks "$pm")" "$(cpu_line)"
      sleep 0.5
    done
  ) >"$file" 2>/dev/null &
  SAMPLER_PID=$!
}
stop_sampler() {
  if [[ -n $SAMPLER_PID ]]; then
    kill "$SAMPLER_PID" 2>/dev/null || true
    wait "$SAMPLER_PID" 2>/dev/null || true
    SAMPLER_PID=""
  fi
}

# window_stats FILE FROM_MS TO_MS -> "rss_peak_mb rss_avg_mb svc% lg% kafka% pg% other% busy% samples"
# CPU figures are % of ONE core (the machine has nproc * 100 %)
window_stats() {
  awk -v from="$2" -v to="$3" -v hz="$(getconf CLK_TCK)" -v ncpu="$(nproc)" '
    $1 >= from && $1 <= to && NF == 8 {
      if (n == 0) { t0 = $1; s0 = $3; l0 = $4; k0 = $5; p0 = $6; b0 = $7; a0 = $8 }
      t1 = $1; s1 = $3; l1 = $4; k1 = $5; p1 = $6; b1 = $7; a1 = $8
      if ($2 > peak) peak = $2; sum += $2; n++
    }
    END {
      if (n < 2) { print "0 0 0 0 0 0 0 0 " n; exit }
      sec = (t1 - t0) / 1000.0
      svc = (s1 - s0) / hz / sec * 100; lg = (l1 - l0) / hz / sec * 100
      kf = (k1 - k0) / hz / sec * 100; pg = (p1 - p0) / hz / sec * 100
      busy = (a1 > a0) ? (b1 - b0) / (a1 - a0) * ncpu * 100 : 0
      other = busy - svc - lg - kf - pg; if (other < 0) other = 0
      printf "%.1f %.1f %.0f %.0f %.0f %.0f %.0f %.0f %d\n", peak / 1024, sum / n / 1024, svc, lg, kf, pg, other, busy, n
    }' "$1"
}

# psql as a superuser, to create and drop the scratch database (the role adoption may not)
admin_psql() {
  if [[ -n ${PG_ADMIN_USER:-} ]]; then
    PGPASSWORD=${PG_ADMIN_PASSWORD:-} psql -X -q -v ON_ERROR_STOP=1 -h localhost -p "$PG_PORT" -U "$PG_ADMIN_USER" "$@"
  elif [[ $(id -u) -eq 0 ]] && id -u postgres >/dev/null 2>&1; then
    runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$PG_PORT" "$@"
  else
    sudo -n -u postgres psql -X -q -v ON_ERROR_STOP=1 -p "$PG_PORT" "$@"
  fi
}
app_psql() { psql -X -q -v ON_ERROR_STOP=1 -h localhost -p "$PG_PORT" -U "$DB_USER" "$@"; }

SERVICE_DOWN=false
cleanup() {
  stop_sampler
  if [[ $SERVICE_DOWN == true ]]; then
    printf '%s[bench]%s the service is not running any more: start it again with deploy/run.sh\n' "$_b$_r" "$_n" >&2
  fi
}
trap cleanup EXIT

# ------------------------------------------------------------------ 1. build
log "building the load generator (./mvnw -q -f benchmark/load-generator/pom.xml package)"
./mvnw -q -f benchmark/load-generator/pom.xml package >"$OUT/build.log" 2>&1 \
  || { tail -n 40 "$OUT/build.log" >&2; die "load generator build failed (log: ${OUT#"$ROOT"/}/build.log)"; }

# ------------------------------------------------------------------ 2. the system
log "making sure PostgreSQL, Kafka and $SERVICE run (deploy/run.sh; log: ${OUT#"$ROOT"/}/deploy-run.log)"
for attempt in 1 2 3 4 5 6 7 8 9 10 11 12; do
  if deploy/run.sh >"$OUT/deploy-run.log" 2>&1; then
    break
  fi
  if grep -q 'another deploy/run.sh' "$OUT/deploy-run.log" && ((attempt < 12)); then
    log "another deploy/run.sh is running; waiting 10 s"
    sleep 10
    continue
  fi
  tail -n 40 "$OUT/deploy-run.log" >&2
  die "deploy/run.sh failed (see above)"
done
SVC_PID=$(cat "$PIDFILE" 2>/dev/null || true)
pid_is_service "$SVC_PID" || die "no running $SERVICE found through ${PIDFILE#"$ROOT"/}"
port_of_service=$(tr '\0' '\n' <"/proc/$SVC_PID/environ" | sed -n 's/^QUARKUS_HTTP_PORT=//p')
BASE_URL=http://localhost:${port_of_service:-8081}
READY_URL=$BASE_URL/q/health/ready
KAFKA_BOOTSTRAP=$(tr '\0' '\n' <"/proc/$SVC_PID/environ" | sed -n 's/^KAFKA_BOOTSTRAP_SERVERS=//p')
KAFKA_BOOTSTRAP=${KAFKA_BOOTSTRAP:-localhost:9092}

log "dev token for an employee of finance (deploy/token.sh employee finance bench-user)"
deploy/token.sh employee finance bench-user >"$OUT/token" 2>"$OUT/token.err" \
  || { cat "$OUT/token.err" >&2; die "deploy/token.sh failed"; }

# CPU used by everything else on the machine while the system is idle (5 s windows)
background_cpu() { # -> "other% busy%"
  local from to pause
  sleep 5 &
  pause=$!
  start_sampler "$OUT/samples-background.txt" "$SVC_PID" "$pause"
  from=$(now_ms)
  wait "$pause" || true
  to=$(now_ms)
  stop_sampler
  window_stats "$OUT/samples-background.txt" "$from" "$to" | awk '{print $7, $8}'
}
read -r BG_OTHER BG_BUSY < <(background_cpu)
if ((WAIT_FOR_QUIET > 0)); then
  quiet_deadline=$((SECONDS + WAIT_FOR_QUIET))
  while ((BG_OTHER > QUIET_THRESHOLD && SECONDS < quiet_deadline)); do
    log "other processes use ${BG_OTHER} % CPU (of $(($(nproc) * 100)) %); waiting for quiet (up to ${WAIT_FOR_QUIET} s)"
    read -r BG_OTHER BG_BUSY < <(background_cpu)
  done
fi
log "before the benchmark, with the system idle: machine busy ${BG_BUSY} %, of which other processes ${BG_OTHER} % (of $(($(nproc) * 100)) %)"

# how deploy/run.sh launched the service: command line, environment, working directory
mapfile -d '' -t SVC_CMD <"/proc/$SVC_PID/cmdline"
mapfile -d '' -t SVC_ENV <"/proc/$SVC_PID/environ"
SVC_CWD=$(readlink "/proc/$SVC_PID/cwd")
JVM_FLAGS=()
for ((i = 1; i < ${#SVC_CMD[@]}; i++)); do
  [[ ${SVC_CMD[i]} == -jar ]] && break
  JVM_FLAGS+=("${SVC_CMD[i]}")
done
JVM_FLAGS_TEXT=${JVM_FLAGS[*]:-}
# what the JVM makes of those flags on this machine (heap, GC)
ERGONOMICS=$("${SVC_CMD[0]}" "${JVM_FLAGS[@]}" -XX:+PrintFlagsFinal -version 2>/dev/null \
  | awk '$2 == "MaxHeapSize" {mx = $4} $2 == "InitialHeapSize" {ini = $4}
         $2 ~ /^Use(G1|Serial|Parallel|Z|Shenandoah)GC$/ && $4 == "true" {gc = $2}
         END {printf "%s, initial heap %d MB, max heap %d MB", gc, ini / 1048576, mx / 1048576}')

# ------------------------------------------------------------------ 3. stop the service
log "stopping $SERVICE (pid $SVC_PID) to run pgbench without it and to time a fresh start"
SERVICE_DOWN=true
kill -TERM "$SVC_PID"
for ((i = 0; i < 60; i++)); do
  kill -0 "$SVC_PID" 2>/dev/null || break
  sleep 0.5
done
if kill -0 "$SVC_PID" 2>/dev/null; then
  log "$SERVICE did not stop within 30 s, killing it"
  kill -KILL "$SVC_PID" 2>/dev/null || true
  sleep 1
fi

# ------------------------------------------------------------------ 4. pgbench (service down)
log "pgbench: scratch database $SCRATCH_DB with the service's migrations"
PG_VERSION=$(app_psql -d "$SERVICE_DB" -Atc 'show server_version')
PG_SETTINGS=$(app_psql -d "$SERVICE_DB" -Atc "select string_agg(name || '=' || setting || coalesce(unit, ''), ', ' order by name) from pg_settings where name in ('synchronous_commit','fsync','wal_sync_method','shared_buffers','max_connections','commit_delay','wal_level','full_page_writes')")
admin_psql -d postgres -c "DROP DATABASE IF EXISTS $SCRATCH_DB" -c "CREATE DATABASE $SCRATCH_DB OWNER $DB_USER" \
  >"$OUT/pgbench-setup.log" 2>&1 \
  || { cat "$OUT/pgbench-setup.log" >&2; die "cannot create $SCRATCH_DB (as root, the postgres OS user is used; else set PG_ADMIN_USER/PG_ADMIN_PASSWORD)"; }
app_psql -d "$SCRATCH_DB" -f event-sourcing/src/main/resources/db/eventsourcing/V1__event_store.sql \
  -f experiments-service/src/main/resources/db/migration/V100__read_models.sql >>"$OUT/pgbench-setup.log" 2>&1 \
  || { cat "$OUT/pgbench-setup.log" >&2; die "cannot apply the migrations to $SCRATCH_DB"; }
PGBENCH_ARGS=(-h localhost -p "$PG_PORT" -U "$DB_USER" -n -M prepared -c "$PGBENCH_CLIENTS" -j "$PGBENCH_JOBS"
  -f benchmark/pgbench-idea.sql)
if ((PGBENCH_WARMUP > 0)); then
  log "pgbench: warm-up ${PGBENCH_WARMUP} s (not measured)"
  pgbench "${PGBENCH_ARGS[@]}" -T "$PGBENCH_WARMUP" "$SCRATCH_DB" >"$OUT/pgbench-warmup.txt" 2>&1 \
    || { tail -n 20 "$OUT/pgbench-warmup.txt" >&2; die "pgbench warm-up failed"; }
fi
log "pgbench: -c $PGBENCH_CLIENTS -j $PGBENCH_JOBS -T $PGBENCH_DURATION -M prepared -f benchmark/pgbench-idea.sql"
PGBENCH_CMD="pgbench ${PGBENCH_ARGS[*]} -T $PGBENCH_DURATION -r $SCRATCH_DB"
pgbench "${PGBENCH_ARGS[@]}" -T "$PGBENCH_DURATION" -r "$SCRATCH_DB" >"$OUT/pgbench.txt" 2>&1 &
PGB_PID=$!
start_sampler "$OUT/samples-pgbench.txt" "" "$PGB_PID"
PGB_FROM=$(now_ms)
wait "$PGB_PID" || { stop_sampler; tail -n 20 "$OUT/pgbench.txt" >&2; die "pgbench failed"; }
PGB_TO=$(now_ms)
stop_sampler
PGB_TPS=$(sed -n 's/^tps = \([0-9.]*\) (without initial connection time)/\1/p' "$OUT/pgbench.txt" | awk '{printf "%.1f", $1}')
PGB_LAT=$(sed -n 's/^latency average = \([0-9.]*\) ms/\1/p' "$OUT/pgbench.txt")
PGB_TX=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$OUT/pgbench.txt")
PGB_FAILED=$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$OUT/pgbench.txt")
[[ -n $PGB_TPS ]] || { cat "$OUT/pgbench.txt" >&2; die "could not read the tps from pgbench's output"; }
PGB_ROWS=$(app_psql -d "$SCRATCH_DB" -Atc "select (select count(*) from es_event) || ' events, ' || (select count(*) from idea_view) || ' idea_view rows (warm-up run included)'")
PGB_STMTS=$(awk '/statement latencies in milliseconds/ {on = 1; next} on && NF {print}' "$OUT/pgbench.txt" \
  | sed -E 's/^ +//' | awk '{lat = $1; fail = $2; $1 = ""; $2 = ""; sub(/^ +/, ""); printf "%8s ms  %s\n", lat, substr($0, 1, 70)}')
read -r _ _ _ PGB_CPU_LG _ PGB_CPU_PG PGB_CPU_OTHER PGB_CPU_BUSY _ < <(window_stats "$OUT/samples-pgbench.txt" "$PGB_FROM" "$PGB_TO")
admin_psql -d postgres -c "DROP DATABASE $SCRATCH_DB" >>"$OUT/pgbench-setup.log" 2>&1 || log "warning: could not drop $SCRATCH_DB"
log "pgbench: $PGB_TPS tps, latency average $PGB_LAT ms ($PGB_ROWS)"
# pgbench dirtied ~100k rows' worth of pages: flush them now (CHECKPOINT waits until it is done), so
# that the timed start measures the service and not PostgreSQL writing out pgbench's data
admin_psql -d postgres -c "CHECKPOINT" >>"$OUT/pgbench-setup.log" 2>&1 || log "warning: CHECKPOINT failed"
sleep 3

# ------------------------------------------------------------------ 5. start time
log "launching $SERVICE: ${SVC_CMD[*]}  (JVM flags: ${JVM_FLAGS_TEXT:-none})"
log_offset=$(stat -c %s "$SVC_LOG" 2>/dev/null || echo 0)
T_LAUNCH=$(now_ms)
(cd "$SVC_CWD" && exec setsid nohup env -i "${SVC_ENV[@]}" "${SVC_CMD[@]}" >>"$SVC_LOG" 2>&1 </dev/null) &
SVC_PID=$!
printf '%s\n' "$SVC_PID" >"$PIDFILE"
SERVICE_DOWN=false
T_STARTED_LINE="" T_READY="" STARTED_LINE=""
deadline=$((T_LAUNCH + READY_TIMEOUT * 1000))
while (($(now_ms) < deadline)); do
  if [[ -z $STARTED_LINE ]]; then
    STARTED_LINE=$(tail -c +"$((log_offset + 1))" "$SVC_LOG" 2>/dev/null | grep -m 1 ' started in ' || true)
  fi
  if curl -fsS --max-time 2 "$READY_URL" 2>/dev/null | grep -q '"status" *: *"UP"'; then
    T_READY=$(now_ms)
    break
  fi
  kill -0 "$SVC_PID" 2>/dev/null || break
  sleep 0.05
done
if [[ -z $T_READY ]]; then
  tail -n 40 "$SVC_LOG" >&2
  die "$SERVICE did not become ready within ${READY_TIMEOUT}s"
fi
[[ -n $STARTED_LINE ]] || STARTED_LINE=$(tail -c +"$((log_offset + 1))" "$SVC_LOG" | grep -m 1 ' started in ' || true)
pid_is_service "$SVC_PID" || die "pid $SVC_PID is not the service (setsid forked?)"
# the log line's own timestamp (ts=...) is when Quarkus printed it
started_ts=$(sed -n 's/^ts=\([^ ]*\) .*/\1/p' <<<"$STARTED_LINE")
if [[ -n $started_ts ]] && T_STARTED_LINE=$(date -d "$started_ts" +%s%3N 2>/dev/null); then :; else T_STARTED_LINE=""; fi
QUARKUS_STARTED=$(grep -o 'started in [0-9.]*s' <<<"$STARTED_LINE" | grep -o '[0-9.]*' || true)
START_TO_LINE_MS=$([[ -n $T_STARTED_LINE ]] && echo $((T_STARTED_LINE - T_LAUNCH)) || echo "n/a")
START_TO_READY_MS=$((T_READY - T_LAUNCH))
log "start: 'started in' line after ${START_TO_LINE_MS} ms (Quarkus says ${QUARKUS_STARTED:-?} s), ready (UP) after ${START_TO_READY_MS} ms"

# ------------------------------------------------------------------ 6. idle RSS
sleep "$IDLE_SETTLE"
IDLE_RSS_MB=$(awk -v kb="$(rss_kb "$SVC_PID")" 'BEGIN {printf "%.1f", kb / 1024}')
START_HWM_MB=$(awk -v kb="$(hwm_kb "$SVC_PID")" 'BEGIN {printf "%.1f", kb / 1024}')
log "idle RSS ${IDLE_RSS_MB} MB (${IDLE_SETTLE} s after ready; VmHWM so far ${START_HWM_MB} MB)"

# ------------------------------------------------------------------ 7. closed loop
metric_sum() { # NAME_PREFIX: sum of the http_server_requests POST /ideas series (count or sum)
  curl -fsS --max-time 5 "$BASE_URL/q/metrics" 2>/dev/null \
    | awk -v m="$1" 'index($0, m "{") == 1 && /method="POST"/ && /uri="\/ideas"/ {s += $NF} END {printf "%.6f\n", s}'
}
gc_seconds() { # total GC time of the service JVM so far (jstat GCT), or empty
  jstat -gcutil "$SVC_PID" 2>/dev/null | awk 'NR == 2 {print $NF}'
}
pg_activity() { # connections of the service database by state and wait event
  app_psql -d "$SERVICE_DB" -Atc "select coalesce(state, '-') || ' / ' || coalesce(wait_event_type || ':' || wait_event, 'on CPU'), count(*)
    from pg_stat_activity where datname = '$SERVICE_DB' and pid <> pg_backend_pid() group by 1 order by 2 desc" 2>/dev/null || true
}

run_load() { # NAME MODE ARGS... : runs the load generator with samplers; sets LG_JSON
  local name=$1 mode=$2 warm=$3
  shift 3
  # shellcheck disable=SC2086 # LG_JAVA_OPTS is a list of JVM options
  java $LG_JAVA_OPTS -jar "$LG_JAR" "$mode" --url "$BASE_URL" --token-file "$OUT/token" --department finance \
    --kafka-bootstrap "$KAFKA_BOOTSTRAP" --topic experiments.idea --warmup "$warm" \
    --json-out "$OUT/$name.json" --timeline "$OUT/$name-timeline.csv" "$@" >"$OUT/$name.txt" 2>&1 &
  local lg=$!
  start_sampler "$OUT/samples-$name.txt" "$SVC_PID" "$lg"
  # while it runs: HTTP server timings at the window edges, top and pg_stat_activity in the middle
  (
    # the generator prints its "== mode" line when the warm-up starts (after its probe request
    # and the Kafka consumer's assignment)
    for _ in $(seq 600); do grep -q '^== ' "$OUT/$name.txt" 2>/dev/null && break; sleep 0.1; done
    if [[ $name == closed && $PROFILE == 1 ]] && ((warm > 3)); then
      # JFR starts during the warm-up (its start-up costs CPU) and ends with the window
      sleep 2
      jcmd "$SVC_PID" JFR.start name=benchmark settings=default duration="$((warm - 2 + DURATION))s" \
        filename="$OUT/closed.jfr" >"$OUT/jfr-start.txt" 2>&1 || true
      sleep "$((warm - 2 + 3))"
    else
      sleep "$((warm + 3))"
    fi
    printf '%s %s %s %s\n' "$(now_ms)" "$(metric_sum http_server_requests_seconds_count)" "$(metric_sum http_server_requests_seconds_sum)" "$(gc_seconds)" >"$OUT/$name-metrics-start.txt"
    sleep 7
    top -b -n 2 -d 4 -w 180 >"$OUT/$name-top.txt" 2>&1 &
    top -H -b -n 2 -d 4 -w 180 -p "$SVC_PID" >"$OUT/$name-top-threads.txt" 2>&1
    wait
    for _ in 1 2 3 4 5; do pg_activity; echo ---; sleep 1; done >"$OUT/$name-pg-activity.txt"
  ) &
  local probe=$!
  wait "$lg" || { stop_sampler; cat "$OUT/$name.txt" >&2; die "the load generator failed ($name)"; }
  printf '%s %s %s %s\n' "$(now_ms)" "$(metric_sum http_server_requests_seconds_count)" "$(metric_sum http_server_requests_seconds_sum)" "$(gc_seconds)" >"$OUT/$name-metrics-end.txt"
  wait "$probe" 2>/dev/null || true
  stop_sampler
  cat "$OUT/$name.txt"
  LG_JSON=$OUT/$name.json
}

log "closed loop: $CLIENTS clients, warm-up ${WARMUP} s, measured ${DURATION} s"
run_load closed closed "$WARMUP" --clients "$CLIENTS" --duration "$DURATION"
CLOSED_JSON=$LG_JSON
C_FROM=$(jq -r .windowStartEpochMs "$CLOSED_JSON")
C_TO=$(jq -r .windowEndEpochMs "$CLOSED_JSON")
read -r C_RSS_PEAK C_RSS_AVG C_CPU_SVC C_CPU_LG C_CPU_KAFKA C_CPU_PG C_CPU_OTHER C_CPU_BUSY _ \
  < <(window_stats "$OUT/samples-closed.txt" "$C_FROM" "$C_TO")
C_HWM_MB=$(awk -v kb="$(hwm_kb "$SVC_PID")" 'BEGIN {printf "%.1f", kb / 1024}')
C_TPUT=$(jq -r .throughput "$CLOSED_JSON")
server_mean() { # NAME: mean server-side time (ms) of POST /ideas between the two scrapes
  awk 'NR == FNR {c0 = $2; s0 = $3; next} {c1 = $2; s1 = $3}
       END {if (c1 > c0) printf "%.2f", (s1 - s0) / (c1 - c0) * 1000; else printf "n/a"}' \
    "$OUT/$1-metrics-start.txt" "$OUT/$1-metrics-end.txt" 2>/dev/null || echo n/a
}
C_SERVER_MEAN=$(server_mean closed)
gc_share() { # NAME: % of wall time the service spent in GC between the two scrapes
  awk 'NR == FNR {t0 = $1; g0 = $4; next} {t1 = $1; g1 = $4}
       END {if (t1 > t0 && g0 != "" && g1 != "") printf "%.1f %% (%.2f s in %.0f s)", (g1 - g0) / ((t1 - t0) / 1000) * 100, g1 - g0, (t1 - t0) / 1000; else printf "n/a"}' \
    "$OUT/$1-metrics-start.txt" "$OUT/$1-metrics-end.txt" 2>/dev/null || echo n/a
}
C_GC=$(gc_share closed)
# service threads by name (digits stripped), % of one core, from the second top -H frame (the row of
# the main thread, tid = pid, is left out: top shows the whole process's CPU there)
THREADS=$(awk -v pid="$SVC_PID" '/^top - /{f++} f == 2 && $1 ~ /^[0-9]+$/ && $1 != pid {name = ""; for (i = 12; i <= NF; i++) name = name (i > 12 ? " " : "") $i;
    gsub(/[0-9]+$/, "", name); gsub(/-$/, "", name); cpu[name] += $9; n[name]++}
  END {for (k in cpu) if (cpu[k] >= 0.5) printf "%6.1f %%  %-24s (%d threads)\n", cpu[k], k, n[k]}' "$OUT/closed-top-threads.txt" 2>/dev/null | sort -rn | head -n 14)
# JFR: where the service's Java threads spend their (sampled) CPU
PROFILE_TEXT=""
if [[ $PROFILE == 1 ]]; then
  for _ in $(seq 100); do [[ -s $OUT/closed.jfr ]] && break; sleep 0.2; done
  if [[ -s $OUT/closed.jfr ]] && jfr print --stack-depth 96 --events jdk.ExecutionSample "$OUT/closed.jfr" >"$OUT/closed-samples.txt" 2>/dev/null; then
    PROFILE_TEXT=$(awk -f "$BENCH_DIR/jfr-breakdown.awk" "$OUT/closed-samples.txt")
  fi
fi

# ------------------------------------------------------------------ 8. open loop at half saturation
RATE=$(awk -v t="$C_TPUT" 'BEGIN {r = int(t / 2); if (r < 1) r = 1; print r}')
awk -v t="$C_TPUT" 'BEGIN {exit !(t > 0)}' || die "closed loop measured no successful request; not running the open loop"
log "open loop: $RATE req/s (half of $C_TPUT), warm-up ${OPEN_WARMUP} s, measured ${OPEN_DURATION} s"
run_load open open "$OPEN_WARMUP" --rate "$RATE" --duration "$OPEN_DURATION"
OPEN_JSON=$LG_JSON
O_FROM=$(jq -r .windowStartEpochMs "$OPEN_JSON")
O_TO=$(jq -r .windowEndEpochMs "$OPEN_JSON")
read -r O_RSS_PEAK O_RSS_AVG O_CPU_SVC O_CPU_LG O_CPU_KAFKA O_CPU_PG O_CPU_OTHER O_CPU_BUSY _ \
  < <(window_stats "$OUT/samples-open.txt" "$O_FROM" "$O_TO")
O_SERVER_MEAN=$(server_mean open)
RELAY_LAG=$(curl -fsS --max-time 5 "$BASE_URL/q/metrics" 2>/dev/null \
  | awk '/^eventsourcing_relay_lag_seconds\{/ && /quantile=/ {match($0, /quantile="[0-9.]+"/); q = substr($0, RSTART + 10, RLENGTH - 11); printf "p%g %.1f ms, ", q * 100, $NF * 1000}' \
  | sed 's/, $//')

# ------------------------------------------------------------------ 9. report
j() { jq -r "$2" "$1"; }
C_OK=$(j "$CLOSED_JSON" .ok)
C_ERR=$(j "$CLOSED_JSON" .errors)
C_ERR_KINDS=$(j "$CLOSED_JSON" '.errorsByKind | to_entries | map("\(.key): \(.value)") | join(", ") | if . == "" then "none" else . end')
C_ERR_SAMPLES=$(j "$CLOSED_JSON" '.errorSamples | to_entries | map("  - \(.key): \(.value[0])") | join("\n")')
O_ERR=$(j "$OPEN_JSON" .errors)
O_ERR_KINDS=$(j "$OPEN_JSON" '.errorsByKind | to_entries | map("\(.key): \(.value)") | join(", ") | if . == "" then "none" else . end')
O_ERR_SAMPLES=$(j "$OPEN_JSON" '.errorSamples | to_entries | map("  - \(.key): \(.value[0])") | join("\n")')
lat() { j "$1" ".latency.$2 // \"n/a\""; }
lag() { j "$1" ".kafka.lag.$2 // \"n/a\""; }        # from the insert (ce_recordedtime): upper bound
lagr() { j "$1" ".kafka.lagFromResponse.$2 // \"n/a\""; } # from the 201 response: lower bound
RATIO=$(awk -v s="$C_TPUT" -v p="$PGB_TPS" 'BEGIN {printf "%.2f", s / p}')
verdict() { awk -v v="$1" -v lim="$3" -v op="$2" 'BEGIN {
  if (v !~ /^-?[0-9.]+$/) {print "n/a"; exit}
  ok = (op == ">=") ? (v + 0 >= lim + 0) : (v + 0 <= lim + 0); print ok ? "met" : "**missed**"}'; }
START_S=$(awk -v ms="$START_TO_READY_MS" 'BEGIN {printf "%.2f", ms / 1000}')
O_LAG_P99=$(lag "$OPEN_JSON" p99Ms)
O_LAGR_P99=$(lagr "$OPEN_JSON" p99Ms)
# the lag target is judged on the upper bound (from the insert: it can only over-state the lag);
# if only the lower bound (from the 201 response: it can only under-state it) meets the target,
# the true lag may or may not: say so
LAG_VERDICT=$(awk -v up="$O_LAG_P99" -v lo="$O_LAGR_P99" -v lim=50 'BEGIN {
  if (up !~ /^-?[0-9.]+$/) {print "n/a"; exit}
  if (up + 0 <= lim) print "met";
  else if (lo ~ /^-?[0-9.]+$/ && lo + 0 <= lim) print "**met on the lower bound only** (upper bound missed)";
  else print "**missed** (both bounds)"}')
c2_share() { # NAME: % of one core of the service's C2 compiler thread(s) in the second top -H frame
  awk -v pid="$SVC_PID" '/^top - /{f++} f == 2 && $1 ~ /^[0-9]+$/ && $1 != pid && / C2 CompilerThre/ {c += $9; n++}
    END {if (n) printf "%.0f %%", c; else print "n/a"}' "$OUT/$1-top-threads.txt" 2>/dev/null || echo n/a
}
C_C2=$(c2_share closed)
O_C2=$(c2_share open)
CPU_COUNT=$(nproc)
CPU_MODEL=$(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)
MEM_TOTAL=$(awk '/^MemTotal:/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)
JAVA_VERSION=$("${SVC_CMD[0]}" -version 2>&1 | head -n 1)
GIT_REV=$(git rev-parse --short HEAD 2>/dev/null || echo "?")

error_samples() { # COUNT TEXT
  if [[ $1 != 0 ]]; then
    printf '\nError samples (first of each kind):\n\n%s\n' "$2"
  fi
}
timeline_section() { # NAME: the per-second table of the load generator, folded
  local csv=$OUT/$1-timeline.csv
  [[ -s $csv ]] || return 0
  awk -F, 'NR > 1 && $9 != "" && $9 + 0 > 50 {slow++} NR > 1 && $13 != "" && $13 + 0 > 50 {slowr++} NR > 1 {n++}
    END {printf "Seconds of the window in which some event took more than 50 ms to reach Kafka: %d of %d counted from the insert (upper bound), %d of %d counted from the 201 response (lower bound).\n", slow, n, slowr, n}' "$csv"
  printf '\n<details><summary>Per second of the window (HTTP latency by intended send time, lag by recorded time)</summary>\n\n'
  printf '| s | 201s | HTTP p50 | HTTP p99 | HTTP max | events | lag p50 | lag p99 | lag max | from 201: p50 | p99 | max |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n'
  awk -F, 'NR > 1 {printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8, $9, $11, $12, $13}' "$csv"
  printf '\nAll times in ms. "lag": from the insert (upper bound); "from 201": from the 201 response (lower bound; negative: the consumer had the record before the client had the response).\n\n</details>\n'
}
profile_section() {
  [[ -n $PROFILE_TEXT ]] || return 0
  local fence='```'
  printf '\nJFR CPU samples of the service during the closed loop (warm-up and window; %s, summarised by benchmark/jfr-breakdown.awk):\n\n%s\n%s\n%s\n' \
    "\`jcmd <pid> JFR.start settings=default\`" "$fence" "$PROFILE_TEXT" "$fence"
}
cpu_row() { printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$@"; }

cat >"$RESULTS" <<EOF
# experiments-service benchmark results

Produced by \`$COMMAND_LINE\` (see [README.md](README.md)); raw output of this run:
\`${OUT#"$ROOT"/}/\` (git-ignored).

* **Date:** $(date -u '+%Y-%m-%d %H:%M:%S UTC')  (git $GIT_REV)
* **Machine:** $(nproc) CPUs ($CPU_MODEL), $MEM_TOTAL RAM, $(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r)
* **Software:** $JAVA_VERSION; PostgreSQL $PG_VERSION (system server on localhost:$PG_PORT); Apache Kafka 4.1.1 (KRaft, single node, from deploy/run.sh)
* **PostgreSQL settings:** $PG_SETTINGS
* **Service JVM flags:** ${JVM_FLAGS_TEXT:-none: deploy/run.sh passes only \`SERVICE_JAVA_OPTS\`, which was empty, so the JVM picks its own defaults}
  ($ERGONOMICS)
* **Background load:** before the benchmark, with the system idle, the machine was ${BG_BUSY} % busy
  (of $(($(nproc) * 100)) %), ${BG_OTHER} % of it other processes (not PostgreSQL, Kafka or the service).
* **Load generator JVM:** \`$LG_JAVA_OPTS\`
* **Everything shares the same $(nproc) CPUs:** load generator, service, PostgreSQL and Kafka
  (and anything else running on the machine, shown as "other" below) compete for CPU, so these are
  figures of the whole system on one small box, not of the service alone.

## Summary

| figure | measured | target | |
| --- | --- | --- | --- |
| saturation throughput, POST /ideas, $CLIENTS clients (closed loop) | **$C_TPUT req/s** | | |
| pgbench, same durable write, $PGBENCH_CLIENTS clients | **$PGB_TPS tps** | | |
| ratio service / pgbench | **$RATIO** | >= 0.5 | $(verdict "$RATIO" ">=" 0.5) |
| commit-to-Kafka lag at $RATE req/s (half saturation), p50 / p99: **upper bound** (from the event's insert) · lower bound (from the 201 response) | **$(lag "$OPEN_JSON" p50Ms) / $O_LAG_P99 ms** · $(lagr "$OPEN_JSON" p50Ms) / $O_LAGR_P99 ms | p99 <= 50 ms, judged on the upper bound | $LAG_VERDICT |
| idle RSS (${IDLE_SETTLE} s after ready) | **$IDLE_RSS_MB MB** | <= 250 MB | $(verdict "$IDLE_RSS_MB" "<=" 250) |
| start, \`java -jar\` to /q/health/ready UP | **$START_S s** | <= 3 s (JVM) | $(verdict "$START_S" "<=" 3) |

MB = MiB (VmRSS / 1024).

The true commit-to-Kafka lag cannot be observed from outside the service: the commit happens
somewhere between the insert of the event row (\`ce_recordedtime\`) and the 201 response, so it
is reported as two bounds (section 3). The target is judged on the **upper bound**, from the insert,
because it can only over-state the lag: if it meets the target, the true lag does. The lower
bound, from the 201 response, can only under-state it (the commit, the read-back of idea_view and
the response all lie before its start); when only the lower bound meets the target, the verdict says
"met on the lower bound only": the true lag may or may not meet it.

## 1. Start time and memory

The service was stopped and relaunched with the command line, environment and working directory
that deploy/run.sh had given it (read from \`/proc/<pid>\`), PostgreSQL and Kafka already running.

| | |
| --- | --- |
| \`java -jar\` launch to the "started in" log line (its own timestamp) | $START_TO_LINE_MS ms |
| Quarkus' own "started in" (from its main class, without JVM boot) | ${QUARKUS_STARTED:-n/a} s |
| \`java -jar\` launch to /q/health/ready answering UP (polled every 50 ms) | $START_TO_READY_MS ms |
| idle RSS, ${IDLE_SETTLE} s after ready | $IDLE_RSS_MB MB |
| VmHWM (peak RSS) up to then | $START_HWM_MB MB |
| RSS under the closed-loop load: peak / average (sampled every 0.5 s) | $C_RSS_PEAK MB / $C_RSS_AVG MB |
| VmHWM after the closed loop | $C_HWM_MB MB |
| RSS during the open loop: peak / average | $O_RSS_PEAK MB / $O_RSS_AVG MB |

\`\`\`
$STARTED_LINE
\`\`\`

## 2. Closed loop: saturation throughput

$CLIENTS concurrent clients (java.net.http, HTTP/1.1 keep-alive), each POSTing a new, unique idea as
soon as its previous one was answered; ${WARMUP} s warm-up (not measured), then ${DURATION} s measured.
Throughput = 201 responses completed inside the window / window length.

| | |
| --- | --- |
| throughput (201 Created) | **$C_TPUT req/s** ($C_OK in $(j "$CLOSED_JSON" .durationSeconds) s) |
| service JVM up for (at the start of this window) | $(((C_FROM - T_LAUNCH) / 1000)) s |
| latency p50 / p95 / p99 / max | $(lat "$CLOSED_JSON" p50Ms) / $(lat "$CLOSED_JSON" p95Ms) / $(lat "$CLOSED_JSON" p99Ms) / $(lat "$CLOSED_JSON" maxMs) ms |
| latency mean (client) / server-side mean (http_server_requests) | $(lat "$CLOSED_JSON" meanMs) ms / $C_SERVER_MEAN ms |
| time the service JVM spent in GC (jstat GCT) | $C_GC |
| errors | $C_ERR ($C_ERR_KINDS) |
| service C2 compiler thread in the middle of the window (\`top -H\`, % of one core) | $C_C2 |
| commit-to-Kafka lag at saturation p50 / p99 / max, from the insert (upper bound) | $(lag "$CLOSED_JSON" p50Ms) / $(lag "$CLOSED_JSON" p99Ms) / $(lag "$CLOSED_JSON" maxMs) ms ($(j "$CLOSED_JSON" '.kafka.recordsInWindow // 0') records) |
| commit-to-Kafka lag at saturation p50 / p99 / max, from the 201 response (lower bound) | $(lagr "$CLOSED_JSON" p50Ms) / $(lagr "$CLOSED_JSON" p99Ms) / $(lagr "$CLOSED_JSON" maxMs) ms ($(j "$CLOSED_JSON" '.kafka.lagFromResponse.count // 0') records matched to their response) |
$(error_samples "$C_ERR" "$C_ERR_SAMPLES")

## 3. Open loop at half saturation: latency and commit-to-Kafka lag

$RATE requests/s scheduled at fixed times (one sender, asynchronous requests), ${OPEN_WARMUP} s warm-up,
${OPEN_DURATION} s measured. HTTP latency counts from each request's *intended* send time (no
coordinated omission). The lag consumer (own consumer group, positioned at the end of
\`experiments.idea\` before the load) notes when it received each record; only events recorded
inside the window count. The commit lies between the insert and the 201 response, so the lag is
given as two bounds:

* **from the insert (upper bound)** = receive time minus the record's \`ce_recordedtime\` header
  (PostgreSQL's clock_timestamp() when the event row was inserted, *before* the commit). It includes
  the rest of the transaction and the commit itself (WAL flush), so it over-states the lag.
* **from the 201 response (lower bound)** = receive time minus the time the load generator had
  received the 201 response of the same idea (the record key is the idea id, the 201 body's
  \`id\`). The service commits, reads the idea back and answers, so the commit happened before
  that moment and this under-states the lag. It is negative when the relay had published and the
  consumer had received the record before the client had finished reading the response; such values
  stay in the distribution as they are.

| | |
| --- | --- |
| achieved throughput | $(j "$OPEN_JSON" .throughput) req/s (offered $RATE) |
| service JVM up for (at the start of this window) | $(((O_FROM - T_LAUNCH) / 1000)) s |
| HTTP latency p50 / p95 / p99 / max | $(lat "$OPEN_JSON" p50Ms) / $(lat "$OPEN_JSON" p95Ms) / $(lat "$OPEN_JSON" p99Ms) / $(lat "$OPEN_JSON" maxMs) ms |
| server-side mean (http_server_requests) | $O_SERVER_MEAN ms |
| **commit-to-Kafka lag from the insert (upper bound) p50 / p95 / p99 / max** | **$(lag "$OPEN_JSON" p50Ms) / $(lag "$OPEN_JSON" p95Ms) / $O_LAG_P99 / $(lag "$OPEN_JSON" maxMs) ms** |
| **commit-to-Kafka lag from the 201 response (lower bound) p50 / p95 / p99 / max** | **$(lagr "$OPEN_JSON" p50Ms) / $(lagr "$OPEN_JSON" p95Ms) / $O_LAGR_P99 / $(lagr "$OPEN_JSON" maxMs) ms** (min $(lagr "$OPEN_JSON" minMs) ms) |
| records measured / ideas created in the window | $(j "$OPEN_JSON" '.kafka.recordsInWindow // 0') / $(j "$OPEN_JSON" .ok) |
| records of the window matched to their 201 response / without one | $(j "$OPEN_JSON" '.kafka.lagFromResponse.count // 0') / $(j "$OPEN_JSON" '.kafka.recordsInWindowWithoutResponse // "n/a"') |
| service C2 compiler thread in the middle of the window (\`top -H\`, % of one core) | $O_C2 |
| the relay's own lag metric (recorded to Kafka ack, recent window) | ${RELAY_LAG:-n/a} |
| errors | $O_ERR ($O_ERR_KINDS) |
$(error_samples "$O_ERR" "$O_ERR_SAMPLES")

$(timeline_section open)

## 4. pgbench: the same durable write without the service

\`$PGBENCH_CMD\` (after a ${PGBENCH_WARMUP} s warm-up run), against the scratch database
\`$SCRATCH_DB\` on the same server (created, migrated with V1__event_store.sql and
V100__read_models.sql, dropped afterwards), while the service was stopped.
Script: [pgbench-idea.sql](pgbench-idea.sql): one transaction = insert into es_event (same columns,
jsonb payload of the same shape and size, ids from gen_random_uuid()) + insert into idea_view.

| | |
| --- | --- |
| tps (without initial connection time) | **$PGB_TPS** |
| latency average | $PGB_LAT ms |
| transactions / failed | $PGB_TX / ${PGB_FAILED:-0} |
| rows written | $PGB_ROWS |

Per-statement latency (pgbench -r):

\`\`\`
$PGB_STMTS
\`\`\`

## 5. Where the CPU goes

CPU of each process group over the measurement window, in % of one core (the machine has
$(nproc) cores = $(($(nproc) * 100)) %), from /proc/<pid>/stat (PostgreSQL = postmaster and all its
backends) and /proc/stat (busy = all CPUs; other = busy minus the four groups).

| phase | service JVM | load generator / pgbench | PostgreSQL | Kafka | other | machine busy |
| --- | --- | --- | --- | --- | --- | --- |
$(cpu_row "closed loop ($C_TPUT req/s)" "$C_CPU_SVC %" "$C_CPU_LG %" "$C_CPU_PG %" "$C_CPU_KAFKA %" "$C_CPU_OTHER %" "$C_CPU_BUSY %")
$(cpu_row "open loop ($RATE req/s)" "$O_CPU_SVC %" "$O_CPU_LG %" "$O_CPU_PG %" "$O_CPU_KAFKA %" "$O_CPU_OTHER %" "$O_CPU_BUSY %")
$(cpu_row "pgbench ($PGB_TPS tps)" "(stopped)" "$PGB_CPU_LG %" "$PGB_CPU_PG %" "idle" "$PGB_CPU_OTHER %" "$PGB_CPU_BUSY %")

CPU per request: service $(awk -v c="$C_CPU_SVC" -v t="$C_TPUT" 'BEGIN {if (t > 0) printf "%.2f", c * 10 / t; else print "n/a"}') ms,
PostgreSQL $(awk -v c="$C_CPU_PG" -v t="$C_TPUT" 'BEGIN {if (t > 0) printf "%.2f", c * 10 / t; else print "n/a"}') ms,
load generator $(awk -v c="$C_CPU_LG" -v t="$C_TPUT" 'BEGIN {if (t > 0) printf "%.2f", c * 10 / t; else print "n/a"}') ms
(closed loop); PostgreSQL per pgbench transaction $(awk -v c="$PGB_CPU_PG" -v t="$PGB_TPS" 'BEGIN {if (t > 0) printf "%.2f", c * 10 / t; else print "n/a"}') ms.

\`top -b\` in the middle of the closed loop (second frame, 4 s):

\`\`\`
$(awk '/^top - /{f++} f == 2' "$OUT/closed-top.txt" 2>/dev/null | head -n 22)
\`\`\`

Service JVM threads in the middle of the closed loop (\`top -H\`, % of one core, grouped by name):

\`\`\`
${THREADS:-n/a}
\`\`\`
$(profile_section)

Connections of the service database during the closed loop (5 samples, 1 s apart; state / wait event, count).
\`idle\` = connections unused in the service's pool (many idle: the pool is not what limits);
\`idle in transaction / ClientRead\` = a transaction waiting for the service JVM;
\`active / IO:WALSync, LWLock:WALWrite\` = commits waiting for the WAL flush:

\`\`\`
$(cat "$OUT/closed-pg-activity.txt" 2>/dev/null)
\`\`\`

## Methodology and where time goes

* **Closed loop** measures saturation: with $CLIENTS clients always waiting, the system runs as fast
  as its slowest shared resource allows. On $(nproc) cores that resource is CPU, shared by the load
  generator, the service, PostgreSQL and Kafka. Latency in a closed loop is mostly queueing
  (64 requests in the system / throughput), not service time.
* **Open loop** at half that throughput measures latency and lag under a load the system can carry.
  Requests are sent at their scheduled times whatever the responses do, and latency counts from the
  scheduled time, so stalls are not hidden.
* **Commit-to-Kafka lag** is the time from the commit of the writing transaction to the event being
  readable from Kafka: the relay noticing (in-process wake-up after commit), reading only events of
  transactions older than the oldest one still running (\`pg_snapshot_xmin\`), producing with
  acks=all and waiting for the acknowledgements, advancing its checkpoint, and the consumer's fetch.
  The commit time itself is not visible from outside, so two bounds are measured for each event:
  * **upper bound, from the insert:** consumer receive time − \`ce_recordedtime\` (PostgreSQL's
    clock_timestamp() at the INSERT of the event row). It also counts the rest of the transaction
    before the commit (idea_view insert) and the commit itself with its WAL flush, which on this
    machine has outliers of hundreds of ms, so it over-states the lag.
  * **lower bound, from the 201 response:** consumer receive time − the time the load generator had
    the 201 response of the same idea (matched by the record key = the idea id in the 201 body).
    The service answers only after the commit (commit, read-back of idea_view, response), so this
    leaves out the commit and everything up to the response, and under-states the lag; it can be
    negative (the record arrived before the client had read the response) and is kept as it is.
  * The true lag of each event lies between the two. The target (p99 <= 50 ms) is judged on the upper
    bound, the one that cannot flatter the result; "met on the lower bound only" means the true value
    is somewhere in between and may or may not meet it. All times come from the same clock (one host).
* **pgbench** is the ceiling for the database part of the same write: no HTTP, JWT verification
  (RSA signature per request), JSON, bean validation, pool, JTA, no read-back of idea_view for the 201
  body, no relay. The ratio says how much of the database's capacity the service turns into requests.
  pgbench ran while the service was stopped, so it had the machine for itself (and the
  ${PGBENCH_CLIENTS} connections did not have to fit next to the service's pool of up to 40).
* **JIT warm-up:** the service is restarted just before the loads (to time its start), so it is
  measured within a few minutes of its start, after ${WARMUP} s (closed loop) and ${OPEN_WARMUP} s
  (open loop) of warm-up. On ${CPU_COUNT} cores its C2 compiler thread competes with the requests for
  CPU while it is busy; in the middle of the windows it used $C_C2 (closed loop) and $O_C2 (open
  loop) of one core (\`top -H\`). A longer \`WARMUP\` / \`OPEN_WARMUP\` measures closer to steady state.
* **Start time** is measured from the \`java -jar\` launch (wall clock) to the log line's own
  timestamp and to the first UP of /q/health/ready (readiness includes the Kafka and database checks).
* **RSS** is VmRSS of the service process from /proc; "idle" is ${IDLE_SETTLE} s after ready, before any load.
EOF

log "results written to ${RESULTS#"$ROOT"/}"
echo
cat "$RESULTS"
