#!/usr/bin/env bash
# The dashboard's performance figures (issue 14 §6), one run against the whole system (benchmark/README.md):
#
#   BENCH_LOCK=/work/bench.lock benchmark/dashboard.sh [built-checkout, default this one]
#
# On fresh databases and a topic prefix of its own, starts the four services (governance, revisit,
# experiments, dashboard) against the machine's PostgreSQL and Kafka (started with deploy/run.sh
# --infra-only when nothing listens), as idea-cost.sh does, and measures:
#   1. dashboard-service idle RSS: VmRSS after ready and after IDLE_QUIET (60) s with nothing to do;
#   2. write saturation: wrk -t2 -c64 unthrottled on POST /ideas, SAT_WARMUP (10) s not counted (the JVMs
#      are fresh), then SAT_DURATION (15) s: 2xx/s;
#   3. commit -> browser at half that rate: one stream client (benchmark/dashboard/sse-probe.py) while
#      benchmark/dashboard/wrk-paced-idea.lua writes ideas at RATE (default half the saturation) for
#      LAT_WARMUP (10) s (not counted) then LAT_DURATION (30) s; per idea.submitted item of the measured
#      run: arrival on the stream - the item's occurredAt (the command's time in experiments-service),
#      and arrival - wrk's receipt of the 201 response;
#   4. FAN_CLIENTS (200) stream clients on the one instance while the same paced writes run for
#      FAN_DURATION (60) s: dashboard-service RSS and CPU every SAMPLE (2) s, and whether every client
#      received every item (ids dense from its lastEventId to the feed's final id, no gap, no duplicate).
# Writes REPORT_MD (default benchmark/target/dashboard-<time>/report.md) and prints it; raw output beside it.
#
# Knobs: IDLE_QUIET=60 SAT_WARMUP=10 SAT_DURATION=15 RATE (ideas/s) PACED_CONNECTIONS=16 LAT_WARMUP=10 LAT_DURATION=30
#   FAN_CLIENTS=200 FAN_DURATION=60 SAMPLE=2 SETTLE_TIMEOUT=300 READY_TIMEOUT=120
#   PORTS="8081 8082 8083 8084" (experiments revisit governance dashboard) PG_PORT=5432
#   KAFKA_BOOTSTRAP=localhost:9092 SERVICE_JAVA_OPTS (every service) DASHBOARD_JAVA_OPTS (dashboard-service only, e.g.
#   to try flags for its idle RSS) STOP_AFTER_IDLE=0 (1: only start, idle RSS and its breakdown) BENCH_LOCK REPORT_MD
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
cd "$ROOT"
if [[ $# -gt 1 || ${1:-} == -h || ${1:-} == --help ]]; then
  sed -n '2,23p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
KNOBS=(IDLE_QUIET SAT_WARMUP SAT_DURATION RATE PACED_CONNECTIONS LAT_WARMUP LAT_DURATION FAN_CLIENTS FAN_DURATION SAMPLE
  SETTLE_TIMEOUT READY_TIMEOUT PORTS PG_PORT KAFKA_BOOTSTRAP SERVICE_JAVA_OPTS DASHBOARD_JAVA_OPTS STOP_AFTER_IDLE BENCH_LOCK REPORT_MD)
ENV_PREFIX=""
for knob in "${KNOBS[@]}"; do
  [[ -n ${!knob+x} ]] && ENV_PREFIX+="$knob=$(printf '%q' "${!knob}") "
done
COMMAND_LINE="${ENV_PREFIX}benchmark/dashboard.sh"
(($# == 0)) || COMMAND_LINE+=" $(printf '%q ' "$@")"
COMMAND_LINE=${COMMAND_LINE% }

BUILD=$(cd "${1:-$ROOT}" && pwd)
IDLE_QUIET=${IDLE_QUIET:-60} SAT_WARMUP=${SAT_WARMUP:-10} SAT_DURATION=${SAT_DURATION:-15} RATE=${RATE:-} PACED_CONNECTIONS=${PACED_CONNECTIONS:-16}
LAT_WARMUP=${LAT_WARMUP:-10} LAT_DURATION=${LAT_DURATION:-30} FAN_CLIENTS=${FAN_CLIENTS:-200}
FAN_DURATION=${FAN_DURATION:-60} SAMPLE=${SAMPLE:-2} SETTLE_TIMEOUT=${SETTLE_TIMEOUT:-300} READY_TIMEOUT=${READY_TIMEOUT:-120}
PORTS=${PORTS:-"8081 8082 8083 8084"} PG_PORT=${PG_PORT:-5432} KAFKA_BOOTSTRAP=${KAFKA_BOOTSTRAP:-localhost:9092}
for n in IDLE_QUIET SAT_WARMUP SAT_DURATION PACED_CONNECTIONS LAT_WARMUP LAT_DURATION FAN_CLIENTS FAN_DURATION SAMPLE \
  SETTLE_TIMEOUT READY_TIMEOUT PG_PORT; do
  [[ ${!n} =~ ^[0-9]+$ ]] || { echo "dashboard.sh: $n must be a whole number, not '${!n}'" >&2; exit 2; }
done
read -r PORT_EXP PORT_REV PORT_GOV PORT_DASH <<<"$PORTS"
[[ -n ${PORT_DASH:-} ]] || { echo "dashboard.sh: PORTS needs four ports (experiments revisit governance dashboard)" >&2; exit 2; }

SERVICES=(governance revisit experiments dashboard)
declare -A PORT=([experiments]=$PORT_EXP [revisit]=$PORT_REV [governance]=$PORT_GOV [dashboard]=$PORT_DASH)
# the channels each service consumes, as "<channel>:<stream>[,<stream>...]" (topics <prefix>.<stream>)
declare -A CHANNELS=([experiments]="revisit-events:case finding-events:finding"
  [revisit]="idea-events:idea experiment-events:experiment tool-events:tool"
  [governance]="idea-events:idea experiment-events:experiment"
  [dashboard]="events:idea,experiment,case,policy,ai-system,department,person,tool,finding")
DB_USER=adoption DB_PASSWORD=adoption
export PGPASSWORD=$DB_PASSWORD
JWT_ISSUER=ai-adoption-dev
DEV_PUBLIC_KEY=$ROOT/deploy/dev-keys/dev-public-key.pem
PROBE=$BENCH_DIR/dashboard/sse-probe.py
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT=$BENCH_DIR/target/dashboard-$STAMP
REPORT_MD=${REPORT_MD:-$OUT/report.md}
mkdir -p "$OUT"

log() { printf '[dashboard %s] %s\n' "$(date +%H:%M:%S)" "$*" | tee -a "$OUT/run.log"; }
die() { printf '[dashboard] error: %s\n' "$*" | tee -a "$OUT/run.log" >&2; exit 1; }
# shellcheck source=benchmark/lib/measure.sh
source "$BENCH_DIR/lib/measure.sh"

declare -A SVC_PID=()
BG_PIDS=()
cleanup() {
  local rc=$? p s i alive
  trap - EXIT INT TERM
  for p in "${BG_PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for s in "${!SVC_PID[@]}"; do kill -TERM "${SVC_PID[$s]}" 2>/dev/null || true; done
  for ((i = 0; i < 60; i++)); do
    alive=0
    for s in "${!SVC_PID[@]}"; do kill -0 "${SVC_PID[$s]}" 2>/dev/null && alive=1; done
    ((alive)) || break
    sleep 0.5
  done
  for s in "${!SVC_PID[@]}"; do kill -KILL "${SVC_PID[$s]}" 2>/dev/null || true; done
  ((rc == 0)) || printf '[dashboard] failed (exit %s); raw output: %s\n' "$rc" "${OUT#"$ROOT"/}/" >&2
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

for tool in java curl jq psql awk ss setsid wrk python3; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is missing (Debian: apt-get install openjdk-17-jdk-headless curl jq postgresql-client iproute2 wrk python3)"
done
for s in "${SERVICES[@]}"; do
  [[ -f $BUILD/$s-service/target/quarkus-app/quarkus-run.jar ]] \
    || die "$s-service is not built in $BUILD (./mvnw -q -DskipTests package -pl experiments-service,revisit-service,governance-service,dashboard-service -am)"
done

# ------------------------------------------------------------------ infrastructure (under BENCH_LOCK)
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
deploy/token.sh employee finance bench-user >"$OUT/token" 2>"$OUT/token.err" || { cat "$OUT/token.err" >&2; die "deploy/token.sh failed"; }
# the stream reader sees every department (admin), so its feed ids must be dense
deploy/token.sh admin "" bench-admin >"$OUT/admin-token" 2>>"$OUT/token.err" || { cat "$OUT/token.err" >&2; die "deploy/token.sh failed"; }

fig() { printf '%s=%s\n' "$1" "$2" >>"$OUT/figures"; }
val() { sed -n "s/^$1=//p" "$OUT/figures" | tail -n 1; }
: >"$OUT/figures"

# ------------------------------------------------------------------ the four services
PREFIX=dash-$(tr '[:upper:]' '[:lower:]' <<<"$STAMP")
declare -A DBN=([experiments]=dash_experiments [revisit]=dash_revisit [governance]=dash_governance [dashboard]=dash_dashboard)
launch() { # SERVICE
  local s=$1 app=$BUILD/$1-service/target/quarkus-app props=() c ch stream flags
  for c in ${CHANNELS[$s]}; do
    ch=${c%%:*} stream=${c##*:}
    if [[ $stream == *,* ]]; then # one channel over several streams
      props+=("-Dmp.messaging.incoming.$ch.topics=$PREFIX.${stream//,/,$PREFIX.}")
    else
      props+=("-Dmp.messaging.incoming.$ch.topic=$PREFIX.$stream")
    fi
    props+=("-Dmp.messaging.incoming.$ch.group.id=$PREFIX-$s"
      "-Dmp.messaging.incoming.$ch.dead-letter-queue.topic=$PREFIX.$s.$ch.dlt")
  done
  flags=$(grep -v '^\s*\(#\|$\)' "$BUILD/deploy/service-jvm.options" | tr '\n' ' ')
  [[ -f $BUILD/deploy/$s-service-jvm.options ]] \
    && flags+=" $(grep -v '^\s*\(#\|$\)' "$BUILD/deploy/$s-service-jvm.options" | tr '\n' ' ')"
  [[ -f $app/app-cds.jsa ]] && flags+=" -XX:SharedArchiveFile=app-cds.jsa -Xshare:auto"
  [[ $s == dashboard ]] && flags+=" ${DASHBOARD_JAVA_OPTS:-}"
  fig "flags_$s" "$flags ${SERVICE_JAVA_OPTS:-}"
  # shellcheck disable=SC2086 # the flags are a list
  setsid env -C "$app" QUARKUS_HTTP_PORT="${PORT[$s]}" \
    QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://localhost:$PG_PORT/${DBN[$s]}" \
    QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://localhost:$PG_PORT/${DBN[$s]}" \
    QUARKUS_DATASOURCE_USERNAME="$DB_USER" QUARKUS_DATASOURCE_PASSWORD="$DB_PASSWORD" \
    KAFKA_BOOTSTRAP_SERVERS="$KAFKA_BOOTSTRAP" EVENTSOURCING_RELAY_TOPIC_PREFIX="$PREFIX" \
    MP_JWT_VERIFY_PUBLICKEY_LOCATION="$DEV_PUBLIC_KEY" MP_JWT_VERIFY_ISSUER="$JWT_ISSUER" \
    java $flags ${SERVICE_JAVA_OPTS:-} "-Dadoption.service=$app/quarkus-run.jar" "${props[@]}" -jar quarkus-run.jar \
    >"$OUT/$s.log" 2>&1 </dev/null 9>&- &
  SVC_PID[$s]=$!
}
await_ready() { # SERVICE T_LAUNCH
  local s=$1 t0=$2
  while (($(now_ms) - t0 < READY_TIMEOUT * 1000)); do
    kill -0 "${SVC_PID[$s]}" 2>/dev/null || { tail -n 30 "$OUT/$s.log" >&2; die "$s exited before it was ready (log ${OUT#"$ROOT"/}/$s.log)"; }
    [[ $(health_status "http://localhost:${PORT[$s]}/q/health/ready") == "200 UP" ]] && { fig "ready_ms_$s" $(($(now_ms) - t0)); return; }
    sleep 0.05
  done
  tail -n 30 "$OUT/$s.log" >&2
  die "$s not ready within $READY_TIMEOUT s"
}
DASH=http://localhost:$PORT_DASH
EXP=http://localhost:$PORT_EXP
latest() { # the dashboard feed's last id
  curl -sf --max-time 10 -H "Authorization: Bearer $(<"$OUT/admin-token")" "$DASH/dashboard/activity?limit=1" | jq -r .latest
}
settle() { # -> the final feed id once it has not moved for 5 s (everything consumed); dies after SETTLE_TIMEOUT
  local last=-1 same=0 now t0=$SECONDS
  while ((SECONDS - t0 < SETTLE_TIMEOUT)); do
    now=$(latest) || now=-1
    if [[ $now == "$last" ]]; then ((++same >= 5)) && { printf '%s\n' "$now"; return; }; else same=0; fi
    last=$now
    sleep 1
  done
  die "the dashboard feed still moves after $SETTLE_TIMEOUT s (last id $last)"
}
cpu_pct() { # TICKS_A TICKS_B MS_A MS_B -> % of one core
  awk -v a="$1" -v b="$2" -v s="$3" -v e="$4" -v hz="$HZ" 'BEGIN {printf "%.0f", (b - a) / hz / ((e - s) / 1000) * 100}'
}
paced_wrk() { # TAG SECONDS [RESPONSES_DIR]
  RATE=$RATE THREADS=2 RESPONSES=${3:-} wrk -t 2 -c "$PACED_CONNECTIONS" -d "$2s" --timeout 30s \
    -s "$BENCH_DIR/dashboard/wrk-paced-idea.lua" "$EXP" -- "$OUT/token" "$PREFIX-$1" >"$OUT/wrk-$1.txt" 2>&1 \
    || { cat "$OUT/wrk-$1.txt" >&2; die "wrk ($1) failed"; }
  local wj
  wj=$(sed -n 's/^WRK_RESULT //p' "$OUT/wrk-$1.txt")
  [[ -n $wj ]] || die "no WRK_RESULT in ${OUT#"$ROOT"/}/wrk-$1.txt"
  fig "wrk_$1_rate" "$(jq -r '.ok2xx / (.durationUs / 1e6) | . * 10 | round / 10' <<<"$wj")"
  fig "wrk_$1_ok" "$(jq -r .ok2xx <<<"$wj")"
  fig "wrk_$1_bad" "$(jq -r '.non2xx + (.socketErrors | .connect + .read + .write + .timeout)' <<<"$wj")"
  fig "wrk_$1_p99_ms" "$(jq -r '.latencyUs.p99 / 1000' <<<"$wj")"
}
start_probe() { # NAME CLIENTS AFTER
  mkdir -p "$OUT/$1"
  python3 "$PROBE" --base "$DASH" --token-file "$OUT/admin-token" --clients "$2" --after "$3" --out "$OUT/$1" \
    >"$OUT/$1/probe.txt" 2>&1 &
  PROBE_PID=$!
  BG_PIDS+=("$PROBE_PID")
  local t0=$SECONDS
  until [[ -f $OUT/$1/ready ]]; do
    kill -0 "$PROBE_PID" 2>/dev/null || { cat "$OUT/$1/probe.txt" >&2; die "the stream probe ($1) exited"; }
    ((SECONDS - t0 < 120)) || die "the stream probe ($1) did not connect within 120 s"
    sleep 0.2
  done
  log "$1: $(<"$OUT/$1/ready")"
}
finish_probe() { # NAME FINAL_ID
  printf '%s\n' "$2" >"$OUT/$1/target"
  wait "$PROBE_PID" || { cat "$OUT/$1/probe.txt" >&2; die "the stream probe ($1) failed"; }
}

log "PostgreSQL pid $PM_PID, Kafka pid $KAFKA_PID; build $BUILD; topics $PREFIX.*; raw output in ${OUT#"$ROOT"/}"
fig bg_busy_pct "$(busy_now)"
for s in "${SERVICES[@]}"; do recreate_db "${DBN[$s]}"; done
for s in "${SERVICES[@]}"; do
  t0=$(now_ms)
  launch "$s"
  await_ready "$s" "$t0"
  log "$s ready after $(val "ready_ms_$s") ms"
done
DPID=${SVC_PID[dashboard]}

# ------------------------------------------------------------------ 1. idle RSS
fig rss_ready_dashboard "$(rss_mb "$DPID")"
log "idle: ${IDLE_QUIET} s with nothing to do"
t0=$(now_ms); c0=$(ticks_of "$DPID"); b0=$(machine_ticks)
sleep "$IDLE_QUIET"
t1=$(now_ms); c1=$(ticks_of "$DPID"); b1=$(machine_ticks)
for s in "${SERVICES[@]}"; do fig "rss_idle_$s" "$(rss_mb "${SVC_PID[$s]}")"; done
fig cpu_idle_dashboard_pct "$(cpu_pct "$c0" "$c1" "$t0" "$t1")"
fig busy_idle_pct "$(awk -v a="$b0" -v b="$b1" -v nc="$NCPU" 'BEGIN {split(a, x, " "); split(b, y, " "); printf "%.0f", (y[1] - x[1]) / (y[2] - x[2]) * nc * 100}')"
# where the idle RSS goes: heap, metaspace, code cache, threads (jcmd; raw output in idle-jvm.txt)
jcmd "$DPID" GC.heap_info >"$OUT/idle-jvm.txt" 2>&1 || true
jcmd "$DPID" Compiler.codecache >>"$OUT/idle-jvm.txt" 2>&1 || true
fig idle_threads_dashboard "$(awk '/^Threads:/ {print $2}' "/proc/$DPID/status")"
awk '
  function kb(v) { gsub(/[^0-9]/, "", v); return v + 0 }
  / generation +total / { for (i = 1; i <= NF; i++) if ($i == "total") heap += kb($(i + 1)) }
  /^ *Metaspace +used/ { for (i = 1; i <= NF; i++) if ($i == "committed") meta = kb($(i + 1)) }
  /size=.*used=/ { for (i = 1; i <= NF; i++) if ($i ~ /^used=/) code += kb($i) }
  END { printf "idle_heap_committed_mb=%.1f\nidle_metaspace_committed_mb=%.1f\nidle_codecache_used_mb=%.1f\n", heap / 1024, meta / 1024, code / 1024 }
' "$OUT/idle-jvm.txt" >>"$OUT/figures" || true
log "dashboard-service idle RSS $(val rss_idle_dashboard) MB (heap committed $(val idle_heap_committed_mb) MB, metaspace committed $(val idle_metaspace_committed_mb) MB, code cache used $(val idle_codecache_used_mb) MB, $(val idle_threads_dashboard) threads)"
if [[ ${STOP_AFTER_IDLE:-0} == 1 ]]; then
  log "STOP_AFTER_IDLE=1: done"
  exit 0
fi

# the loop works: one idea shows in the feed
code=$(curl -s -o "$OUT/probe-idea.json" -w '%{http_code}' --max-time 30 -X POST "$EXP/ideas" \
  -H "Authorization: Bearer $(<"$OUT/token")" -H 'Content-Type: application/json' \
  --data "{\"title\":\"Dashboard probe $PREFIX\",\"problem\":\"A probe before the load.\",\"aiTool\":\"ChatGPT\",\"dataClassification\":\"INTERNAL\",\"benefitCategory\":\"EFFICIENCY\",\"department\":\"finance\"}" || true)
[[ $code == 201 ]] || die "probe POST /ideas answered $code: $(head -c 300 "$OUT/probe-idea.json")"
t0=$SECONDS
until [[ $(latest 2>/dev/null || echo 0) -ge 1 ]]; do
  ((SECONDS - t0 < 120)) || die "the probe idea did not reach the dashboard feed within 120 s (logs in ${OUT#"$ROOT"/})"
  sleep 0.5
done

# ------------------------------------------------------------------ 2. write saturation
if ((SAT_WARMUP > 0)); then
  log "warm-up: wrk -t2 -c64 -d${SAT_WARMUP}s POST /ideas, unthrottled, not counted"
  wrk -t 2 -c 64 -d "${SAT_WARMUP}s" --timeout 30s -s "$BENCH_DIR/wrk-post-idea.lua" "$EXP" -- "$OUT/token" "$PREFIX-SW" \
    >"$OUT/wrk-SW.txt" 2>&1 || { cat "$OUT/wrk-SW.txt" >&2; die "wrk (warm-up) failed"; }
fi
log "saturation: wrk -t2 -c64 -d${SAT_DURATION}s POST /ideas, unthrottled"
wrk -t 2 -c 64 -d "${SAT_DURATION}s" --timeout 30s -s "$BENCH_DIR/wrk-post-idea.lua" "$EXP" -- "$OUT/token" "$PREFIX-S" \
  >"$OUT/wrk-S.txt" 2>&1 || { cat "$OUT/wrk-S.txt" >&2; die "wrk (saturation) failed"; }
wj=$(sed -n 's/^WRK_RESULT //p' "$OUT/wrk-S.txt")
fig sat_rate "$(jq -r '.ok2xx / (.durationUs / 1e6) | . * 10 | round / 10' <<<"$wj")"
fig sat_bad "$(jq -r '.non2xx + (.socketErrors | .connect + .read + .write + .timeout)' <<<"$wj")"
fig sat_p99_ms "$(jq -r '.latencyUs.p99 / 1000' <<<"$wj")"
[[ -n $RATE ]] || RATE=$(awk -v t="$(val sat_rate)" 'BEGIN {r = int(t / 2); print (r < 1 ? 1 : r)}')
fig rate "$RATE"
log "saturation $(val sat_rate) ideas/s; paced writes at $RATE ideas/s; waiting for the dashboard to catch up"
t0=$(now_ms)
fig sat_settled_id "$(settle)"
fig sat_catch_up_s $((($(now_ms) - t0) / 1000))

# ------------------------------------------------------------------ 3. commit -> browser, one client
after=$(latest)
start_probe latency 1 "$after"
log "latency: paced writes $LAT_WARMUP s (warm-up) + $LAT_DURATION s (measured) at $RATE ideas/s, one stream client"
paced_wrk W "$LAT_WARMUP"
mkdir -p "$OUT/responses"
paced_wrk L "$LAT_DURATION" "$OUT/responses"
final=$(settle)
finish_probe latency "$final"
python3 "$PROBE" latency --arrivals "$OUT/latency/arrivals.tsv" --tag "$PREFIX-L" --responses "$OUT/responses" \
  >"$OUT/latency/latency.json"
log "latency: $(<"$OUT/latency/latency.json")"

# ------------------------------------------------------------------ 4. FAN_CLIENTS stream clients
after=$(latest)
: >"$OUT/samples.txt"
(
  while :; do
    printf '%s %s %s %s\n' "$(now_ms)" "$(ticks_of "$DPID")" "$(rss_mb "$DPID")" "$(machine_ticks)" >>"$OUT/samples.txt"
    sleep "$SAMPLE"
  done
) &
SAMPLER=$!
BG_PIDS+=("$SAMPLER")
sleep "$SAMPLE"
fig fan_rss_before "$(rss_mb "$DPID")"
start_probe fanout "$FAN_CLIENTS" "$after"
sleep "$SAMPLE"
fig fan_rss_connected "$(rss_mb "$DPID")"
log "fan-out: $FAN_CLIENTS stream clients, paced writes $FAN_DURATION s at $RATE ideas/s"
t0=$(now_ms); c0=$(ticks_of "$DPID"); p0=$(ticks_of "$PROBE_PID"); b0=$(machine_ticks)
paced_wrk F "$FAN_DURATION"
t1=$(now_ms); c1=$(ticks_of "$DPID"); p1=$(ticks_of "$PROBE_PID"); b1=$(machine_ticks)
fig fan_cpu_dashboard_pct "$(cpu_pct "$c0" "$c1" "$t0" "$t1")"
fig fan_cpu_probe_pct "$(cpu_pct "$p0" "$p1" "$t0" "$t1")"
fig fan_busy_pct "$(awk -v a="$b0" -v b="$b1" -v nc="$NCPU" 'BEGIN {split(a, x, " "); split(b, y, " "); printf "%.0f", (y[1] - x[1]) / (y[2] - x[2]) * nc * 100}')"
fig fan_rss_end_load "$(rss_mb "$DPID")"
final=$(settle)
finish_probe fanout "$final"
sleep "$SAMPLE"
fig fan_rss_after "$(rss_mb "$DPID")"
kill "$SAMPLER" 2>/dev/null || true
fig fan_load_start_ms "$t0"
fig fan_load_end_ms "$t1"
fig cut_off_total "$(curl -s --max-time 10 "$DASH/q/metrics" | awk '/^dashboard_stream_cut_off_total/ {print $2}' | head -n 1)"
log "fan-out: $(jq -c .summary "$OUT/fanout/clients.json")"
for s in "${SERVICES[@]}"; do fig "errors_$s" "$(grep -c 'level=ERROR' "$OUT/$s.log" || true)"; done

# ------------------------------------------------------------------ report
# shellcheck source=benchmark/dashboard/report.sh
source "$BENCH_DIR/dashboard/report.sh"
log "written: ${REPORT_MD#"$ROOT"/}"
cat "$REPORT_MD"
