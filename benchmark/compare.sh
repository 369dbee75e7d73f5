#!/usr/bin/env bash
# Compares two builds of experiments-service on one machine, in one session (see benchmark/README.md):
#
#   benchmark/compare.sh <old-ref-or-dir> <new-ref-or-dir>
#
# e.g.  benchmark/compare.sh 0f988b2 reactive-branch
#       benchmark/compare.sh 0f988b2 /work/wt-reactive        (an already built checkout)
#
# 1. builds each git ref in its own worktree, benchmark/target/builds/<sha>, with
#    ./mvnw -q -DskipTests package -pl experiments-service -am (reused when already built); a
#    directory is taken as it is and must hold experiments-service/target/quarkus-app/quarkus-run.jar;
# 2. one PostgreSQL and one Kafka for both (already running, or deploy/run.sh --infra-only); each
#    run of a build gets a fresh database (bench_old / bench_new, dropped and recreated) and its own
#    topic prefix (bench-<slot>-<time>-r<n>), so schemas, Flyway histories and records never mix;
# 3. pgbench once (benchmark/pgbench-idea.sql, 64 clients), the reference for the ratio;
# 4. per build, one at a time (old, new, old, new, ... REPEAT times): start-to-ready time, idle
#    RSS, closed loop with wrk (64 connections, warm-up + measured window), CPU ms per request of
#    the service JVM and of PostgreSQL (all its processes) over the measured window;
# 5. open loop at half the build's wrk throughput with the load generator (commit-to-Kafka lag);
# 6. writes benchmark/COMPARE.md. Raw output: benchmark/target/compare-<time>/ (git-ignored).
#
# Knobs (environment): REPEAT=1 CONNECTIONS=64 THREADS=2 WARMUP=20 DURATION=30 WRK_TIMEOUT=30s
#   OPEN_WARMUP=10 OPEN_DURATION=30 PGBENCH_CLIENTS=64 PGBENCH_JOBS=2 PGBENCH_DURATION=30
#   PGBENCH_WARMUP=5 IDLE_SETTLE=5 READY_TIMEOUT=120 READY_GRACE=30 DRAIN_TIMEOUT=60 HTTP_PORT=18081
#   PG_PORT=5432 KAFKA_BOOTSTRAP=localhost:9092 SERVICE_JAVA_OPTS LG_JAVA_OPTS
#   WAIT_FOR_QUIET=0 (s to wait, before each run, for the machine to be at most QUIET_THRESHOLD=50 % busy)
#   COMPARE_MD=benchmark/COMPARE.md  LABEL="old vs new"  (heading of the report)
#   OLD_NAME=old NEW_NAME=new        (how the two builds are called in the report)
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
cd "$ROOT"

