#!/usr/bin/env bash
# Chooses the services' JVM flags by measurement (benchmark/README.md): for each flag set, one service
# (experiments-service by default) on a fresh database: start to ready, idle RSS, then a closed loop
# (wrk on POST /ideas) with the JVM's CPU per request, RSS under load and GC time.
#
#   benchmark/jvm-flags.sh <built-checkout-dir> "<flags A>" "<flags B>" ...
#   e.g. benchmark/jvm-flags.sh benchmark/target/builds/14e26ed52ecd "-Xmx512m" "-Xmx256m -XX:+UseSerialGC"
#   (words of the form NAME=value are set in the service's environment, e.g. "MALLOC_ARENA_MAX=2 -Xmx256m")
#
# Knobs: SERVICE=experiments PORT=18091 WARMUP=10 DURATION=20 CONNECTIONS=64 IDLE_SETTLE=5 REPEAT=1
#   PG_PORT=5432 KAFKA_BOOTSTRAP=localhost:9092 BENCH_LOCK (a file to flock while measuring)
# PostgreSQL and Kafka must run (deploy/run.sh --infra-only). Prints a Markdown table; raw output in
# benchmark/target/jvm-flags-<time>/.
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
cd "$ROOT"
[[ $# -ge 2 ]] || { sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }
BUILD=$(cd "$1" && pwd)
shift
SERVICE=${SERVICE:-experiments} PORT=${PORT:-18091} WARMUP=${WARMUP:-10} DURATION=${DURATION:-20}
CONNECTIONS=${CONNECTIONS:-64} IDLE_SETTLE=${IDLE_SETTLE:-5} REPEAT=${REPEAT:-1}
PG_PORT=${PG_PORT:-5432} KAFKA_BOOTSTRAP=${KAFKA_BOOTSTRAP:-localhost:9092}
DB_USER=adoption
export PGPASSWORD=adoption
OUT=$BENCH_DIR/target/jvm-flags-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$OUT"
log() { printf '[jvm-flags %s] %s\n' "$(date +%H:%M:%S)" "$*" | tee -a "$OUT/run.log" >&2; }
die() { log "error: $*"; exit 1; }
# shellcheck source=benchmark/lib/measure.sh
source "$BENCH_DIR/lib/measure.sh"
APP=$BUILD/$SERVICE-service/target/quarkus-app
[[ -f $APP/quarkus-run.jar ]] || die "$APP/quarkus-run.jar is missing"
PID=""
trap '[[ -n $PID ]] && kill -KILL "$PID" 2>/dev/null; true' EXIT
if [[ -n ${BENCH_LOCK:-} ]]; then exec 9>>"$BENCH_LOCK"; log "waiting for $BENCH_LOCK"; flock 9; fi
deploy/token.sh employee finance bench-user >"$OUT/token"
DB=jvmflags_$SERVICE

one() { # N FLAGS -> one table row
  local n=$1 flags="" dir=$OUT/$1 t0 a b wj gc0 gc1 word envs=()
  mkdir -p "$dir"
  for word in $2; do # NAME=value words are environment variables (e.g. MALLOC_ARENA_MAX=2), the rest JVM flags
    if [[ $word =~ ^[A-Z_][A-Z0-9_]*= ]]; then envs+=("$word"); else flags+=" $word"; fi
  done
  recreate_db "$DB"
  [[ -f $APP/app-cds.jsa ]] && flags+=" -XX:SharedArchiveFile=app-cds.jsa -Xshare:auto"
  t0=$(now_ms)
  # shellcheck disable=SC2086 # the flags are a list
  setsid env -C "$APP" QUARKUS_HTTP_PORT="$PORT" QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://localhost:$PG_PORT/$DB" \
    QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://localhost:$PG_PORT/$DB" QUARKUS_DATASOURCE_USERNAME=$DB_USER \
    QUARKUS_DATASOURCE_PASSWORD=adoption KAFKA_BOOTSTRAP_SERVERS="$KAFKA_BOOTSTRAP" \
    EVENTSOURCING_RELAY_TOPIC_PREFIX="jvmflags-$n-$(date +%s)" \
    MP_JWT_VERIFY_PUBLICKEY_LOCATION="$ROOT/deploy/dev-keys/dev-public-key.pem" MP_JWT_VERIFY_ISSUER=ai-adoption-dev \
    "${envs[@]}" java $flags -jar quarkus-run.jar >"$dir/service.log" 2>&1 </dev/null 9>&- &
  PID=$!
  until [[ $(health_status "http://localhost:$PORT/q/health/ready") == "200 UP" ]]; do
    kill -0 "$PID" 2>/dev/null || die "the service died (log $dir/service.log)"
    (($(now_ms) - t0 < 120000)) || die "not ready within 120 s"
    sleep 0.05
  done
  local ready=$(($(now_ms) - t0))
  sleep "$IDLE_SETTLE"
  local idle_rss
  idle_rss=$(rss_mb "$PID")
  wrk -t2 -c"$CONNECTIONS" --timeout 30s -d"${WARMUP}s" -s "$BENCH_DIR/wrk-post-idea.lua" "http://localhost:$PORT" -- "$OUT/token" "jf-$n-w" >/dev/null 2>&1
  gc0=$(jcmd "$PID" PerfCounter.print 2>/dev/null | awk -F= '/sun.gc.collector.[01].time=/ {s += $2} END {printf "%.0f\n", s}')
  a=$(ticks_of "$PID")
  wrk -t2 -c"$CONNECTIONS" --timeout 30s -d"${DURATION}s" -s "$BENCH_DIR/wrk-post-idea.lua" "http://localhost:$PORT" -- "$OUT/token" "jf-$n" >"$dir/wrk.txt" 2>&1
  b=$(ticks_of "$PID")
  local counters freq
  counters=$(jcmd "$PID" PerfCounter.print 2>/dev/null || true)
  gc1=$(awk -F= '/sun.gc.collector.[01].time=/ {s += $2} END {printf "%.0f\n", s}' <<<"$counters")
  freq=$(sed -n 's/^sun.os.hrt.frequency=//p' <<<"$counters")
  local load_rss
  load_rss=$(rss_mb "$PID")
  wj=$(sed -n 's/^WRK_RESULT //p' "$dir/wrk.txt")
  kill -TERM "$PID"; wait "$PID" 2>/dev/null || true; PID=""
  awk -v f="$2" -v r="$ready" -v ir="$idle_rss" -v lr="$load_rss" -v ok="$(jq -r .ok2xx <<<"$wj")" \
    -v us="$(jq -r .durationUs <<<"$wj")" -v p99="$(jq -r '.latencyUs.p99 / 1000' <<<"$wj")" -v t=$((b - a)) -v hz="$HZ" \
    -v gc="$(awk -v a="$gc0" -v b="$gc1" 'BEGIN {printf "%.0f", b - a}')" -v freq="$freq" 'BEGIN {
      if (freq == "") freq = 1e9
      printf "| `%s` | %d | %.1f | %.1f | %.1f | %.3f | %.0f | %.1f |\n", f, r, ir, lr, ok / (us / 1e6), t / hz * 1000 / ok, p99, gc / freq / (us / 1e6) * 100
    }'
}

echo "| flags | start to ready, ms | idle RSS, MB | RSS after load, MB | 2xx req/s | JVM CPU per request, ms | p99, ms | GC time, % of the window |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
i=0
for ((r = 1; r <= REPEAT; r++)); do
  for flags in "$@"; do
    i=$((i + 1))
    log "run $i: $flags"
    one "$i" "$flags" | tee -a "$OUT/table.md"
  done
done
