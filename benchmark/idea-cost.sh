#!/usr/bin/env bash
# The cost of an idea, all the way through (issue 12 §7), two builds side by side (benchmark/README.md):
#
#   benchmark/idea-cost.sh <old-ref-or-dir> <new-ref-or-dir>        e.g.  benchmark/idea-cost.sh 14e26ed HEAD
#
# Per build, one after the other, on fresh databases and a topic prefix of its own: starts the three
# services (experiments, revisit, governance) against the machine's PostgreSQL and Kafka, drives
# wrk on POST /ideas (ideas naming tools that are not approved, so governance raises a finding and
# experiments-service records it), then keeps the clock running until every event is processed and
# the CPU is back to idle. Reports front-door and end-to-end ideas/s, CPU ms per fully processed idea
# per process (/proc utime+stime), commit-to-Kafka lag at half the front-door rate (load generator),
# idle RSS and start-to-ready of each service. Writes REPORT_MD (default benchmark/IDEA-COST.md).
#
# Knobs (environment): WARMUP=15 (s of load first, processed and quiet again before the measured run) CONNECTIONS=64 THREADS=2 DURATION=30 WRK_TIMEOUT=30s IDLE_SETTLE=5
#   READY_TIMEOUT=120 DRAIN_TIMEOUT=1200 POLL=2 QUIET_WINDOW=3 QUIET_MARGIN=10 LAG=1 OPEN_WARMUP=10
#   OPEN_DURATION=30 PORTS="8081 8082 8083" PG_PORT=5432 KAFKA_BOOTSTRAP=localhost:9092
#   SERVICE_JAVA_OPTS (added to both builds' flags), OLD_JAVA_OPTS / NEW_JAVA_OPTS (to one build's) JFR=0 (1: a JFR profile per service over load+drain)
#   BENCH_LOCK (a file to flock while measuring, e.g. /work/bench.lock) REPORT_MD LABEL OLD_NAME NEW_NAME
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
cd "$ROOT"