usage() {
  cat <<EOF
usage: benchmark/compare.sh <old-ref-or-dir> <new-ref-or-dir>

  A git ref (commit, branch, tag) is checked out into benchmark/target/builds/<sha> and built.
  A directory must be a checkout with experiments-service/target/quarkus-app/quarkus-run.jar built.
  Knobs: see the head of this script or benchmark/README.md (quick smoke run:
  WARMUP=5 DURATION=10 OPEN_WARMUP=5 OPEN_DURATION=10 PGBENCH_DURATION=10 benchmark/compare.sh A B).
EOF
}
if [[ $# -ne 2 || $1 == -h || $1 == --help ]]; then
  usage >&2
  [[ $# -ge 1 && ($1 == -h || $1 == --help) ]] && exit 0
  exit 2
fi

# the exact command, with the knobs that were set in the environment
KNOBS=(REPEAT CONNECTIONS THREADS WARMUP DURATION WRK_TIMEOUT OPEN_WARMUP OPEN_DURATION PGBENCH_CLIENTS
  PGBENCH_JOBS PGBENCH_DURATION PGBENCH_WARMUP IDLE_SETTLE READY_TIMEOUT READY_GRACE DRAIN_TIMEOUT HTTP_PORT
  PG_PORT KAFKA_BOOTSTRAP SERVICE_JAVA_OPTS LG_JAVA_OPTS COMPARE_MD LABEL OLD_NAME NEW_NAME PG_ADMIN_USER
  WAIT_FOR_QUIET QUIET_THRESHOLD)
ENV_PREFIX=""
for knob in "${KNOBS[@]}"; do
  [[ -n ${!knob+x} ]] && ENV_PREFIX+="$knob=$(printf '%q' "${!knob}") "
done
COMMAND_LINE="${ENV_PREFIX}benchmark/compare.sh $(printf '%q ' "$@")"
COMMAND_LINE=${COMMAND_LINE% }

REPEAT=${REPEAT:-1}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
WARMUP=${WARMUP:-20}
DURATION=${DURATION:-30}
WRK_TIMEOUT=${WRK_TIMEOUT:-30s}
OPEN_WARMUP=${OPEN_WARMUP:-10}
OPEN_DURATION=${OPEN_DURATION:-30}
PGBENCH_CLIENTS=${PGBENCH_CLIENTS:-64}
PGBENCH_JOBS=${PGBENCH_JOBS:-2}
PGBENCH_DURATION=${PGBENCH_DURATION:-30}
PGBENCH_WARMUP=${PGBENCH_WARMUP:-5}
IDLE_SETTLE=${IDLE_SETTLE:-5}
READY_TIMEOUT=${READY_TIMEOUT:-120}
READY_GRACE=${READY_GRACE:-30}
DRAIN_TIMEOUT=${DRAIN_TIMEOUT:-60}
HTTP_PORT=${HTTP_PORT:-18081}
WAIT_FOR_QUIET=${WAIT_FOR_QUIET:-0}
QUIET_THRESHOLD=${QUIET_THRESHOLD:-50}
PG_PORT=${PG_PORT:-5432}
KAFKA_BOOTSTRAP=${KAFKA_BOOTSTRAP:-localhost:9092}
COMPARE_MD=${COMPARE_MD:-$BENCH_DIR/COMPARE.md}
LABEL=${LABEL:-}
OLD_NAME=${OLD_NAME:-old}
NEW_NAME=${NEW_NAME:-new}
# the load generator's JVM, as benchmark/run.sh runs it: C1 only, fixed small heap, serial GC
LG_JAVA_OPTS=${LG_JAVA_OPTS:-"-Xms256m -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1"}

for n in REPEAT CONNECTIONS THREADS WARMUP DURATION OPEN_WARMUP OPEN_DURATION PGBENCH_CLIENTS PGBENCH_JOBS \
  PGBENCH_DURATION PGBENCH_WARMUP IDLE_SETTLE READY_TIMEOUT READY_GRACE DRAIN_TIMEOUT HTTP_PORT PG_PORT \
  WAIT_FOR_QUIET QUIET_THRESHOLD; do
  [[ ${!n} =~ ^[0-9]+$ ]] || { echo "compare.sh: $n must be a whole number, not '${!n}'" >&2; exit 2; }
done
((REPEAT >= 1 && DURATION >= 1 && PGBENCH_DURATION >= 1 && OPEN_DURATION >= 1)) \
  || { echo "compare.sh: REPEAT, DURATION, PGBENCH_DURATION and OPEN_DURATION must be at least 1" >&2; exit 2; }

SERVICE=experiments-service
JAR_REL=$SERVICE/target/quarkus-app/quarkus-run.jar
DB_USER=adoption
DB_PASSWORD=adoption
export PGPASSWORD=$DB_PASSWORD
JWT_ISSUER=ai-adoption-dev
DEV_PUBLIC_KEY=$ROOT/deploy/dev-keys/dev-public-key.pem
LG_JAR=$BENCH_DIR/load-generator/target/load-generator.jar
WRK_SCRIPT=$BENCH_DIR/wrk-post-idea.lua
BUILDS_DIR=$BENCH_DIR/target/builds
HZ=$(getconf CLK_TCK)
NCPU=$(nproc)

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT=$BENCH_DIR/target/compare-$STAMP
mkdir -p "$OUT"

if [[ -t 1 ]]; then _b=$'\e[1m' _g=$'\e[32m' _r=$'\e[31m' _n=$'\e[0m'; else _b='' _g='' _r='' _n=''; fi
log() { printf '%s[compare %s]%s %s\n' "$_b$_g" "$(date +%H:%M:%S)" "$_n" "$*" | tee -a "$OUT/compare.log"; }
die() {
  printf '%s[compare] error:%s %s\n' "$_b$_r" "$_n" "$*" >&2
  printf '[compare] error: %s\n' "$*" >>"$OUT/compare.log"
  exit 1
}

# ------------------------------------------------------------------ clean-up of what this script starts
SVC_PID="" WRK_PID="" LG_PID=""
stop_service() {
  [[ -n $SVC_PID ]] || return 0
  if kill -0 "$SVC_PID" 2>/dev/null; then
    kill -TERM "$SVC_PID" 2>/dev/null || true
    local i
    for ((i = 0; i < 60; i++)); do
      kill -0 "$SVC_PID" 2>/dev/null || break
      sleep 0.5
    done
    if kill -0 "$SVC_PID" 2>/dev/null; then
      log "service (pid $SVC_PID) did not stop within 30 s; killing it"
      kill -KILL "$SVC_PID" 2>/dev/null || true
    fi
  fi
  wait "$SVC_PID" 2>/dev/null || true
  SVC_PID=""
}
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  for p in "$WRK_PID" "$LG_PID"; do
    if [[ -n $p ]]; then
      pkill -TERM -P "$p" 2>/dev/null || true # wrk inside its subshell
      kill -TERM "$p" 2>/dev/null || true
    fi
  done
  if [[ -n $SVC_PID ]]; then
    printf '[compare] stopping the service under test (pid %s)\n' "$SVC_PID" >&2
    stop_service
  fi
  if ((rc != 0)); then
    printf '%s[compare]%s failed (exit %s); raw output so far: %s\n' "$_b$_r" "$_n" "$rc" "${OUT#"$ROOT"/}/" >&2
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ------------------------------------------------------------------ tools
for tool in java git curl jq psql pgbench awk ss setsid; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is missing (Debian: apt-get install openjdk-17-jdk-headless git curl jq postgresql-client iproute2)"
done
if ! command -v wrk >/dev/null 2>&1; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    log "wrk is missing: apt-get install -y wrk"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk >"$OUT/apt-wrk.log" 2>&1 \
      || { apt-get update -q >>"$OUT/apt-wrk.log" 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk >>"$OUT/apt-wrk.log" 2>&1; } \
      || die "could not install wrk (log: ${OUT#"$ROOT"/}/apt-wrk.log)"
  else
    die "wrk is missing (Debian: apt-get install wrk)"
  fi
fi
[[ -f $DEV_PUBLIC_KEY ]] || die "${DEV_PUBLIC_KEY#"$ROOT"/} is missing"
[[ -f $WRK_SCRIPT ]] || die "${WRK_SCRIPT#"$ROOT"/} is missing"

now_ms() { date +%s%3N; }
port_listening() { [[ -n $(ss -Hltn "sport = :$1" 2>/dev/null) ]]; }

# psql as a superuser (create/drop the scratch databases) and as the application role
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

recreate_db() { # NAME
  admin_psql -d postgres -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "CREATE DATABASE $1 OWNER $DB_USER" \
    >>"$OUT/databases.log" 2>&1 \
    || { tail -n 5 "$OUT/databases.log" >&2; die "cannot (re)create database $1 (as root the postgres OS user is used; else set PG_ADMIN_USER/PG_ADMIN_PASSWORD)"; }
}
drop_db() {
  admin_psql -d postgres -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" >>"$OUT/databases.log" 2>&1 || log "warning: could not drop $1"
}

# ------------------------------------------------------------------ CPU ticks from /proc
ticks_of() { # utime+stime (clock ticks) of the given pids (threads included)
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
postmaster_pid() { # the PostgreSQL server on localhost:PG_PORT (the root of its process tree)
  local pid parent
  pid=$(ss -Hltnp "sport = :$PG_PORT" 2>/dev/null | grep -o 'pid=[0-9]*' | head -n 1 | cut -d= -f2)
  [[ -n $pid ]] || pid=$(pgrep -o -x postgres 2>/dev/null || true)
  while [[ -n $pid ]]; do
    parent=$(awk '{print $4}' "/proc/$pid/stat" 2>/dev/null | head -n 1)
    if [[ -n $parent && $(cat "/proc/$parent/comm" 2>/dev/null) == postgres ]]; then pid=$parent; else break; fi
  done
  printf '%s\n' "$pid"
}
pg_ticks() { # the whole server: postmaster (own + reaped children) + every live child (backends, walwriter, ...)
  local pm=$1 line f own
  [[ -n $pm ]] || { echo 0; return; }
  read -r line <"/proc/$pm/stat" 2>/dev/null || { echo 0; return; }
  line=${line##*) }
  read -ra f <<<"$line"
  own=$((f[11] + f[12] + f[13] + f[14]))
  # shellcheck disable=SC2046 # word splitting of the pid list is intended
  echo $((own + $(ticks_of $(pgrep -P "$pm" 2>/dev/null || true))))
}
machine_ticks() { # "busy total" jiffies of all CPUs, from /proc/stat
  local _cpu user nice system idle iowait irq softirq steal _rest
  read -r _cpu user nice system idle iowait irq softirq steal _rest </proc/stat
  echo "$((user + nice + system + irq + softirq + steal)) $((user + nice + system + idle + iowait + irq + softirq + steal))"
}
kafka_pid() {
  ss -Hltnp "sport = :${KAFKA_BOOTSTRAP##*:}" 2>/dev/null | grep -o 'pid=[0-9]*' | head -n 1 | cut -d= -f2
}
snapshot() { # -> "ms svc_ticks pg_ticks kafka_ticks busy total"
  printf '%s %s %s %s %s\n' "$(now_ms)" "$(ticks_of "$SVC_PID")" "$(pg_ticks "$PM_PID")" "$(ticks_of "$KAFKA_PID")" "$(machine_ticks)"
}

# ------------------------------------------------------------------ 1. the builds
# resolve_build SLOT ARG -> sets BUILD_DIR_<slot>, BUILD_DESC_<slot>
declare -A BUILD_DIR BUILD_DESC BUILD_REV
prepare_build() {
  local slot=$1 arg=$2 dir sha short log
  if [[ -d $arg ]]; then
    dir=$(cd "$arg" && pwd)
    [[ -f $dir/$JAR_REL ]] || die "$arg: no $JAR_REL there; build it first (cd $arg && ./mvnw -q -DskipTests package -pl $SERVICE -am) or pass a git ref"
    BUILD_DIR[$slot]=$dir
    BUILD_REV[$slot]=$(git -C "$dir" rev-parse --short HEAD 2>/dev/null || echo "?")
    local dirty=""
    [[ -n $(git -C "$dir" status --porcelain -uno 2>/dev/null | head -n 1) ]] && dirty=" + uncommitted changes"
    BUILD_DESC[$slot]="directory \`$dir\` (git ${BUILD_REV[$slot]}$dirty, jar built $(date -u -r "$dir/$JAR_REL" '+%Y-%m-%d %H:%M UTC'))"
    log "$slot: using the built checkout $dir (git ${BUILD_REV[$slot]}$dirty)"
    return 0
  fi
  sha=$(git rev-parse --verify --quiet "$arg^{commit}") || die "'$arg' is neither a directory nor a git ref of this repository"
  short=$(git rev-parse --short=12 "$sha")
  dir=$BUILDS_DIR/$short
  BUILD_DIR[$slot]=$dir
  BUILD_REV[$slot]=$short
  BUILD_DESC[$slot]="git \`$arg\` = $short ($(git log -1 --format=%s "$sha" | cut -c1-90)), built in ${dir#"$ROOT"/}"
  if [[ -f $dir/.bench-built && $(<"$dir/.bench-built") == "$sha" && -f $dir/$JAR_REL ]]; then
    log "$slot: $arg ($short) already built in ${dir#"$ROOT"/}"
    return 0
  fi
  mkdir -p "$BUILDS_DIR"
  git worktree prune
  if [[ -e $dir ]]; then
    if [[ $(git -C "$dir" rev-parse HEAD 2>/dev/null) != "$sha" ]]; then
      log "$slot: ${dir#"$ROOT"/} is not at $short; recreating it"
      git worktree remove --force "$dir" 2>/dev/null || rm -rf "$dir"
      git worktree prune
    fi
  fi
  if [[ ! -e $dir ]]; then
    log "$slot: git worktree add ${dir#"$ROOT"/} $short"
    git worktree add --detach "$dir" "$sha" >"$OUT/worktree-$short.log" 2>&1 \
      || { cat "$OUT/worktree-$short.log" >&2; die "git worktree add failed for $arg"; }
  fi
  log="$OUT/build-$short.log"
  log "$slot: building $short (./mvnw -q -DskipTests package -pl $SERVICE -am; log ${log#"$ROOT"/})"
  local t0=$SECONDS
  (cd "$dir" && ./mvnw -q -DskipTests package -pl "$SERVICE" -am) >"$log" 2>&1 \
    || { tail -n 40 "$log" >&2; die "build of $arg ($short) failed (log: ${log#"$ROOT"/})"; }
  [[ -f $dir/$JAR_REL ]] || die "build of $arg produced no $JAR_REL"
  printf '%s\n' "$sha" >"$dir/.bench-built"
  log "$slot: built in $((SECONDS - t0)) s"
}
prepare_build old "$1"
prepare_build new "$2"

log "building the load generator (./mvnw -q -f benchmark/load-generator/pom.xml package)"
./mvnw -q -f benchmark/load-generator/pom.xml package >"$OUT/build-load-generator.log" 2>&1 \
  || { tail -n 40 "$OUT/build-load-generator.log" >&2; die "load generator build failed (log: ${OUT#"$ROOT"/}/build-load-generator.log)"; }

# ------------------------------------------------------------------ 2. infrastructure
if port_listening "$PG_PORT" && port_listening "${KAFKA_BOOTSTRAP##*:}"; then
  log "PostgreSQL (:$PG_PORT) and Kafka (:${KAFKA_BOOTSTRAP##*:}) already run: reusing them"
else
  log "starting PostgreSQL and Kafka: deploy/run.sh --infra-only (log ${OUT#"$ROOT"/}/deploy-run.log)"
  for attempt in $(seq 12); do
    if deploy/run.sh --infra-only >"$OUT/deploy-run.log" 2>&1; then break; fi
    if grep -q 'another deploy/run.sh' "$OUT/deploy-run.log" && ((attempt < 12)); then
      log "another deploy/run.sh is running; waiting 10 s"
      sleep 10
      continue
    fi
    tail -n 30 "$OUT/deploy-run.log" >&2
    die "deploy/run.sh --infra-only failed (see above)"
  done
fi
port_listening "$PG_PORT" || die "nothing listens on localhost:$PG_PORT (PostgreSQL)"
port_listening "${KAFKA_BOOTSTRAP##*:}" || die "nothing listens on $KAFKA_BOOTSTRAP (Kafka)"
if ! app_psql -d postgres -Atc 'select 1' >/dev/null 2>&1; then
  log "role $DB_USER cannot log in: creating it"
  admin_psql -d postgres -v owner="$DB_USER" -v password="$DB_PASSWORD" -v dbs=experiments \
    <deploy/postgres-init/adoption-databases.psql >>"$OUT/databases.log" 2>&1 \
    || die "cannot create role $DB_USER on localhost:$PG_PORT (set PG_ADMIN_USER/PG_ADMIN_PASSWORD)"
fi
PM_PID=$(postmaster_pid)
[[ -n $PM_PID ]] || die "cannot find the PostgreSQL server process (for its CPU)"
KAFKA_PID=$(kafka_pid)
PG_VERSION=$(app_psql -d postgres -Atc 'show server_version')
PG_SETTINGS=$(app_psql -d postgres -Atc "select string_agg(name || '=' || setting || coalesce(unit, ''), ', ' order by name) from pg_settings where name in ('synchronous_commit','fsync','wal_sync_method','shared_buffers','max_connections','commit_delay','full_page_writes')")
log "PostgreSQL $PG_VERSION (postmaster pid $PM_PID), Kafka pid ${KAFKA_PID:-?}"

log "dev token: deploy/token.sh employee finance bench-user"
deploy/token.sh employee finance bench-user >"$OUT/token" 2>"$OUT/token.err" \
  || { cat "$OUT/token.err" >&2; die "deploy/token.sh failed"; }

# ------------------------------------------------------------------ 3. pgbench (once, nothing else running)
PGB_DB=bench_pgbench
log "pgbench: scratch database $PGB_DB with the service's migrations"
recreate_db "$PGB_DB"
app_psql -d "$PGB_DB" -f event-sourcing/src/main/resources/db/eventsourcing/V1__event_store.sql \
  -f experiments-service/src/main/resources/db/migration/V100__read_models.sql >"$OUT/pgbench-setup.log" 2>&1 \
  || { cat "$OUT/pgbench-setup.log" >&2; die "cannot apply the migrations to $PGB_DB"; }
PGBENCH_ARGS=(-h localhost -p "$PG_PORT" -U "$DB_USER" -n -M prepared -c "$PGBENCH_CLIENTS" -j "$PGBENCH_JOBS"
  -f benchmark/pgbench-idea.sql)
if ((PGBENCH_WARMUP > 0)); then
  pgbench "${PGBENCH_ARGS[@]}" -T "$PGBENCH_WARMUP" "$PGB_DB" >"$OUT/pgbench-warmup.txt" 2>&1 \
    || { tail -n 20 "$OUT/pgbench-warmup.txt" >&2; die "pgbench warm-up failed"; }
fi
PGBENCH_CMD="pgbench ${PGBENCH_ARGS[*]} -T $PGBENCH_DURATION $PGB_DB"
log "pgbench: -c $PGBENCH_CLIENTS -j $PGBENCH_JOBS -T $PGBENCH_DURATION (after a ${PGBENCH_WARMUP} s warm-up)"
S0=$(snapshot)
pgbench "${PGBENCH_ARGS[@]}" -T "$PGBENCH_DURATION" "$PGB_DB" >"$OUT/pgbench.txt" 2>&1 \
  || { tail -n 20 "$OUT/pgbench.txt" >&2; die "pgbench failed"; }
S1=$(snapshot)
PGB_TPS=$(sed -n 's/^tps = \([0-9.]*\) (without initial connection time)/\1/p' "$OUT/pgbench.txt" | awk '{printf "%.1f", $1}')
PGB_LAT=$(sed -n 's/^latency average = \([0-9.]*\) ms/\1/p' "$OUT/pgbench.txt")
PGB_TX=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$OUT/pgbench.txt")
[[ -n $PGB_TPS && -n $PGB_TX ]] || { cat "$OUT/pgbench.txt" >&2; die "could not read tps from pgbench's output"; }
PGB_PG_MS=$(awk -v a="$S0" -v b="$S1" -v hz="$HZ" -v n="$PGB_TX" 'BEGIN {split(a, x, " "); split(b, y, " ");
  if (n > 0) printf "%.3f", (y[3] - x[3]) / hz * 1000 / n; else print "n/a"}')
PGB_BUSY=$(awk -v a="$S0" -v b="$S1" -v nc="$NCPU" 'BEGIN {split(a, x, " "); split(b, y, " ");
  printf "%.0f", (y[6] > x[6]) ? (y[5] - x[5]) / (y[6] - x[6]) * nc * 100 : 0}')
drop_db "$PGB_DB"
admin_psql -d postgres -c CHECKPOINT >>"$OUT/databases.log" 2>&1 || true
log "pgbench: $PGB_TPS tps, latency average $PGB_LAT ms, PostgreSQL CPU $PGB_PG_MS ms per transaction"

# ------------------------------------------------------------------ 4./5. one run of one build
# figures go to $OUT/<slot>-r<n>/figures (key=value), read by the report
fig() { printf '%s=%s\n' "$1" "$2" >>"$RUN_DIR/figures"; }

health_status() { # URL -> prints "<http code> <UP|DOWN|->"
  local code body
  body=$(curl -s --max-time 1 -w '\n%{http_code}' "$1" 2>/dev/null) || { echo "000 -"; return; }
  code=${body##*$'\n'}
  body=${body%$'\n'*}
  if [[ $body =~ \"status\"[[:space:]]*:[[:space:]]*\"UP\" ]]; then echo "$code UP"; else echo "$code -"; fi
}

relay_backlog() { # events the relay has not published yet, or empty if the schema does not tell
  app_psql -d "$1" -Atc "select count(*) from es_event e, es_relay_checkpoint c
    where (e.transaction_id, e.global_position) > (c.last_transaction_id, c.last_position)" 2>/dev/null || true
}

run_build() { # SLOT RUN_NO
  local slot=$1 run=$2 dir=${BUILD_DIR[$1]} app db prefix base jar i
  RUN_DIR=$OUT/$slot-r$run
  mkdir -p "$RUN_DIR"
  : >"$RUN_DIR/figures"
  db=bench_$slot
  prefix=bench-$slot-$(tr '[:upper:]' '[:lower:]' <<<"$STAMP")-r$run
  base=http://localhost:$HTTP_PORT
  app=$dir/$SERVICE/target/quarkus-app
  jar=$app/quarkus-run.jar
  log "== $slot, run $run: ${dir#"$ROOT"/} (database $db, topic ${prefix}.idea, port $HTTP_PORT)"

  port_listening "$HTTP_PORT" && die "port $HTTP_PORT is already taken ($(ss -Hltnp "sport = :$HTTP_PORT" | grep -o 'users:.*')); set HTTP_PORT to a free port"
  recreate_db "$db"
  [[ $run == 1 && $slot == old ]] || wait_for_quiet
  fig bg_busy_pct "$BG_BUSY"

  # the JVM flags deploy/run.sh gives the service: -Xmx512m, its marker, the AppCDS archive if built
  local jvm_opts=(-Xmx512m "-Dadoption.service=$jar")
  [[ -f $app/app-cds.jsa ]] && jvm_opts+=(-XX:SharedArchiveFile=app-cds.jsa -Xshare:auto)
  # shellcheck disable=SC2206 # SERVICE_JAVA_OPTS is a list of JVM options
  [[ -n ${SERVICE_JAVA_OPTS:-} ]] && jvm_opts+=($SERVICE_JAVA_OPTS)
  printf '%s\n' "${jvm_opts[*]}" >"$RUN_DIR/jvm-flags"
  local t_launch t_ready="" t_live="" ready_src="" st
  t_launch=$(now_ms)
  # setsid in a non-leader child execs in place, so $! is the JVM itself
  setsid env -C "$app" \
    QUARKUS_HTTP_PORT="$HTTP_PORT" \
    QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://localhost:$PG_PORT/$db" \
    QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://localhost:$PG_PORT/$db" \
    QUARKUS_DATASOURCE_USERNAME="$DB_USER" \
    QUARKUS_DATASOURCE_PASSWORD="$DB_PASSWORD" \
    KAFKA_BOOTSTRAP_SERVERS="$KAFKA_BOOTSTRAP" \
    EVENTSOURCING_RELAY_TOPIC_PREFIX="$prefix" \
    MP_JWT_VERIFY_PUBLICKEY_LOCATION="$DEV_PUBLIC_KEY" \
    MP_JWT_VERIFY_ISSUER="$JWT_ISSUER" \
    java "${jvm_opts[@]}" -jar quarkus-run.jar >"$RUN_DIR/service.log" 2>&1 </dev/null &
  SVC_PID=$!
  # start to ready: /q/health/ready UP (polled every 50 ms); /q/health/live is accepted instead when
  # there is no readiness endpoint (404) or it stays not-UP for READY_GRACE s after live is UP
  local deadline=$((t_launch + READY_TIMEOUT * 1000)) now
  while :; do
    now=$(now_ms)
    ((now < deadline)) || break
    kill -0 "$SVC_PID" 2>/dev/null || break
    st=$(health_status "$base/q/health/ready")
    if [[ $st == "200 UP" ]]; then t_ready=$(now_ms); ready_src=ready; break; fi
    if [[ -z $t_live ]]; then
      [[ $(health_status "$base/q/health/live") == *" UP" ]] && t_live=$(now_ms)
    fi
    if [[ -n $t_live ]] && { [[ $st == 404* ]] || ((now - t_live > READY_GRACE * 1000)); }; then
      t_ready=$t_live
      ready_src="live (ready answered HTTP ${st%% *})"
      break
    fi
    sleep 0.05
  done
  if [[ -z $t_ready ]]; then
    tail -n 40 "$RUN_DIR/service.log" >&2
    kill -0 "$SVC_PID" 2>/dev/null && die "$slot: not ready within ${READY_TIMEOUT} s (log ${RUN_DIR#"$ROOT"/}/service.log)"
    SVC_PID=""
    die "$slot: the service exited before it was ready (log ${RUN_DIR#"$ROOT"/}/service.log)"
  fi
  tr '\0' ' ' <"/proc/$SVC_PID/cmdline" 2>/dev/null | grep -qF quarkus-run.jar \
    || die "$slot: pid $SVC_PID is not the service JVM"
  fig start_to_ready_ms $((t_ready - t_launch))
  fig ready_source "$ready_src"
  fig quarkus_started_s "$(grep -m 1 -o 'started in [0-9.]*s' "$RUN_DIR/service.log" | grep -o '[0-9.]*' || echo n/a)"
  log "$slot: ready after $((t_ready - t_launch)) ms (/q/health/$ready_src)"

  sleep "$IDLE_SETTLE"
  fig idle_rss_mb "$(awk '/^VmRSS:/ {printf "%.1f", $2 / 1024}' "/proc/$SVC_PID/status")"

  # one request first: a wrong token, URL or body should fail here, loudly, not as 30 s of errors
  local code
  code=$(curl -s -o "$RUN_DIR/probe.json" -w '%{http_code}' --max-time 30 -X POST "$base/ideas" \
    -H "Authorization: Bearer $(<"$OUT/token")" -H 'Content-Type: application/json' \
    --data "{\"title\":\"Benchmark probe $prefix\",\"problem\":\"A probe before the load.\",\"aiTool\":\"ChatGPT\",\"dataClassification\":\"INTERNAL\",\"benefitCategory\":\"EFFICIENCY\",\"department\":\"finance\"}" || true)
  [[ $code == 201 ]] || die "$slot: probe POST /ideas answered HTTP $code (expected 201): $(head -c 400 "$RUN_DIR/probe.json" 2>/dev/null)"

  # closed loop: wrk, warm-up then the measured window
  local wrk_opts=(-t "$THREADS" -c "$CONNECTIONS" --timeout "$WRK_TIMEOUT" -s "$WRK_SCRIPT")
  log "$slot: wrk warm-up ${WARMUP} s ($CONNECTIONS connections, $THREADS threads)"
  if ((WARMUP > 0)); then
    wrk "${wrk_opts[@]}" -d "${WARMUP}s" "$base" -- "$OUT/token" "$prefix-warm" >"$RUN_DIR/wrk-warmup.txt" 2>&1 &
    WRK_PID=$!
    wait "$WRK_PID" || { WRK_PID=""; cat "$RUN_DIR/wrk-warmup.txt" >&2; die "$slot: wrk (warm-up) failed"; }
    WRK_PID=""
  fi
  log "$slot: wrk measured ${DURATION} s"
  local s0 s1
  # in a subshell that reports wrk's CPU time afterwards (bash's times: user and system of its children)
  (
    rc=0
    wrk "${wrk_opts[@]}" -d "${DURATION}s" "$base" -- "$OUT/token" "$prefix-meas" >"$RUN_DIR/wrk.txt" 2>&1 || rc=$?
    times >"$RUN_DIR/wrk-times" # (not in a pipe: that would be a fresh subshell without children)
    exit "$rc"
  ) &
  WRK_PID=$!
  s0=$(snapshot)
  wait "$WRK_PID" || { WRK_PID=""; cat "$RUN_DIR/wrk.txt" >&2; die "$slot: wrk failed"; }
  s1=$(snapshot)
  WRK_PID=""
  local wj
  wj=$(sed -n 's/^WRK_RESULT //p' "$RUN_DIR/wrk.txt")
  [[ -n $wj ]] || { cat "$RUN_DIR/wrk.txt" >&2; die "$slot: no WRK_RESULT line in wrk's output"; }
  printf '%s\n' "$wj" >"$RUN_DIR/wrk.json"
  kill -0 "$SVC_PID" 2>/dev/null || die "$slot: the service died during the closed loop (log ${RUN_DIR#"$ROOT"/}/service.log)"
  local req ok sec
  req=$(jq -r .requests <<<"$wj")
  ok=$(jq -r .ok2xx <<<"$wj")
  sec=$(jq -r '.durationUs / 1e6' <<<"$wj")
  fig wrk_requests "$req"
  fig tput "$(awk -v n="$ok" -v s="$sec" 'BEGIN {printf "%.1f", n / s}')"
  fig tput_all "$(awk -v n="$req" -v s="$sec" 'BEGIN {printf "%.1f", n / s}')"
  fig p50_ms "$(jq -r '.latencyUs.p50 / 1000' <<<"$wj")"
  fig p95_ms "$(jq -r '.latencyUs.p95 / 1000' <<<"$wj")"
  fig p99_ms "$(jq -r '.latencyUs.p99 / 1000' <<<"$wj")"
  fig max_ms "$(jq -r '.latencyUs.max / 1000' <<<"$wj")"
  fig non2xx "$(jq -r .non2xx <<<"$wj")"
  fig statuses "$(jq -r '.statuses | to_entries | map("\(.key): \(.value)") | join(", ")' <<<"$wj")"
  fig socket_errors "$(jq -r '.socketErrors | .connect + .read + .write + .timeout' <<<"$wj")"
  # CPU over the measured window, per completed request
  local wrk_cpu_s
  wrk_cpu_s=$(awk 'NR == 2 {s = 0; for (i = 1; i <= 2; i++) {split($i, t, "m"); s += t[1] * 60 + t[2]}; printf "%.2f", s}' "$RUN_DIR/wrk-times" 2>/dev/null || echo 0)
  awk -v a="$s0" -v b="$s1" -v hz="$HZ" -v n="$req" -v nc="$NCPU" -v wrkcpu="${wrk_cpu_s:-0}" 'BEGIN {
    split(a, x, " "); split(b, y, " "); sec = (y[1] - x[1]) / 1000
    svc = (y[2] - x[2]) / hz; pg = (y[3] - x[3]) / hz; kf = (y[4] - x[4]) / hz
    busy = (y[6] > x[6]) ? (y[5] - x[5]) / (y[6] - x[6]) * nc * 100 : 0
    printf "cpu_svc_ms=%s\n", (n > 0 ? sprintf("%.3f", svc * 1000 / n) : "n/a")
    printf "cpu_pg_ms=%s\n", (n > 0 ? sprintf("%.3f", pg * 1000 / n) : "n/a")
    printf "cpu_kafka_ms=%s\n", (n > 0 ? sprintf("%.3f", kf * 1000 / n) : "n/a")
    printf "cpu_svc_pct=%.0f\ncpu_pg_pct=%.0f\ncpu_kafka_pct=%.0f\nbusy_pct=%.0f\n", svc / sec * 100, pg / sec * 100, kf / sec * 100, busy
    printf "cpu_wrk_pct=%.0f\n", wrkcpu / sec * 100
    other = busy - (svc + pg + kf + wrkcpu) / sec * 100; if (other < 0) other = 0
    printf "other_pct=%.0f\n", other   # anything else on the machine
  }' >>"$RUN_DIR/figures"
  local tput
  tput=$(sed -n 's/^tput=//p' "$RUN_DIR/figures")
  log "$slot: $tput req/s (2xx), p50/p95/p99 $(sed -n 's/^p50_ms=//p' "$RUN_DIR/figures")/$(sed -n 's/^p95_ms=//p' "$RUN_DIR/figures")/$(sed -n 's/^p99_ms=//p' "$RUN_DIR/figures") ms, non-2xx $(sed -n 's/^non2xx=//p' "$RUN_DIR/figures"), CPU ms/request service $(sed -n 's/^cpu_svc_ms=//p' "$RUN_DIR/figures"), PostgreSQL $(sed -n 's/^cpu_pg_ms=//p' "$RUN_DIR/figures")"
  awk -v t="$tput" 'BEGIN {exit !(t > 0)}' || die "$slot: the closed loop completed no 2xx request; not running the open loop"

  # let the relay publish the closed loop's backlog first, so the open loop starts from a quiet outbox
  local backlog t_drain=$SECONDS
  while :; do
    backlog=$(relay_backlog "$db")
    [[ $backlog =~ ^[0-9]+$ ]] || { sleep 3; backlog="?"; break; }
    ((backlog == 0 || SECONDS - t_drain >= DRAIN_TIMEOUT)) && break
    sleep 0.5
  done
  fig backlog_after_closed "$backlog (waited $((SECONDS - t_drain)) s)"

  # open loop at half the measured throughput: the load generator, with its lag consumer on our topic
  local rate short_args=()
  rate=$(awk -v t="$tput" 'BEGIN {r = int(t / 2); if (r < 1) r = 1; print r}')
  ((OPEN_DURATION < 30)) && short_args=(--allow-short)
  log "$slot: open loop $rate req/s (half of $tput), warm-up ${OPEN_WARMUP} s, measured ${OPEN_DURATION} s, lag on ${prefix}.idea"
  # shellcheck disable=SC2086 # LG_JAVA_OPTS is a list of JVM options
  java $LG_JAVA_OPTS -jar "$LG_JAR" open --rate "$rate" --url "$base" --token-file "$OUT/token" --department finance \
    --kafka-bootstrap "$KAFKA_BOOTSTRAP" --topic "$prefix.idea" --warmup "$OPEN_WARMUP" --duration "$OPEN_DURATION" \
    "${short_args[@]}" --json-out "$RUN_DIR/open.json" --timeline "$RUN_DIR/open-timeline.csv" >"$RUN_DIR/open.txt" 2>&1 &
  LG_PID=$!
  wait "$LG_PID" || { LG_PID=""; cat "$RUN_DIR/open.txt" >&2; die "$slot: the load generator failed (open loop)"; }
  LG_PID=""
  local oj=$RUN_DIR/open.json
  [[ -s $oj ]] || die "$slot: the load generator wrote no $oj"
  fig open_rate "$rate"
  fig open_tput "$(jq -r .throughput "$oj")"
  fig open_errors "$(jq -r .errors "$oj")"
  fig open_p50_ms "$(jq -r '.latency.p50Ms // "n/a"' "$oj")"
  fig open_p99_ms "$(jq -r '.latency.p99Ms // "n/a"' "$oj")"
  fig lag_up_p50 "$(jq -r '.kafka.lag.p50Ms // "n/a"' "$oj")"
  fig lag_up_p99 "$(jq -r '.kafka.lag.p99Ms // "n/a"' "$oj")"
  fig lag_lo_p50 "$(jq -r '.kafka.lagFromResponse.p50Ms // "n/a"' "$oj")"
  fig lag_lo_p99 "$(jq -r '.kafka.lagFromResponse.p99Ms // "n/a"' "$oj")"
  fig lag_records "$(jq -r '.kafka.recordsInWindow // 0' "$oj")"
  fig open_ok "$(jq -r .ok "$oj")"
  local kerr
  kerr=$(jq -r '.kafka.error // ""' "$oj")
  [[ -z $kerr ]] || log "$slot: WARNING: the lag consumer failed, no lag figures: $kerr"
  log "$slot: open loop: lag upper p50/p99 $(jq -r '.kafka.lag.p50Ms // "n/a"' "$oj")/$(jq -r '.kafka.lag.p99Ms // "n/a"' "$oj") ms, lower $(jq -r '.kafka.lagFromResponse.p50Ms // "n/a"' "$oj")/$(jq -r '.kafka.lagFromResponse.p99Ms // "n/a"' "$oj") ms ($(jq -r '.kafka.recordsInWindow // 0' "$oj") records)"

  stop_service
  # ERROR lines of the service log; wrk closes its connections at the end of each run with requests
  # in flight, which the service logs as "Connection closed" failures: counted apart
  fig log_errors "$(grep -c 'level=ERROR' "$RUN_DIR/service.log" || true)"
  fig log_errors_closed "$(grep 'level=ERROR' "$RUN_DIR/service.log" | grep -Ec 'HttpClosedException|ClosedChannelException|Connection (was )?closed' || true)"
  fig events "$(app_psql -d "$db" -Atc 'select count(*) from es_event' 2>/dev/null || echo n/a)"
  # the database stays until the next run of this slot (recreated then), for inspection
}

busy_now() { # machine busy over 3 s, % (of NCPU * 100)
  local a b
  a=$(machine_ticks)
  sleep 3
  b=$(machine_ticks)
  awk -v a="$a" -v b="$b" -v nc="$NCPU" 'BEGIN {split(a, x, " "); split(b, y, " ");
    printf "%.0f", (y[2] > x[2]) ? (y[1] - x[1]) / (y[2] - x[2]) * nc * 100 : 0}'
}
wait_for_quiet() { # sets BG_BUSY; waits up to WAIT_FOR_QUIET s for it to drop to QUIET_THRESHOLD
  local deadline=$((SECONDS + WAIT_FOR_QUIET))
  BG_BUSY=$(busy_now)
  while ((BG_BUSY > QUIET_THRESHOLD && SECONDS < deadline)); do
    log "machine busy $BG_BUSY % (of $((NCPU * 100)) %) with nothing of ours running; waiting for <= $QUIET_THRESHOLD % (up to ${WAIT_FOR_QUIET} s)"
    sleep 7
    BG_BUSY=$(busy_now)
  done
}
wait_for_quiet
BG_BUSY_START=$BG_BUSY
log "machine busy with nothing of ours running: $BG_BUSY % (of $((NCPU * 100)) %)"

ORDER=()
for ((r = 1; r <= REPEAT; r++)); do
  ORDER+=("old $r" "new $r")
done
T_START=$SECONDS
for entry in "${ORDER[@]}"; do
  # shellcheck disable=SC2086 # "slot run"
  run_build $entry
done
log "all runs done in $((SECONDS - T_START)) s"

# ------------------------------------------------------------------ 6. report
get() { sed -n "s/^$2=//p" "$OUT/$1/figures" | tail -n 1; }
median() { # stdin: one value a line (numbers or n/a) -> median of the numbers
  awk 'BEGIN {n = 0} /^-?[0-9.]+$/ {s[n] = $1; v[n] = $1 + 0; n++} END {
    if (!n) {print "n/a"; exit}
    if (n == 1) {print s[0]; exit}
    for (i = 0; i < n; i++) for (j = i + 1; j < n; j++) if (v[j] < v[i]) {t = v[i]; v[i] = v[j]; v[j] = t}
    m = (n % 2) ? v[(n - 1) / 2] : (v[n / 2 - 1] + v[n / 2]) / 2
    if (m == int(m)) printf "%d\n", m; else printf "%.2f\n", m}'
}
values() { # SLOT KEY -> the run values
  local r
  for ((r = 1; r <= REPEAT; r++)); do get "$1-r$r" "$2"; done
}
cell() { # SLOT KEY
  local m
  m=$(values "$1" "$2" | median)
  if ((REPEAT > 1)); then printf '%s (%s)' "$m" "$(values "$1" "$2" | paste -sd/ -)"; else printf '%s' "$m"; fi
}
ratio() { # old new -> new/old
  awk -v o="$1" -v n="$2" 'BEGIN {if (o ~ /^-?[0-9.]+$/ && n ~ /^-?[0-9.]+$/ && o != 0) printf "%.2f", n / o; else print "–"}'
}
for slot in old new; do
  for ((r = 1; r <= REPEAT; r++)); do
    t=$(get "$slot-r$r" tput)
    printf 'ratio=%s\n' "$(awk -v s="$t" -v p="$PGB_TPS" 'BEGIN {printf "%.2f", s / p}')" >>"$OUT/$slot-r$r/figures"
  done
done
row() { # LABEL KEY [unit]
  local o n
  o=$(values old "$2" | median)
  n=$(values new "$2" | median)
  printf '| %s | %s | %s | %s |\n' "$1" "$(cell old "$2")" "$(cell new "$2")" "$(ratio "$o" "$n")"
}
text_row() { # LABEL KEY: non-numeric figures, all runs
  printf '| %s | %s | %s | |\n' "$1" "$(values old "$2" | paste -sd';' - | sed 's/;/; /g')" "$(values new "$2" | paste -sd';' - | sed 's/;/; /g')"
}

CPU_MODEL=$(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)
MEM_TOTAL=$(awk '/^MemTotal:/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)
JAVA_VERSION=$(java -version 2>&1 | head -n 1)
WRK_VERSION=$( (wrk -v 2>&1 || true) | head -n 1 | awk '{print $1, $2}')
RUNS_TEXT=$(printf '%s, ' "${ORDER[@]}" | sed "s/old \([0-9]*\)/$OLD_NAME #\1/g; s/new \([0-9]*\)/$NEW_NAME #\1/g; s/, \$//")
NOISY=""
for entry in "${ORDER[@]}"; do
  read -r slot r <<<"$entry"
  b=$(get "$slot-r$r" bg_busy_pct)
  if [[ $b =~ ^[0-9]+$ ]] && ((b > QUIET_THRESHOLD)); then
    NOISY+="$([[ $slot == old ]] && echo "$OLD_NAME" || echo "$NEW_NAME") #$r ($b %), "
  fi
done
NOISE_NOTE=""
if [[ -n $NOISY ]]; then
  NOISE_NOTE="**Warning:** these runs started while other work kept the machine more than $QUIET_THRESHOLD % busy
(of $((NCPU * 100)) %, measured over 3 s with nothing of the benchmark running): ${NOISY%, }. Their figures
are depressed by that load and not comparable with the others (see \"machine busy just before the run\"
and \"other CPU\" below; \`WAIT_FOR_QUIET=300\` waits for a quieter machine)."
fi
TITLE=${LABEL:-"$OLD_NAME vs $NEW_NAME"}

cat >"$COMPARE_MD" <<EOF
# experiments-service: $TITLE

Produced by \`$COMMAND_LINE\` (see [README.md](README.md#comparing-two-builds-comparesh));
raw output of this run: \`${OUT#"$ROOT"/}/\` (git-ignored).

* **$OLD_NAME:** ${BUILD_DESC[old]}
* **$NEW_NAME:** ${BUILD_DESC[new]}
* **Date:** $(date -u '+%Y-%m-%d %H:%M:%S UTC') (harness at git $(git rev-parse --short HEAD))
* **Machine:** $NCPU CPUs ($CPU_MODEL), $MEM_TOTAL RAM, $(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r);
  before the runs the machine was $BG_BUSY_START % busy (of $((NCPU * 100)) %) with nothing of the benchmark running
* **Software:** $JAVA_VERSION; PostgreSQL $PG_VERSION on localhost:$PG_PORT ($PG_SETTINGS); Apache Kafka on $KAFKA_BOOTSTRAP; $WRK_VERSION
* **Service JVM flags** (as deploy/run.sh gives them): \`$(cat "$OUT/old-r1/jvm-flags")\` ($OLD_NAME), \`$(cat "$OUT/new-r1/jvm-flags")\` ($NEW_NAME)
* **Runs, in this order:** $RUNS_TEXT (each: fresh JVM, fresh database, own topic prefix)
* Load generator, service, PostgreSQL and Kafka share the same $NCPU CPUs, and other work on the
  machine shows in the "other" row: figures of the whole box, noisy on a small shared machine.

## Summary

$( ((REPEAT > 1)) && echo "Median of $REPEAT runs, the single runs in brackets. " )$NEW_NAME/$OLD_NAME: ratio of the two (> 1 = $NEW_NAME higher).

$NOISE_NOTE

| figure | $OLD_NAME | $NEW_NAME | $NEW_NAME/$OLD_NAME |
| --- | --- | --- | --- |
$(row "throughput, $CONNECTIONS connections (closed loop, wrk), 2xx req/s" tput)
$(row "latency p50, ms" p50_ms)
$(row "latency p95, ms" p95_ms)
$(row "latency p99, ms" p99_ms)
$(row "non-2xx responses in the window" non2xx)
$(row "socket errors (connect/read/write/timeout)" socket_errors)
$(row "ratio to pgbench ($PGB_TPS tps, $PGBENCH_CLIENTS clients)" ratio)
$(row "commit-to-Kafka lag p50, upper bound (from insert), ms" lag_up_p50)
$(row "commit-to-Kafka lag p99, upper bound (from insert), ms" lag_up_p99)
$(row "commit-to-Kafka lag p50, lower bound (from 201), ms" lag_lo_p50)
$(row "commit-to-Kafka lag p99, lower bound (from 201), ms" lag_lo_p99)
$(row "CPU per request, service JVM, ms" cpu_svc_ms)
$(row "CPU per request, PostgreSQL (all processes), ms" cpu_pg_ms)
$(row "idle RSS (${IDLE_SETTLE} s after ready), MB" idle_rss_mb)
$(row "start to ready (launch to health UP), ms" start_to_ready_ms)

## Details

| figure | $OLD_NAME | $NEW_NAME | $NEW_NAME/$OLD_NAME |
| --- | --- | --- | --- |
$(row "closed loop: all completed requests per s" tput_all)
$(row "closed loop: completed requests in the window" wrk_requests)
$(text_row "closed loop: responses by status" statuses)
$(row "closed loop: latency max, ms" max_ms)
$(row "closed loop: CPU service JVM, % of one core" cpu_svc_pct)
$(row "closed loop: CPU PostgreSQL, % of one core" cpu_pg_pct)
$(row "closed loop: CPU Kafka, % of one core" cpu_kafka_pct)
$(row "closed loop: CPU Kafka per request, ms" cpu_kafka_ms)
$(row "closed loop: CPU wrk, % of one core" cpu_wrk_pct)
$(row "closed loop: other CPU (the rest of the machine), % of one core" other_pct)
$(row "closed loop: machine busy, % (of $((NCPU * 100)))" busy_pct)
$(row "machine busy just before the run, nothing of ours running, %" bg_busy_pct)
$(text_row "relay backlog when the closed loop ended (events), wait" backlog_after_closed)
$(row "open loop: offered rate, req/s (half the closed-loop throughput)" open_rate)
$(row "open loop: achieved, req/s" open_tput)
$(row "open loop: HTTP latency p50 (from intended send time), ms" open_p50_ms)
$(row "open loop: HTTP latency p99, ms" open_p99_ms)
$(row "open loop: errors" open_errors)
$(row "open loop: records measured for the lag / ideas created in the window" lag_records)
$(row "Quarkus' own \"started in\", s" quarkus_started_s)
$(text_row "start measured to" ready_source)
$(row "events recorded in the run's database" events)
$(row "ERROR lines in the service log" log_errors)
$(row "… of them the client closing the connection (wrk ends each run with requests in flight)" log_errors_closed)

pgbench reference: \`$PGBENCH_CMD\` after a ${PGBENCH_WARMUP} s warm-up, on a scratch database with the
service's migrations (created and dropped), nothing else running: **$PGB_TPS tps**, latency average
$PGB_LAT ms, $PGB_TX transactions, PostgreSQL CPU $PGB_PG_MS ms per transaction, machine busy $PGB_BUSY %.

## How each figure is measured

* **Start to ready:** wall clock from launching \`java ... -jar quarkus-run.jar\` (from
  \`experiments-service/target/quarkus-app\`, PostgreSQL and Kafka already running, empty database: the
  start includes Flyway's migration) to the first \`/q/health/ready\` answering HTTP 200 with status UP,
  polled every 50 ms. When a build has no readiness endpoint (404), or its readiness stays not UP for
  ${READY_GRACE} s after \`/q/health/live\` is UP, the first live UP counts instead ("start measured to" says which).
* **Idle RSS:** VmRSS of the service JVM (/proc/<pid>/status), ${IDLE_SETTLE} s after ready, before any load. MB = MiB.
* **Closed loop:** \`wrk -t $THREADS -c $CONNECTIONS --timeout $WRK_TIMEOUT -s benchmark/wrk-post-idea.lua\`, ${WARMUP} s
  warm-up run, then a ${DURATION} s measured run. Every request is \`POST /ideas\` with a unique idea (run id, thread,
  counter and a random salt in the title and problem; same shape and size as the load generator's), \`Authorization:
  Bearer\` (deploy/token.sh employee finance bench-user) and \`Content-Type: application/json\`. Throughput = 2xx
  responses / window; p50/p95/p99 from wrk's latency histogram (all completed requests, \`done()\`); non-2xx counted
  by status in the script's \`response()\`.
* **CPU per request:** utime+stime clock ticks (/proc/<pid>/stat, $HZ per s) at the start and end of the measured wrk
  run: the service JVM (all its threads) and PostgreSQL (the postmaster with its reaped children plus every live
  child: backends, WAL writer, checkpointer, autovacuum), divided by the requests wrk completed in the window.
* **Ratio to pgbench:** closed-loop 2xx throughput / pgbench tps of the same durable write
  ([pgbench-idea.sql](pgbench-idea.sql): es_event + idea_view insert, one transaction), run once per comparison.
* **Commit-to-Kafka lag:** after the relay has published the closed loop's backlog (up to ${DRAIN_TIMEOUT} s), the load
  generator's open loop at half of that build's closed-loop throughput (${OPEN_WARMUP} s warm-up, ${OPEN_DURATION} s measured,
  JVM \`$LG_JAVA_OPTS\`), with its LagConsumer on the run's own topic \`<prefix>.idea\`. Upper bound: receive
  time − \`ce_recordedtime\` (the event row's insert, before the commit); lower bound: receive time − the 201
  response of the same idea (after the commit). The true lag lies between the two (see [README.md](README.md)).
* Each run has its own database (bench_old / bench_new, dropped and recreated before the run) and topic
  prefix (bench-<slot>-<time>-r<n>), set through \`QUARKUS_DATASOURCE_JDBC_URL\`, \`QUARKUS_DATASOURCE_REACTIVE_URL\`,
  \`QUARKUS_DATASOURCE_USERNAME/PASSWORD\` and \`EVENTSOURCING_RELAY_TOPIC_PREFIX\`; port $HTTP_PORT.
EOF

log "report written to ${COMPARE_MD#"$ROOT"/}"
echo
cat "$COMPARE_MD"