if [[ $# -ne 2 || $1 == -h || $1 == --help ]]; then
  sed -n '2,19p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  [[ $# -ge 1 && ($1 == -h || $1 == --help) ]] && exit 0
  exit 2
fi
KNOBS=(WARMUP OLD_JAVA_OPTS NEW_JAVA_OPTS CONNECTIONS THREADS DURATION WRK_TIMEOUT IDLE_SETTLE READY_TIMEOUT DRAIN_TIMEOUT POLL QUIET_WINDOW
  QUIET_MARGIN LAG OPEN_WARMUP OPEN_DURATION PORTS PG_PORT KAFKA_BOOTSTRAP SERVICE_JAVA_OPTS JFR BENCH_LOCK
  REPORT_MD LABEL OLD_NAME NEW_NAME PG_ADMIN_USER)
ENV_PREFIX=""
for knob in "${KNOBS[@]}"; do
  [[ -n ${!knob+x} ]] && ENV_PREFIX+="$knob=$(printf '%q' "${!knob}") "
done
COMMAND_LINE="${ENV_PREFIX}benchmark/idea-cost.sh $(printf '%q ' "$@")"
COMMAND_LINE=${COMMAND_LINE% }

WARMUP=${WARMUP:-15} CONNECTIONS=${CONNECTIONS:-64} THREADS=${THREADS:-2} DURATION=${DURATION:-30} WRK_TIMEOUT=${WRK_TIMEOUT:-30s}
IDLE_SETTLE=${IDLE_SETTLE:-5} READY_TIMEOUT=${READY_TIMEOUT:-120} DRAIN_TIMEOUT=${DRAIN_TIMEOUT:-1200}
POLL=${POLL:-2} QUIET_WINDOW=${QUIET_WINDOW:-3} QUIET_MARGIN=${QUIET_MARGIN:-10} LAG=${LAG:-1}
OPEN_WARMUP=${OPEN_WARMUP:-10} OPEN_DURATION=${OPEN_DURATION:-30} PORTS=${PORTS:-"8081 8082 8083"}
PG_PORT=${PG_PORT:-5432} KAFKA_BOOTSTRAP=${KAFKA_BOOTSTRAP:-localhost:9092} JFR=${JFR:-0}
REPORT_MD=${REPORT_MD:-$BENCH_DIR/IDEA-COST.md} LABEL=${LABEL:-} OLD_NAME=${OLD_NAME:-old} NEW_NAME=${NEW_NAME:-new}
LG_JAVA_OPTS=${LG_JAVA_OPTS:-"-Xms256m -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1"}
for n in WARMUP CONNECTIONS THREADS DURATION IDLE_SETTLE READY_TIMEOUT DRAIN_TIMEOUT POLL QUIET_WINDOW QUIET_MARGIN \
  LAG OPEN_WARMUP OPEN_DURATION PG_PORT JFR; do
  [[ ${!n} =~ ^[0-9]+$ ]] || { echo "idea-cost.sh: $n must be a whole number, not '${!n}'" >&2; exit 2; }
done
read -r PORT_EXP PORT_REV PORT_GOV <<<"$PORTS"
[[ -n ${PORT_GOV:-} ]] || { echo "idea-cost.sh: PORTS needs three ports (experiments revisit governance)" >&2; exit 2; }

SERVICES=(experiments revisit governance)
declare -A PORT=([experiments]=$PORT_EXP [revisit]=$PORT_REV [governance]=$PORT_GOV)
# the channels each service consumes, as "<channel>:<stream>" (the topic is <prefix>.<stream>)
declare -A CHANNELS=([experiments]="revisit-events:case finding-events:finding"
  [revisit]="idea-events:idea experiment-events:experiment tool-events:tool"
  [governance]="idea-events:idea experiment-events:experiment")
DB_USER=adoption DB_PASSWORD=adoption
export PGPASSWORD=$DB_PASSWORD
JWT_ISSUER=ai-adoption-dev
DEV_PUBLIC_KEY=$ROOT/deploy/dev-keys/dev-public-key.pem
LG_JAR=$BENCH_DIR/load-generator/target/load-generator.jar
WRK_SCRIPT=$BENCH_DIR/wrk-post-idea.lua
BUILDS_DIR=$BENCH_DIR/target/builds
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT=$BENCH_DIR/target/idea-cost-$STAMP
mkdir -p "$OUT"

log() { printf '[idea-cost %s] %s\n' "$(date +%H:%M:%S)" "$*" | tee -a "$OUT/run.log"; }
die() { printf '[idea-cost] error: %s\n' "$*" | tee -a "$OUT/run.log" >&2; exit 1; }
# shellcheck source=benchmark/lib/measure.sh
source "$BENCH_DIR/lib/measure.sh"

# ------------------------------------------------------------------ clean-up of what this script starts
declare -A SVC_PID=() DBN=()
BG_PIDS=()
stop_services() {
  local s i
  for s in "${!SVC_PID[@]}"; do kill -TERM "${SVC_PID[$s]}" 2>/dev/null || true; done
  for ((i = 0; i < 60; i++)); do
    local alive=0
    for s in "${!SVC_PID[@]}"; do kill -0 "${SVC_PID[$s]}" 2>/dev/null && alive=1; done
    ((alive)) || break
    sleep 0.5
  done
  for s in "${!SVC_PID[@]}"; do
    kill -KILL "${SVC_PID[$s]}" 2>/dev/null || true
    wait "${SVC_PID[$s]}" 2>/dev/null || true
  done
  SVC_PID=()
}
cleanup() {
  local rc=$? p
  trap - EXIT INT TERM
  for p in "${BG_PIDS[@]}"; do
    pkill -TERM -P "$p" 2>/dev/null || true
    kill -TERM "$p" 2>/dev/null || true
  done
  stop_services
  ((rc == 0)) || printf '[idea-cost] failed (exit %s); raw output: %s\n' "$rc" "${OUT#"$ROOT"/}/" >&2
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

for tool in java git curl jq psql awk ss setsid wrk; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is missing (Debian: apt-get install openjdk-17-jdk-headless git curl jq postgresql-client iproute2 wrk)"
done

# ------------------------------------------------------------------ 1. builds (not under BENCH_LOCK)
declare -A BUILD_DIR BUILD_DESC
SERVICE_MODULES=experiments-service,revisit-service,governance-service
prepare_build() { # SLOT ARG
  local slot=$1 arg=$2 dir sha short blog s
  if [[ -d $arg ]]; then
    dir=$(cd "$arg" && pwd)
    for s in "${SERVICES[@]}"; do
      [[ -f $dir/$s-service/target/quarkus-app/quarkus-run.jar ]] || die "$arg: $s-service is not built (./mvnw -q -DskipTests package -pl $SERVICE_MODULES -am)"
    done
    BUILD_DIR[$slot]=$dir
    local dirty=""
    [[ -z $(git -C "$dir" status --porcelain -uno 2>/dev/null) ]] || dirty=" + uncommitted changes"
    BUILD_DESC[$slot]="directory \`$dir\` (git $(git -C "$dir" rev-parse --short HEAD 2>/dev/null || echo '?')$dirty)"
    return 0
  fi
  sha=$(git rev-parse --verify --quiet "$arg^{commit}") || die "'$arg' is neither a directory nor a git ref"
  short=$(git rev-parse --short=12 "$sha")
  dir=$BUILDS_DIR/$short
  BUILD_DIR[$slot]=$dir
  BUILD_DESC[$slot]="git \`$arg\` = $short ($(git log -1 --format=%s "$sha" | cut -c1-90))"
  [[ -f $dir/.idea-cost-built && $(<"$dir/.idea-cost-built") == "$sha" ]] && { log "$slot: $short already built"; return; }
  mkdir -p "$BUILDS_DIR"
  git worktree prune
  if [[ -e $dir && $(git -C "$dir" rev-parse HEAD 2>/dev/null) != "$sha" ]]; then
    git worktree remove --force "$dir" 2>/dev/null || rm -rf "$dir"
    git worktree prune
  fi
  [[ -e $dir ]] || git worktree add --detach "$dir" "$sha" >"$OUT/worktree-$short.log" 2>&1 \
    || { cat "$OUT/worktree-$short.log" >&2; die "git worktree add failed for $arg"; }
  blog=$OUT/build-$short.log
  log "$slot: building $short (./mvnw -q -DskipTests package -pl $SERVICE_MODULES -am; log ${blog#"$ROOT"/})"
  (cd "$dir" && ./mvnw -q -DskipTests package -pl "$SERVICE_MODULES" -am) >"$blog" 2>&1 \
    || { tail -n 40 "$blog" >&2; die "build of $arg failed (log ${blog#"$ROOT"/})"; }
  printf '%s\n' "$sha" >"$dir/.idea-cost-built"
}
prepare_build old "$1"
prepare_build new "$2"
if ((LAG)); then
  log "building the load generator"
  ./mvnw -q -f benchmark/load-generator/pom.xml package >"$OUT/build-load-generator.log" 2>&1 \
    || { tail -n 30 "$OUT/build-load-generator.log" >&2; die "load generator build failed"; }
fi

# ------------------------------------------------------------------ 2. infrastructure (under BENCH_LOCK)
if [[ -n ${BENCH_LOCK:-} ]]; then
  exec 9>>"$BENCH_LOCK"
  log "waiting for the lock $BENCH_LOCK"
  flock 9
fi
if ! { port_listening "$PG_PORT" && port_listening "${KAFKA_BOOTSTRAP##*:}"; }; then
  log "starting PostgreSQL and Kafka: deploy/run.sh --infra-only"
  # 9>&-: PostgreSQL and Kafka outlive this script and must not inherit (and hold) the lock
  deploy/run.sh --infra-only >"$OUT/deploy-run.log" 2>&1 9>&- || { tail -n 30 "$OUT/deploy-run.log" >&2; die "deploy/run.sh --infra-only failed"; }
fi
PM_PID=$(postmaster_pid)
KAFKA_PID=$(kafka_pid)
[[ -n $PM_PID && -n $KAFKA_PID ]] || die "cannot find the PostgreSQL (:$PG_PORT) or Kafka ($KAFKA_BOOTSTRAP) process"
for s in "${SERVICES[@]}"; do port_listening "${PORT[$s]}" && die "port ${PORT[$s]} ($s) is taken; set PORTS"; done
PG_VERSION=$(app_psql -d postgres -Atc 'show server_version')
deploy/token.sh employee finance bench-user >"$OUT/token" 2>"$OUT/token.err" || { cat "$OUT/token.err" >&2; die "deploy/token.sh failed"; }

# ------------------------------------------------------------------ 3. one run of one build
fig() { printf '%s=%s\n' "$1" "$2" >>"$RUN_DIR/figures"; }
jvm_flags() { # BUILD_DIR SERVICE_APP_DIR -> the flags deploy/run.sh of that build gives a service
  local f=$1/deploy/service-jvm.options
  if [[ -f $f ]]; then grep -v '^\s*\(#\|$\)' "$f" | tr '\n' ' '; else printf '%s ' -Xmx512m; fi
  [[ -f $2/app-cds.jsa ]] && printf '%s ' -XX:SharedArchiveFile=app-cds.jsa -Xshare:auto
  printf '%s %s' "${SERVICE_JAVA_OPTS:-}" "$SLOT_OPTS"
}
launch() { # SERVICE DIR DB PREFIX
  local s=$1 app=$2/$1-service/target/quarkus-app db=$3 prefix=$4 props=() c ch stream
  for c in ${CHANNELS[$s]}; do
    ch=${c%%:*} stream=${c##*:}
    props+=("-Dmp.messaging.incoming.$ch.topic=$prefix.$stream" "-Dmp.messaging.incoming.$ch.group.id=$prefix-$s"
      "-Dmp.messaging.incoming.$ch.dead-letter-queue.topic=$prefix.$s.$ch.dlt")
  done
  # shellcheck disable=SC2046 # the flags are a list
  setsid env -C "$app" QUARKUS_HTTP_PORT="${PORT[$s]}" \
    QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://localhost:$PG_PORT/$db" \
    QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://localhost:$PG_PORT/$db" \
    QUARKUS_DATASOURCE_USERNAME="$DB_USER" QUARKUS_DATASOURCE_PASSWORD="$DB_PASSWORD" \
    KAFKA_BOOTSTRAP_SERVERS="$KAFKA_BOOTSTRAP" EVENTSOURCING_RELAY_TOPIC_PREFIX="$prefix" \
    MP_JWT_VERIFY_PUBLICKEY_LOCATION="$DEV_PUBLIC_KEY" MP_JWT_VERIFY_ISSUER="$JWT_ISSUER" \
    java $(jvm_flags "$2" "$app") "-Dadoption.service=$app/quarkus-run.jar" "${props[@]}" -jar quarkus-run.jar \
    >"$RUN_DIR/$s.log" 2>&1 </dev/null 9>&- &
  SVC_PID[$s]=$!
}
await_ready() { # SERVICE T_LAUNCH
  local s=$1 t0=$2
  while (($(now_ms) - t0 < READY_TIMEOUT * 1000)); do
    kill -0 "${SVC_PID[$s]}" 2>/dev/null || { tail -n 30 "$RUN_DIR/$s.log" >&2; die "$s exited before it was ready (log ${RUN_DIR#"$ROOT"/}/$s.log)"; }
    [[ $(health_status "http://localhost:${PORT[$s]}/q/health/ready") == "200 UP" ]] && { fig "ready_ms_$s" $(($(now_ms) - t0)); return; }
    sleep 0.05
  done
  tail -n 30 "$RUN_DIR/$s.log" >&2
  die "$s not ready within $READY_TIMEOUT s"
}
snapshot() { # -> "ms exp rev gov pg kafka busy total"
  printf '%s %s %s %s %s %s %s\n' "$(now_ms)" "$(ticks_of "${SVC_PID[experiments]}")" "$(ticks_of "${SVC_PID[revisit]}")" \
    "$(ticks_of "${SVC_PID[governance]}")" "$(pg_ticks "$PM_PID")" "$(ticks_of "$KAFKA_PID")" "$(machine_ticks)"
}
ours_pct() { # SNAP_A SNAP_B -> CPU of the three JVMs + PostgreSQL + Kafka, % of one core
  awk -v a="$1" -v b="$2" -v hz="$HZ" 'BEGIN {split(a, x, " "); split(b, y, " "); s = 0
    for (i = 2; i <= 6; i++) s += y[i] - x[i]; printf "%.0f", s / hz / ((y[1] - x[1]) / 1000) * 100}'
}
# counts that say whether everything is processed (one psql per database and poll; a few ms of PostgreSQL)
progress() { # -> "ideas recorded done" where done=1 when every idea's finding is recorded
  local e g r
  e=$(app_psql -d "$DB_EXP" -Atc "select count(*) filter (where event_type = 'idea.submitted'),
    count(*) filter (where event_type = 'idea.finding-recorded'), count(*) filter (where stream_type in ('idea', 'experiment')),
    (select count(*) from es_processed_event) from es_event" 2>/dev/null) || e="0|0|-1|-1"
  g=$(app_psql -d "$DB_GOV" -Atc "select count(*) filter (where stream_type = 'finding'),
    count(*) filter (where stream_type = 'tool'), (select count(*) from es_processed_event) from es_event" 2>/dev/null) || g="-1|-1|-2"
  r=$(app_psql -d "$DB_REV" -Atc "select count(*) filter (where stream_type = 'case'),
    (select count(*) from es_processed_event) from es_event" 2>/dev/null) || r="-1|-3"
  awk -F'|' -v e="$e" -v g="$g" -v r="$r" 'BEGIN {split(e, E, "|"); split(g, G, "|"); split(r, R, "|")
    # every idea names an unapproved tool: done when each has its finding recorded, and experiments-service has
    # processed every finding governance raised (a consumer no longer marks the types it does not read, so
    # processed marks cannot be compared with all the events on a topic)
    done = (E[2] >= E[1] && E[1] > 0 && E[4] >= G[1])
    printf "%d %d %d %s/%s/%s\n", E[1], E[2], done, E[4], G[3], R[2]}'
}
relay_backlog() { # DB -> events the relay has not published yet
  app_psql -d "$1" -Atc "select count(*) from es_event e, es_relay_checkpoint c
    where (e.transaction_id, e.global_position) > (c.last_transaction_id, c.last_position)" 2>/dev/null || echo "?"
}
jfr() { # start|stop
  ((JFR)) || return 0
  local s
  for s in "${SERVICES[@]}"; do
    if [[ $1 == start ]]; then jcmd "${SVC_PID[$s]}" JFR.start name=ic settings=profile >>"$RUN_DIR/jfr.log" 2>&1 || true
    else jcmd "${SVC_PID[$s]}" JFR.stop name=ic "filename=$RUN_DIR/$s.jfr" >>"$RUN_DIR/jfr.log" 2>&1 || true; fi
  done
}

await_processed() { # MAX_S SINCE_MS -> DRAINED (0/1), DRAINED_SNAP (CPU snapshot when first seen), PROGRESS
  local last="" snap prev="" p
  DRAINED=0
  while :; do
    snap=$(snapshot)
    p=$(progress)
    printf '%s %s\n' "${snap%% *}" "$p" >>"$RUN_DIR/progress.txt"
    # processed: twice in a row with the same counts (the three databases are read one after the other);
    # the drain ended at the first of the two polls
    if [[ $p == *" 1 "* && $p == "$last" ]]; then DRAINED=1 DRAINED_SNAP=$prev PROGRESS=$p; return; fi
    last=$p prev=$snap
    (($(now_ms) - $2 < $1 * 1000)) || { DRAINED_SNAP=$snap PROGRESS=$p; return; }
    sleep "$POLL"
  done
}
await_quiet() { # IDLE_PCT MAX_S SINCE_MS -> QUIET_SNAP: end of the first QUIET_WINDOW s window at most
  local w0 w1                                # QUIET_MARGIN points of one core above the idle share
  while :; do
    w0=$(snapshot); sleep "$QUIET_WINDOW"; w1=$(snapshot)
    (($(ours_pct "$w0" "$w1") <= $1 + QUIET_MARGIN)) && break
    (($(now_ms) - $3 < $2 * 1000)) || break
  done
  QUIET_SNAP=$w1
}

run_build() { # SLOT
  local slot=$1 dir=${BUILD_DIR[$1]} prefix s t0 line
  RUN_DIR=$OUT/$slot
  if [[ $slot == old ]]; then SLOT_OPTS=${OLD_JAVA_OPTS:-}; else SLOT_OPTS=${NEW_JAVA_OPTS:-}; fi
  mkdir -p "$RUN_DIR"
  : >"$RUN_DIR/figures"
  prefix=ic-$slot-$(tr '[:upper:]' '[:lower:]' <<<"$STAMP")
  DB_EXP=ic_${slot}_experiments DB_REV=ic_${slot}_revisit DB_GOV=ic_${slot}_governance
  DBN=([experiments]=$DB_EXP [revisit]=$DB_REV [governance]=$DB_GOV)
  log "== $slot: ${dir#"$ROOT"/}, databases ic_${slot}_*, topics $prefix.*"
  for s in "$DB_EXP" "$DB_REV" "$DB_GOV"; do recreate_db "$s"; done
  fig bg_busy_pct "$(busy_now)"
  for s in "${SERVICES[@]}"; do fig "flags_$s" "$(jvm_flags "$dir" "$dir/$s-service/target/quarkus-app")"; done

  # start to ready, one service at a time (the 2 cores are not shared with another start)
  for s in governance revisit experiments; do
    t0=$(now_ms)
    launch "$s" "$dir" "${DBN[$s]}" "$prefix"
    await_ready "$s" "$t0"
    log "$slot: $s ready after $(sed -n "s/^ready_ms_$s=//p" "$RUN_DIR/figures") ms"
  done
  sleep "$IDLE_SETTLE"
  for s in "${SERVICES[@]}"; do fig "rss_$s" "$(rss_mb "${SVC_PID[$s]}")"; done

  # the loop works: one idea, and its finding recorded on it
  local code
  code=$(curl -s -o "$RUN_DIR/probe.json" -w '%{http_code}' --max-time 30 -X POST "http://localhost:$PORT_EXP/ideas" \
    -H "Authorization: Bearer $(<"$OUT/token")" -H 'Content-Type: application/json' \
    --data "{\"title\":\"Idea-cost probe $prefix\",\"problem\":\"A probe before the load.\",\"aiTool\":\"ChatGPT\",\"dataClassification\":\"INTERNAL\",\"benefitCategory\":\"EFFICIENCY\",\"department\":\"finance\"}" || true)
  [[ $code == 201 ]] || die "$slot: probe POST /ideas answered $code: $(head -c 300 "$RUN_DIR/probe.json")"
  t0=$SECONDS
  until [[ $(progress) == "1 1 1 "* ]]; do
    ((SECONDS - t0 < 120)) || die "$slot: the probe idea's finding was not recorded within 120 s (progress $(progress); logs in ${RUN_DIR#"$ROOT"/})"
    sleep 0.5
  done
  fig probe_loop_s $((SECONDS - t0))

  # idle: what the system burns doing nothing (relay polls, consumers' polls, timers)
  local i0 i1 idle_pct
  i0=$(snapshot); sleep 10; i1=$(snapshot)
  idle_pct=$(ours_pct "$i0" "$i1")
  fig idle_pct "$idle_pct"

  # warm-up (JIT, pools, Kafka fetch sessions): WARMUP s of the same load, processed and quiet again
  if ((WARMUP > 0)); then
    log "$slot: warm-up: wrk ${WARMUP} s, then until processed and quiet"
    t0=$(now_ms)
    wrk -t "$THREADS" -c "$CONNECTIONS" -d "${WARMUP}s" --timeout "$WRK_TIMEOUT" -s "$WRK_SCRIPT" "http://localhost:$PORT_EXP" \
      -- "$OUT/token" "$prefix-warm" >"$RUN_DIR/wrk-warmup.txt" 2>&1 || { cat "$RUN_DIR/wrk-warmup.txt" >&2; die "$slot: wrk (warm-up) failed"; }
    await_processed "$DRAIN_TIMEOUT" "$t0"
    ((DRAINED)) || die "$slot: the warm-up's ideas were not processed within $DRAIN_TIMEOUT s ($PROGRESS)"
    await_quiet "$idle_pct" "$DRAIN_TIMEOUT" "$t0"
    fig warmup_s $((($(now_ms) - t0) / 1000))
    mv "$RUN_DIR/progress.txt" "$RUN_DIR/progress-warmup.txt"
  fi
  local ideas_before
  ideas_before=$(progress | cut -d' ' -f1)

  # load, then the clock keeps running until every event is processed and the CPU is back to idle
  jfr start
  local s0 s1 s2 s3
  log "$slot: wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s POST /ideas"
  s0=$(snapshot)
  wrk -t "$THREADS" -c "$CONNECTIONS" -d "${DURATION}s" --timeout "$WRK_TIMEOUT" -s "$WRK_SCRIPT" "http://localhost:$PORT_EXP" \
    -- "$OUT/token" "$prefix" >"$RUN_DIR/wrk.txt" 2>&1 || { cat "$RUN_DIR/wrk.txt" >&2; die "$slot: wrk failed"; }
  s1=$(snapshot)
  local wj
  wj=$(sed -n 's/^WRK_RESULT //p' "$RUN_DIR/wrk.txt")
  [[ -n $wj ]] || die "$slot: no WRK_RESULT in wrk's output"
  fig ok2xx "$(jq -r .ok2xx <<<"$wj")"
  fig non2xx "$(jq -r .non2xx <<<"$wj")"
  fig socket_errors "$(jq -r '.socketErrors | .connect + .read + .write + .timeout' <<<"$wj")"
  fig p50_ms "$(jq -r '.latencyUs.p50 / 1000' <<<"$wj")"
  fig p99_ms "$(jq -r '.latencyUs.p99 / 1000' <<<"$wj")"
  fig front_door "$(jq -r '.ok2xx / (.durationUs / 1e6) | . * 10 | round / 10' <<<"$wj")"
  log "$slot: front door $(sed -n 's/^front_door=//p' "$RUN_DIR/figures") ideas/s; waiting until everything is processed"
  await_processed "$((DRAIN_TIMEOUT + DURATION))" "${s0%% *}"
  s2=$DRAINED_SNAP
  ((DRAINED)) || log "$slot: WARNING: not everything processed after $DRAIN_TIMEOUT s ($PROGRESS: ideas recorded done processed e/g/r)"
  fig complete "$DRAINED"
  fig progress "$PROGRESS"
  await_quiet "$idle_pct" "$((DRAIN_TIMEOUT + DURATION))" "${s0%% *}"
  s3=$QUIET_SNAP
  jfr stop
  local ideas
  ideas=$(($(cut -d' ' -f1 <<<"$PROGRESS") - ideas_before))
  fig ideas "$ideas"
  awk -v a="$s0" -v b="$s1" -v c="$s2" -v d="$s3" -v hz="$HZ" -v n="$ideas" -v nc="$NCPU" -v idle="$idle_pct" 'BEGIN {
    split(a, x, " "); split(b, l, " "); split(c, y, " "); split(d, z, " ")
    printf "load_s=%.1f\ndrain_s=%.1f\nquiet_s=%.1f\n", (l[1] - x[1]) / 1000, (y[1] - l[1]) / 1000, (z[1] - y[1]) / 1000
    printf "end_to_end=%.1f\n", n / ((y[1] - x[1]) / 1000)
    split("x experiments revisit governance postgres kafka", name, " "); all = 0
    for (i = 2; i <= 6; i++) { t = (z[i] - x[i]) / hz; all += t; printf "cpu_ms_%s=%.3f\n", name[i], t * 1000 / n }
    secs = (z[1] - x[1]) / 1000
    printf "cpu_ms_all=%.3f\n", all * 1000 / n
    printf "cpu_ms_net_idle=%.3f\n", (all - idle / 100 * secs) * 1000 / n
    busy = (z[7] - x[7]) / hz
    printf "cpu_ms_machine=%.3f\n", busy * 1000 / n
    printf "cpu_ms_other=%.3f\n", (busy - all) * 1000 / n
    printf "busy_load_pct=%.0f\n", (l[8] > x[8]) ? (l[7] - x[7]) / (l[8] - x[8]) * nc * 100 : 0
  }' >>"$RUN_DIR/figures"
  log "$slot: end to end $(sed -n 's/^end_to_end=//p' "$RUN_DIR/figures") ideas/s, CPU $(sed -n 's/^cpu_ms_all=//p' "$RUN_DIR/figures") ms per idea (all processes)"
  fig backlogs "$(relay_backlog "$DB_EXP")/$(relay_backlog "$DB_GOV")/$(relay_backlog "$DB_REV")"

  # commit-to-Kafka lag at half the front-door rate (experiments' relay, on <prefix>.idea)
  if ((LAG)); then
    local rate short=()
    rate=$(awk -v t="$(sed -n 's/^front_door=//p' "$RUN_DIR/figures")" 'BEGIN {r = int(t / 2); print (r < 1 ? 1 : r)}')
    ((OPEN_DURATION < 30)) && short=(--allow-short)
    log "$slot: open loop at $rate ideas/s for the commit-to-Kafka lag"
    # shellcheck disable=SC2086 # LG_JAVA_OPTS is a list
    java $LG_JAVA_OPTS -jar "$LG_JAR" open --rate "$rate" --url "http://localhost:$PORT_EXP" --token-file "$OUT/token" \
      --department finance --kafka-bootstrap "$KAFKA_BOOTSTRAP" --topic "$prefix.idea" --warmup "$OPEN_WARMUP" \
      --duration "$OPEN_DURATION" "${short[@]}" --json-out "$RUN_DIR/open.json" >"$RUN_DIR/open.txt" 2>&1 &
    BG_PIDS+=("$!")
    wait "$!" || { cat "$RUN_DIR/open.txt" >&2; die "$slot: the load generator failed"; }
    fig open_rate "$rate"
    fig open_tput "$(jq -r .throughput "$RUN_DIR/open.json")"
    fig lag_up_p50 "$(jq -r '.kafka.lag.p50Ms // "n/a"' "$RUN_DIR/open.json")"
    fig lag_up_p99 "$(jq -r '.kafka.lag.p99Ms // "n/a"' "$RUN_DIR/open.json")"
    fig lag_lo_p99 "$(jq -r '.kafka.lagFromResponse.p99Ms // "n/a"' "$RUN_DIR/open.json")"
  fi
  stop_services
  for s in "${SERVICES[@]}"; do fig "errors_$s" "$(grep -c 'level=ERROR\| ERROR ' "$RUN_DIR/$s.log" || true)"; done
}

log "PostgreSQL $PG_VERSION (pid $PM_PID), Kafka pid $KAFKA_PID; raw output in ${OUT#"$ROOT"/}"
run_build old
run_build new
source "$BENCH_DIR/lib/idea-cost-report.sh"
