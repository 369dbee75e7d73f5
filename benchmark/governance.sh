#!/usr/bin/env bash
# governance-service register benchmark (writes benchmark/GOVERNANCE.md):
#
#   benchmark/governance.sh
#
# 1. a fresh database (bench_governance, dropped and recreated) on the PostgreSQL at localhost:$PG_PORT;
#    governance-service (packaged jar, prod profile, port $PORT, its relay on a topic prefix unique to
#    the run) runs its Flyway migrations; a probe over HTTP makes one of each event the seed writes
#    (register, transfer, correction, cancellation, classification, obligations, lifecycle, incident,
#    training) and approves three tools (admin); the service is stopped;
# 2. seeds SYSTEMS=10000 systems with SQL (benchmark/governance/seed.sql): 10,000 registrations and
#    190,000 transfers/corrections (200,000 ownership events) over three years, classifications,
#    obligations, lifecycle changes, incidents, trainings, appended to es_event in recorded-time order
#    in the shape the service writes them (payload keys checked against the probe's events); the
#    relay checkpoint is moved past the seed;
# 3. starts the service again and builds the read models with its own projections
#    (POST /admin/projections/register/rebuild, .../directory/rebuild, admin token), vacuum analyze;
# 4. GET /ai-systems/{id}/ownership?asOf=&knownAt= with wrk (benchmark/governance/ownership.lua: random
#    system, random asOf in the three years up to today, random knownAt up to now): a WARMUP=15 s run,
#    then WRK_DURATION=30 s at -t$WRK_THREADS -c$WRK_CONNECTIONS measured: p50/p95/p99/max, throughput;
# 5. GET /inventory/diff?from=&to= and GET /compliance-gaps?asOf=: 2 warm-up calls, then CALLS=10 calls
#    each with curl -w '%{time_total}': median and max;
# 6. EXPLAIN (ANALYZE, BUFFERS) of the statements behind them (benchmark/governance/explain.sql);
# 7. faithfulness: a transfer and a correction over HTTP on seeded systems (the service loads their
#    seeded streams and decides: 201, 200); stops the service and writes benchmark/GOVERNANCE.md
#    (text after the "<!-- notes -->" line of an existing GOVERNANCE.md is kept).
#
# Needs: psql, curl, jq, wrk (apt-get install wrk), a PostgreSQL superuser (su postgres -c psql, or
# PG_ADMIN_URL=postgresql://user:pw@host:port/postgres), Kafka at KAFKA_BOOTSTRAP (both started with
# deploy/run.sh --infra-only when they do not answer), and governance-service/target/quarkus-app/quarkus-run.jar
# (built with ./mvnw -q -o package -pl governance-service -am -DskipTests when missing).
# Knobs: SYSTEMS=10000 (even) PORT=18083 PG_PORT=5432 KAFKA_BOOTSTRAP=localhost:9092 SERVICE_JAVA_OPTS=-Xmx512m
#   DB=bench_governance WRK_THREADS=1 WRK_CONNECTIONS=4 WRK_DURATION=30 WARMUP=15 CALLS=10 REBUILD_TIMEOUT=3600
#   LIGHT_DURATION=15 (then the same reads from one connection, for comparison; 0: none)
#   PROFILE=1 (after the measurements, not during them: a PROFILE_DURATION=20 s wrk run of the same reads
#   and 5 diff + 5 gap calls under a JFR recording, profile settings, summarised by
#   benchmark/governance/jfr-libraries.awk)
#   REUSE_DB=1: no drop, probe, seed or rebuild: the read models already in $DB (from an earlier run) are
#   measured as they are (steps 4 and 5, then the plans of step 6; the service's Flyway applies any
#   newer migration when it starts); no profile unless PROFILE=1 is given, no faithfulness writes, and
#   GOVERNANCE.md is not rewritten: the figures go to summary.txt and results.md in the output directory.
#   SERVICE_APP=<dir> (default governance-service/target/quarkus-app): a quarkus-app built elsewhere, e.g. in a
#   worktree of one commit (benchmark/target/builds/<sha>, as compare.sh makes them); it is not built when missing.
#   TODAY=YYYY-MM-DD (default: today, UTC) fixes the dates the reads use, e.g. those of the run that built $DB.
# Output: benchmark/target/governance-<time>/ (service logs, wrk output, responses, EXPLAIN plans, summary.txt).
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
cd "$ROOT"

SYSTEMS=${SYSTEMS:-10000}
PORT=${PORT:-18083}
PG_PORT=${PG_PORT:-5432}
KAFKA_BOOTSTRAP=${KAFKA_BOOTSTRAP:-localhost:9092}
SERVICE_JAVA_OPTS=${SERVICE_JAVA_OPTS:--Xmx512m}
# the rebuild runs in a service start of its own with a bigger heap: with -Xmx512m it ran out of heap
# replaying the ~215,000 events (first run, 2026-12-01; see GOVERNANCE.md)
REBUILD_JAVA_OPTS=${REBUILD_JAVA_OPTS:--Xmx3g}
DB=${DB:-bench_governance}
WRK_THREADS=${WRK_THREADS:-1}
WRK_CONNECTIONS=${WRK_CONNECTIONS:-4}
WRK_DURATION=${WRK_DURATION:-30}
WARMUP=${WARMUP:-15}
CALLS=${CALLS:-10}
REBUILD_TIMEOUT=${REBUILD_TIMEOUT:-3600}
REUSE_DB=${REUSE_DB:-0}
PROFILE=${PROFILE:-$((REUSE_DB == 1 ? 0 : 1))}
LIGHT_DURATION=${LIGHT_DURATION:-15}
PROFILE_DURATION=${PROFILE_DURATION:-20}
DB_USER=adoption
DB_PASSWORD=adoption
APP=${SERVICE_APP:-$ROOT/governance-service/target/quarkus-app}
JAR=$APP/quarkus-run.jar
RUN=$(date -u +%Y%m%dT%H%M%S)
OUT=$ROOT/benchmark/target/governance-$RUN
PREFIX=bench-governance-$RUN
REPORT=$BENCH_DIR/GOVERNANCE.md
CLK_TCK=$(getconf CLK_TCK)
BASE=http://localhost:$PORT
COMMAND="benchmark/governance.sh${*:+ $*}"
for knob in REUSE_DB TODAY SYSTEMS WRK_THREADS WRK_CONNECTIONS WRK_DURATION WARMUP CALLS PROFILE PROFILE_DURATION LIGHT_DURATION; do
  [[ -n ${!knob+x} && $(env | grep -c "^$knob=") -gt 0 ]] && COMMAND="$knob=${!knob} $COMMAND"
done
mkdir -p "$OUT"

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }
say() { printf '%s\n' "$*" | tee -a "$OUT/summary.txt"; }

for tool in psql curl jq wrk jcmd jfr; do command -v "$tool" >/dev/null || die "$tool is needed (Debian: apt-get install $tool)"; done
((SYSTEMS % 2 == 0)) || die "SYSTEMS must be even (pairs of systems share 38 ownership events)"

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

answers() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }
kafka_host=${KAFKA_BOOTSTRAP%%:*}
kafka_port=${KAFKA_BOOTSTRAP##*:}
if ! answers localhost "$PG_PORT" || ! answers "$kafka_host" "$kafka_port"; then
  log "PostgreSQL or Kafka does not answer: deploy/run.sh --infra-only"
  deploy/run.sh --infra-only >"$OUT/infra.log" 2>&1 || { tail -n 30 "$OUT/infra.log" >&2; die "deploy/run.sh --infra-only failed"; }
fi
answers localhost "$PG_PORT" || die "no PostgreSQL on localhost:$PG_PORT"
answers "$kafka_host" "$kafka_port" || die "no Kafka at $KAFKA_BOOTSTRAP"

[[ -n ${SERVICE_APP:-} && ! -f $JAR ]] && die "SERVICE_APP=$SERVICE_APP: no quarkus-run.jar there"
if [[ ! -f $JAR ]]; then
  # the module may be mid-change in a parallel session: retry a few times before giving up
  for attempt in 1 2 3 4 5; do
    log "building governance-service (./mvnw -q -o package -pl governance-service -am -DskipTests), attempt $attempt"
    ./mvnw -q -o package -pl governance-service -am -DskipTests >"$OUT/build-$attempt.log" 2>&1 && break
    tail -n 20 "$OUT/build-$attempt.log" >&2
    ((attempt < 5)) || die "governance-service does not build (see $OUT/build-*.log)"
    log "build failed; retrying in 180 s"
    sleep 180
  done
fi

# ------------------------------------------------------------------ the service
PID=
cleanup() {
  [[ -n $PID ]] || return 0
  kill "$PID" 2>/dev/null || true
  for _ in $(seq 1 150); do kill -0 "$PID" 2>/dev/null || break; sleep 0.2; done
  kill -9 "$PID" 2>/dev/null || true
  PID=
}
trap cleanup EXIT

# start_service <name> [JVM options]: sets PID
start_service() {
  local name=$1 java_opts=${2:-$SERVICE_JAVA_OPTS} opts=()
  [[ -f $APP/app-cds.jsa ]] && opts+=(-XX:SharedArchiveFile=app-cds.jsa -Xshare:auto)
  # shellcheck disable=SC2086 # java_opts is a list of JVM options
  env -C "$APP" \
    QUARKUS_HTTP_PORT="$PORT" \
    QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://localhost:$PG_PORT/$DB" \
    QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://localhost:$PG_PORT/$DB" \
    QUARKUS_DATASOURCE_USERNAME="$DB_USER" \
    QUARKUS_DATASOURCE_PASSWORD="$DB_PASSWORD" \
    KAFKA_BOOTSTRAP_SERVERS="$KAFKA_BOOTSTRAP" \
    EVENTSOURCING_RELAY_TOPIC_PREFIX="$PREFIX" \
    MP_JWT_VERIFY_PUBLICKEY_LOCATION="$ROOT/deploy/dev-keys/dev-public-key.pem" \
    MP_JWT_VERIFY_ISSUER=ai-adoption-dev \
    java $java_opts "${opts[@]}" "-Dadoption.bench=$RUN-$name" \
      "-Dmp.messaging.incoming.idea-events.topic=$PREFIX.in.idea" \
      "-Dmp.messaging.incoming.idea-events.group.id=$PREFIX" \
      "-Dmp.messaging.incoming.idea-events.dead-letter-queue.topic=$PREFIX.idea-events.dlt" \
      "-Dmp.messaging.incoming.experiment-events.topic=$PREFIX.in.experiment" \
      "-Dmp.messaging.incoming.experiment-events.group.id=$PREFIX" \
      "-Dmp.messaging.incoming.experiment-events.dead-letter-queue.topic=$PREFIX.experiment-events.dlt" \
      -jar quarkus-run.jar >"$OUT/$name.log" 2>&1 </dev/null &
  PID=$!
  for _ in $(seq 1 240); do
    curl -fsS -o /dev/null "$BASE/q/health/ready" 2>/dev/null && return 0
    kill -0 "$PID" 2>/dev/null || { tail -n 40 "$OUT/$name.log" >&2; die "$name exited before it was ready"; }
    sleep 0.5
  done
  tail -n 40 "$OUT/$name.log" >&2
  die "$name not ready after 120 s"
}

ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
rss_mb() { awk '/^VmRSS:/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }
now_ms() { date +%s%3N; }
pg_ticks() { { cat /proc/[0-9]*/stat 2>/dev/null || true; } | awk '$2 == "(postgres)" {t += $14 + $15} END {print t + 0}'; }
busy_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8}' /proc/stat; }   # user nice system irq softirq, all cores
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
# server_metric <uri template>: "count sum" of http_server_requests_seconds for that URI (all statuses)
server_metric() {
  curl -fsS "$BASE/q/metrics" | awk -v uri="uri=\"$1\"" 'index($0, uri) && /^http_server_requests_seconds_count/ {c += $NF}
    index($0, uri) && /^http_server_requests_seconds_sum/ {s += $NF} END {printf "%d %.6f\n", c, s}'
}

# call <token> <method> <path> [json body]: prints the status; body in $OUT/last.json, headers in $OUT/last.headers
call() {
  local token=$1 method=$2 path=$3 body=${4:-}
  curl -s -o "$OUT/last.json" -D "$OUT/last.headers" -w '%{http_code}' -X "$method" -H "Authorization: Bearer $token" \
    -H 'Content-Type: application/json' ${body:+-d "$body"} "$BASE$path"
}
expect() { # expect <wanted status> <what> <status>
  [[ $3 == "$1" ]] || { cat "$OUT/last.json" >&2; echo >&2; die "$2: HTTP $3, expected $1"; }
}
header() { grep -i "^$1:" "$OUT/last.headers" | head -n 1 | sed 's/^[^:]*: *//' | tr -d '\r'; }

# timed_calls <label> <path> <file>: 2 warm-up calls, then $CALLS timed ones; prints "median max" in ms
timed_calls() {
  local label=$1 path=$2 file=$3 line code t size
  for _ in 1 2; do curl -s -o /dev/null -H "Authorization: Bearer $READER" "$BASE$path"; done
  : >"$OUT/$file.times"
  for _ in $(seq 1 "$CALLS"); do
    line=$(curl -s -o "$OUT/$file.json" -w '%{http_code} %{time_total} %{size_download}' -H "Authorization: Bearer $READER" "$BASE$path")
    read -r code t size <<<"$line"
    [[ $code == 200 ]] || { head -c 2000 "$OUT/$file.json" >&2; die "$label: HTTP $code"; }
    echo "$t $size" >>"$OUT/$file.times"
  done
  sort -n "$OUT/$file.times" | awk '{t[NR] = $1 * 1000; s = $2} END {
    m = NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
    printf "%.0f %.0f %.0f %d\n", m, t[NR], t[1], s }'
}

TODAY=${TODAY:-$(date -u +%F)}
END=$(date -u -d "$TODAY - 14 days" +%F)
START=$(date -u -d "$END - 3 years" +%F)
CO=$(deploy/token.sh compliance-officer "" bench-probe)
ADMIN=$(deploy/token.sh admin "" bench-admin)
READER=$(deploy/token.sh compliance-officer "" bench-reader)

if [[ $REUSE_DB == 1 ]]; then
  [[ $(sql "select count(*) from gov_system" 2>/dev/null) -gt 0 ]] || die "REUSE_DB=1: no read models in $DB (run without REUSE_DB first)"
  log "REUSE_DB=1: measuring the read models already in $DB (no drop, seed or rebuild)"
else
# ------------------------------------------------------------------ 1. database, schema, probe
log "database $DB: dropping and recreating it (owner $DB_USER)"
admin_psql -d postgres -c "drop database if exists $DB with (force)" -c "create database $DB owner $DB_USER"
log "migrating the schema and probing the event shapes over HTTP (one governance-service start)"
start_service probe
code=$(call "$CO" POST /ai-systems "{\"name\":\"Probe system\",\"tool\":\"Microsoft Copilot\",\"vendor\":\"Microsoft\",\"purpose\":\"probe\",
  \"scope\":\"probe\",\"dataClassification\":\"INTERNAL\",\"lifecycle\":\"PILOT\",\"department\":\"finance\",\"owner\":{\"id\":\"person-0001\"},
  \"effectiveFrom\":\"$START\"}"); expect 201 register "$code"
PROBE=$(jq -r .id "$OUT/last.json")
code=$(call "$CO" POST "/ai-systems/$PROBE/transfers" "{\"toDepartment\":\"hr\",\"toOwner\":{\"id\":\"person-0002\"},\"reason\":\"probe\",
  \"effectiveFrom\":\"$(date -u -d "$START + 30 days" +%F)\"}"); expect 201 transfer "$code"
t1=$(header X-Transfer-Id)
code=$(call "$CO" POST "/ai-systems/$PROBE/transfers/$t1/corrections" '{"owner":{"id":"person-0003"},"reason":"probe"}'); expect 200 correction "$code"
code=$(call "$CO" POST "/ai-systems/$PROBE/transfers" "{\"toDepartment\":\"hr\",\"toOwner\":{\"id\":\"person-0004\"},\"reason\":\"probe\",
  \"effectiveFrom\":\"$(date -u -d "$START + 60 days" +%F)\"}"); expect 201 "second transfer" "$code"
t2=$(header X-Transfer-Id)
code=$(call "$CO" POST "/ai-systems/$PROBE/transfers/$t2/corrections" '{"cancel":true,"reason":"probe"}'); expect 200 cancellation "$code"
code=$(call "$CO" PUT "/ai-systems/$PROBE/classification" "{\"role\":\"DEPLOYER\",\"riskTier\":\"HIGH\",\"annexIIIArea\":\"EMPLOYMENT\",
  \"screening\":{\"a\":false,\"b\":false,\"c\":false,\"d\":false,\"e\":false,\"f\":false,\"g\":false,\"h\":false},\"transparencyDuties\":[],
  \"reason\":\"probe\",\"effectiveFrom\":\"$(date -u -d "$START + 10 days" +%F)\"}"); expect 200 classification "$code"
code=$(call "$CO" PUT "/ai-systems/$PROBE/obligations" "{\"oversightPersons\":[{\"id\":\"person-0005\"}],\"workersInformedOn\":\"$START\",
  \"logRetentionMonths\":12,\"friaStatus\":\"COMPLETED\",\"friaSummary\":\"probe\",\"euRegistrationApplies\":true,\"euDatabaseRef\":\"EU-PROBE\",
  \"effectiveFrom\":\"$(date -u -d "$START + 10 days" +%F)\"}"); expect 200 obligations "$code"
code=$(call "$CO" POST "/ai-systems/$PROBE/lifecycle" "{\"lifecycle\":\"PRODUCTION\",\"reason\":\"probe\",
  \"effectiveFrom\":\"$(date -u -d "$START + 90 days" +%F)\"}"); expect 200 lifecycle "$code"
code=$(call "$CO" POST "/ai-systems/$PROBE/incidents" "{\"summary\":\"probe\",\"occurredAt\":\"${START}T10:00:00Z\",\"serious\":true}")
expect 201 incident "$code"
code=$(call "$CO" POST /persons/bench-probe-person/trainings "{\"course\":\"AI literacy basics\",\"provider\":\"Internal academy\",
  \"completedOn\":\"$START\",\"validUntil\":\"$(date -u -d "$START + 2 years" +%F)\"}"); expect 201 training "$code"
for tool in "ChatGPT Enterprise|OpenAI|[\"PUBLIC\",\"INTERNAL\"]" "Microsoft Copilot|Microsoft|[\"PUBLIC\",\"INTERNAL\",\"CONFIDENTIAL\"]" \
            "Claude|Anthropic|[\"PUBLIC\",\"INTERNAL\",\"CONFIDENTIAL\",\"PERSONAL\"]"; do
  IFS='|' read -r name vendor classes <<<"$tool"
  code=$(call "$ADMIN" POST /approved-tools "{\"tool\":\"$name\",\"vendor\":\"$vendor\",\"allowedDataClasses\":$classes,\"validFrom\":\"$START\"}")
  expect 200 "approve $name" "$code"
done
sleep 2   # let the relay publish the probe's events (to $PREFIX.*) before the checkpoint is moved
cleanup

# ------------------------------------------------------------------ 2. seed
log "seeding $SYSTEMS systems, $((SYSTEMS * 20)) ownership events ($START .. $END)"
t0=$(now_ms)
bench_psql -v systems="$SYSTEMS" -v start="$START" -v end="$END" -f benchmark/governance/seed.sql >"$OUT/seed.txt"
seed_ms=$(( $(now_ms) - t0 ))
# the seeded payloads have the keys of the events the service made (top level, and the screening object)
bench_psql -At -F ' ' -c "
  with k as (select actor = 'bench-co' as seeded, event_type,
                    (select string_agg(key, ',' order by key) from jsonb_object_keys(payload) key)
                    || coalesce(' screening:' || (select string_agg(key, ',' order by key) from jsonb_object_keys(payload->'screening') key), '') as keys
               from es_event where stream_type in ('ai-system', 'person')),
       probe as (select event_type, min(keys) as keys from k where not seeded group by event_type)
  select k.event_type, count(*), count(distinct k.keys), bool_and(k.keys = p.keys)
    from k left join probe p using (event_type) where k.seeded group by k.event_type order by k.event_type" >"$OUT/shape.txt"
shape_ok=$(awk '$3 != 1 || $4 != "t" {bad = bad " " $1} END {print bad == "" ? "yes" : "NO:" bad}' "$OUT/shape.txt")
[[ $shape_ok == yes ]] || { cat "$OUT/shape.txt" >&2; die "seeded payload keys differ from the service's: $shape_ok"; }
log "seeded in $((seed_ms / 1000)) s; payload keys as the service writes them"

# ------------------------------------------------------------------ 3. read models through the service's projections
log "starting governance-service for the rebuild ($REBUILD_JAVA_OPTS)"
start_service rebuild "$REBUILD_JAVA_OPTS"
declare -A rebuilt_ms rebuilt_n
for projection in register directory; do
  log "rebuilding projection $projection"
  t0=$(now_ms)
  code=$(curl -s -o "$OUT/rebuild-$projection.json" -w '%{http_code}' --max-time "$REBUILD_TIMEOUT" -X POST \
    -H "Authorization: Bearer $ADMIN" "$BASE/admin/projections/$projection/rebuild") || true
  [[ $code == 200 ]] || { cat "$OUT/rebuild-$projection.json" >&2; die "rebuild $projection: HTTP $code"; }
  rebuilt_ms[$projection]=$(( $(now_ms) - t0 ))
  rebuilt_n[$projection]=$(jq -r .eventsReplayed "$OUT/rebuild-$projection.json")
  log "  ${rebuilt_n[$projection]} events in $(( ${rebuilt_ms[$projection]} / 1000 )) s"
done
rebuild_hwm=$(awk '/^VmHWM:/ {printf "%.0f", $2 / 1024}' "/proc/$PID/status")
rebuild_gc=$(jcmd "$PID" GC.heap_info 2>/dev/null | awk '/garbage-first heap/ {print $0}' | sed 's/^ *//' || true)
cleanup
bench_psql -c "vacuum analyze gov_system" -c "vacuum analyze gov_ownership" -c "vacuum analyze gov_lifecycle" \
  -c "vacuum analyze gov_classification" -c "vacuum analyze gov_obligations" -c "vacuum analyze gov_incident" \
  -c "vacuum analyze gov_training" -c "vacuum analyze gov_person" -c "vacuum analyze gov_tool_term"

n_systems=$(sql "select count(*) from gov_system")
n_own_events=$(sql "select count(*) from es_event where event_type in ('ai-system.registered', 'ai-system.ownership-transferred', 'ai-system.ownership-corrected')")
n_seed_own=$(sql "select count(*) from es_event where actor = 'bench-co' and event_type in ('ai-system.registered', 'ai-system.ownership-transferred', 'ai-system.ownership-corrected')")
n_seed_sys=$(sql "select count(*) from es_event where actor = 'bench-co' and event_type = 'ai-system.registered'")
n_events=$(sql "select count(*) from es_event")
n_own_rows=$(sql "select count(*) from gov_ownership")
event_mix=$(sql "select string_agg(event_type || ' ' || n, ', ' order by event_type) from (select event_type, count(*) n from es_event group by 1) t")
own_mix=$(sql "select string_agg(kind || case when cancelled then ' (cancelling)' else '' end || ' ' || n, ', ' order by kind, cancelled)
                 from (select kind, cancelled, count(*) n from gov_ownership group by 1, 2) t")
superseded=$(sql "select count(*) from gov_ownership where superseded_at is not null")
rec_span=$(sql "select min(recorded_at)::date || ' .. ' || max(recorded_at)::date from es_event where actor = 'bench-co'")
eff_span=$(sql "select min(effective_from) || ' .. ' || max(effective_from) from gov_ownership")
per_system=$(sql "select min(n) || ' .. ' || max(n) from (select count(*) n from gov_ownership group by system_id) t")
[[ $n_own_rows == "$n_own_events" ]] || die "gov_ownership has $n_own_rows rows for $n_own_events ownership events"
[[ $n_systems == $((n_seed_sys + 1)) ]] || die "gov_system has $n_systems rows, expected $((n_seed_sys + 1))"
db_size=$(sql "select pg_size_pretty(pg_database_size(current_database()))")
own_size=$(sql "select pg_size_pretty(pg_total_relation_size('gov_ownership'))")
fi   # REUSE_DB
n_systems=$(sql "select count(*) from gov_system")
sql "select system_id from gov_system" >"$OUT/ids.txt"
log "starting governance-service for the measurements ($SERVICE_JAVA_OPTS)"
start_service bench
SVC=$PID
[[ $REUSE_DB == 1 ]] && say "migrations applied: $(sql "select string_agg(version || ' ' || description, ', ' order by installed_rank) from flyway_schema_history where success")"

# ------------------------------------------------------------------ 4. ownership reads with wrk
from_epoch=$(date -u -d "$START" +%s); to_epoch=$(date -u -d "$TODAY" +%s); now_epoch=$(date -u +%s)
wrk_env=(TOKEN="$READER" IDS_FILE="$OUT/ids.txt" FROM_EPOCH="$from_epoch" TO_EPOCH="$to_epoch" NOW_EPOCH="$now_epoch")
log "ownership reads: warm-up ${WARMUP} s"
env "${wrk_env[@]}" COUNT_EMPTY=1 wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"${WARMUP}s" --timeout 5s \
  -s benchmark/governance/ownership.lua "$BASE" >"$OUT/wrk-warmup.txt" 2>&1
kv() { awk -F= -v k="$1" '$1 == k {print $2}' "$2"; }
load_before=$(loadavg)
m0=$(server_metric "/ai-systems/{id}/ownership")
s0=$(ticks "$SVC"); p0=$(pg_ticks); c0=$(busy_ticks); t0=$(now_ms)
log "ownership reads: wrk -t$WRK_THREADS -c$WRK_CONNECTIONS -d${WRK_DURATION}s"
env "${wrk_env[@]}" wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"${WRK_DURATION}s" --timeout 5s --latency \
  -s benchmark/governance/ownership.lua "$BASE" >"$OUT/wrk.txt" 2>&1
s1=$(ticks "$SVC"); p1=$(pg_ticks); c1=$(busy_ticks); wrk_ms=$(( $(now_ms) - t0 ))
m1=$(server_metric "/ai-systems/{id}/ownership")
server_mean=$(awk -v a="$m0" -v b="$m1" 'BEGIN {split(a, x, " "); split(b, y, " ");
  if (y[1] > x[1]) printf "%.2f ms over %d requests", (y[2] - x[2]) / (y[1] - x[1]) * 1000, y[1] - x[1]; else print "n/a"}')
cpu_per_req=$(awk -v s=$((s1 - s0)) -v p=$((p1 - p0)) -v hz="$CLK_TCK" -v n="$(kv requests "$OUT/wrk.txt")" 'BEGIN {
  if (n > 0) printf "service %.2f ms, postgres %.2f ms", s * 1000 / hz / n, p * 1000 / hz / n; else print "n/a" }')
load_after=$(loadavg)
cpu=$(awk -v s=$((s1 - s0)) -v p=$((p1 - p0)) -v c=$((c1 - c0)) -v ms="$wrk_ms" -v hz="$CLK_TCK" 'BEGIN {
  f = 100000 / hz / ms; printf "service %.0f %%, all postgres processes %.0f %%, everything else (wrk, other builds) %.0f %% of one core", s * f, p * f, (c - s - p) * f }')
us_ms() { awk -v u="$1" 'BEGIN {printf "%.2f", u / 1000}'; }
w_p50=$(us_ms "$(kv p50_us "$OUT/wrk.txt")"); w_p95=$(us_ms "$(kv p95_us "$OUT/wrk.txt")"); w_p99=$(us_ms "$(kv p99_us "$OUT/wrk.txt")")
w_p999=$(us_ms "$(kv p999_us "$OUT/wrk.txt")"); w_max=$(us_ms "$(kv max_us "$OUT/wrk.txt")"); w_mean=$(us_ms "$(kv mean_us "$OUT/wrk.txt")")
w_n=$(kv requests "$OUT/wrk.txt"); w_rps=$(kv throughput "$OUT/wrk.txt")
w_err="$(kv errors_status "$OUT/wrk.txt") non-2xx, $(kv errors_connect "$OUT/wrk.txt") connect, $(kv errors_read "$OUT/wrk.txt") read, $(kv errors_timeout "$OUT/wrk.txt") timeouts"
warm_answered=$(kv answered "$OUT/wrk-warmup.txt"); warm_empty=$(kv no_holder "$OUT/wrk-warmup.txt"); warm_other=$(kv not_200 "$OUT/wrk-warmup.txt")
warm_rps=$(kv throughput "$OUT/wrk-warmup.txt")
rss_after_wrk=$(rss_mb "$SVC")
# the same reads from one connection: the latency without queueing behind the other connections
if ((LIGHT_DURATION > 0)); then
  log "ownership reads: wrk -t1 -c1 -d${LIGHT_DURATION}s"
  env "${wrk_env[@]}" wrk -t1 -c1 -d"${LIGHT_DURATION}s" --timeout 5s -s benchmark/governance/ownership.lua "$BASE" >"$OUT/wrk-c1.txt" 2>&1
  l_p50=$(us_ms "$(kv p50_us "$OUT/wrk-c1.txt")"); l_p95=$(us_ms "$(kv p95_us "$OUT/wrk-c1.txt")"); l_p99=$(us_ms "$(kv p99_us "$OUT/wrk-c1.txt")")
  l_max=$(us_ms "$(kv max_us "$OUT/wrk-c1.txt")"); l_rps=$(kv throughput "$OUT/wrk-c1.txt"); l_n=$(kv requests "$OUT/wrk-c1.txt")
  light_row="| the same, one connection (wrk -t1 -c1, ${LIGHT_DURATION} s, right after) | p50 $l_p50 ms, p95 $l_p95 ms, p99 $l_p99 ms (max $l_max ms); $l_rps requests/s ($l_n requests; $(kv errors_status "$OUT/wrk-c1.txt") non-2xx) | for comparison |"
else
  light_row=
fi

# ------------------------------------------------------------------ 5. diff and gaps
DIFF_FROM=$(date -u -d "$START + 1 year" +%F)
DIFF_TO=$(date -u -d "$END - 1 month" +%F)
GAPS_AS_OF=$(date -u -d "$END - 1 month" +%F)
log "inventory diff $DIFF_FROM .. $DIFF_TO: $CALLS calls"
load_diff=$(loadavg)
read -r d_med d_max d_min d_size <<<"$(timed_calls diff "/inventory/diff?from=$DIFF_FROM&to=$DIFF_TO" diff)"
[[ -n $d_max ]] || die "inventory diff calls failed"
d_counts=$(jq -r '"added \(.added | length), retired \(.retired | length), ownership changed \(.ownershipChanged | length), classification changed \(.classificationChanged | length)"' "$OUT/diff.json")
log "compliance gaps as of $GAPS_AS_OF: $CALLS calls"
load_gaps=$(loadavg)
# the list pages by keyset (README, "Paging the register"): time the first page of the largest size, then walk every
# page once (following next, all at the first page's knowledge point) for the whole register's gaps and the walk's time
read -r g_med g_max g_min g_size <<<"$(timed_calls gaps "/compliance-gaps?asOf=$GAPS_AS_OF&limit=500" gaps)"
[[ -n $g_max ]] || die "compliance gap calls failed"
g_walk_start=$(date +%s%N)
g_pages=0
g_after=""
: >"$OUT/gaps-walk.jsonl"
while :; do
  code=$(curl -s -o "$OUT/gaps-page.json" -w '%{http_code}' -G -H "Authorization: Bearer $READER" "$BASE/compliance-gaps" \
    --data-urlencode "asOf=$GAPS_AS_OF" --data-urlencode "limit=500" ${g_after:+--data-urlencode "after=$g_after"})
  [[ $code == 200 ]] || { head -c 2000 "$OUT/gaps-page.json" >&2; die "gap walk: HTTP $code"; }
  jq -c '.gaps[]' "$OUT/gaps-page.json" >>"$OUT/gaps-walk.jsonl"
  g_pages=$((g_pages + 1))
  g_after=$(jq -r '.next // empty' "$OUT/gaps-page.json")
  [[ -n $g_after ]] || break
done
g_walk_ms=$(( ($(date +%s%N) - g_walk_start) / 1000000 ))
g_counts=$(jq -rs '"\(length) gaps: " + ([group_by(.kind)[] | "\(.[0].kind) \(length)"] | join(", "))' "$OUT/gaps-walk.jsonl")
g_systems=$(jq -rs '[.[].systemId] | unique | length' "$OUT/gaps-walk.jsonl")
rss_end=$(rss_mb "$SVC")

# ------------------------------------------------------------------ profile (not measured)
profile_text="(PROFILE=0: no recording)"
if [[ $PROFILE == 1 ]]; then
  log "profile: JFR during a ${PROFILE_DURATION} s ownership run, then 5 diff and 5 gap calls (not measured)"
  jcmd "$SVC" JFR.start name=ownership settings=profile filename="$OUT/ownership.jfr" >"$OUT/jfr-start.txt" 2>&1 || true
  env "${wrk_env[@]}" wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"${PROFILE_DURATION}s" --timeout 5s \
    -s benchmark/governance/ownership.lua "$BASE" >"$OUT/wrk-profile.txt" 2>&1
  jcmd "$SVC" JFR.stop name=ownership >>"$OUT/jfr-start.txt" 2>&1 || true
  jcmd "$SVC" JFR.start name=reports settings=profile filename="$OUT/reports.jfr" >>"$OUT/jfr-start.txt" 2>&1 || true
  for _ in 1 2 3 4 5; do
    curl -s -o /dev/null -H "Authorization: Bearer $READER" "$BASE/inventory/diff?from=$DIFF_FROM&to=$DIFF_TO"
    curl -s -o /dev/null -H "Authorization: Bearer $READER" "$BASE/compliance-gaps?asOf=$GAPS_AS_OF&limit=500"
  done
  jcmd "$SVC" JFR.stop name=reports >>"$OUT/jfr-start.txt" 2>&1 || true
  profile_text=""
  for rec in ownership reports; do
    for _ in $(seq 100); do [[ -s $OUT/$rec.jfr ]] && break; sleep 0.2; done
    if [[ -s $OUT/$rec.jfr ]] && jfr print --stack-depth 96 --events jdk.ExecutionSample "$OUT/$rec.jfr" >"$OUT/$rec-samples.txt" 2>/dev/null; then
      profile_text+="--- $rec ($( [[ $rec == ownership ]] && echo "${PROFILE_DURATION} s of ownership reads, $(kv throughput "$OUT/wrk-profile.txt") requests/s under the recording" || echo "5 diff + 5 gap calls"))"$'\n'
      profile_text+=$(awk -f benchmark/governance/jfr-libraries.awk "$OUT/$rec-samples.txt")$'\n\n'
    else
      profile_text+="--- $rec: no recording (see jfr-start.txt)"$'\n'
    fi
  done
fi

# ------------------------------------------------------------------ 6. plans
sample_id=$(sed -n "$(( (RANDOM % n_systems) + 1 ))p" "$OUT/ids.txt")
sample_as_of=$(date -u -d "$START + 700 days" +%F)
sample_known=$(date -u -d "$END - 200 days" +%FT%TZ)
bench_psql -v system_id="$sample_id" -v as_of="$sample_as_of" -v known_at="$sample_known" -v diff_from="$DIFF_FROM" \
  -v diff_to="$DIFF_TO" -v gaps_as_of="$GAPS_AS_OF" -f benchmark/governance/explain.sql >"$OUT/explain.txt" 2>&1
plan_times=$(awk '/^=== |^--- / {label = $0} /Execution Time/ {gsub(/^ +/, ""); print label ": " $0}' "$OUT/explain.txt")

if [[ $REUSE_DB == 1 ]]; then
  cleanup
  commit=$(git -C "$APP" rev-parse --short HEAD 2>/dev/null || git rev-parse --short HEAD)
  cat >"$OUT/results.md" <<EOF
Run \`$RUN\` (\`$COMMAND\`, commit \`$commit\`, jar built $(date -u -r "$JAR" +%FT%TZ)), the existing \`$DB\` (REUSE_DB=1):

| read | measured |
| --- | --- |
| ownership (wrk -t$WRK_THREADS -c$WRK_CONNECTIONS, ${WRK_DURATION} s) | p50 $w_p50 ms, p95 $w_p95 ms, p99 $w_p99 ms (p99.9 $w_p999 ms, max $w_max ms, mean $w_mean ms); $w_rps requests/s ($w_n requests; $w_err) |
${light_row:+$light_row
}| diff $DIFF_FROM .. $DIFF_TO ($CALLS calls) | median $d_med ms, max $d_max ms (min $d_min ms); $d_size bytes: $d_counts |
| gaps as of $GAPS_AS_OF, first page of 500 ($CALLS calls) | median $g_med ms, max $g_max ms (min $g_min ms); $g_size bytes; whole walk $g_pages pages in $g_walk_ms ms: $g_counts (on $g_systems systems) |

* warm-up ($WARMUP s): $warm_rps requests/s, $warm_answered with a holder, $warm_empty without, $warm_other not 200
* load average: before the ownership run $load_before, after it $load_after; before the diff calls $load_diff, before the gap calls $load_gaps
* CPU during the ownership run: $cpu; per request $cpu_per_req; server mean $server_mean; RSS $rss_after_wrk MB, $rss_end MB at the end
* plans (explain.txt):
\`\`\`
$plan_times
\`\`\`
EOF
  say "ownership p50 $w_p50 ms p95 $w_p95 ms p99 $w_p99 ms, $w_rps req/s; diff median $d_med ms max $d_max ms; gaps median $g_med ms max $g_max ms"
  log "done (REUSE_DB=1, GOVERNANCE.md not rewritten): $OUT/results.md"
  exit 0
fi

# ------------------------------------------------------------------ 7. faithfulness: the service decides on seeded streams
check_id=$(sql "select stream_id from es_event where actor = 'bench-co' and event_type = 'ai-system.registered' order by global_position desc limit 1")
check_events=$(sql "select count(*) from es_event where stream_type = 'ai-system' and stream_id = '$check_id'")
code=$(call "$CO" POST "/ai-systems/$check_id/transfers" "{\"toDepartment\":\"legal\",\"toOwner\":{\"id\":\"bench-check-owner\"},
  \"reason\":\"benchmark check\",\"effectiveFrom\":\"$TODAY\"}")
check_transfer="HTTP $code$( [[ $code == 201 ]] && jq -r '", now held by \(.accountable.department) / \(.accountable.owner.id), version \(.version)"' "$OUT/last.json")"
corr=$(sql "select system_id || ' ' || transfer_id from gov_ownership o where kind = 'TRANSFER' and superseded_at is null
              and system_id::text <> '$check_id' and decided_by = 'bench-co' order by recorded_at desc limit 1")
read -r corr_system corr_transfer <<<"$corr"
code=$(call "$CO" POST "/ai-systems/$corr_system/transfers/$corr_transfer/corrections" '{"owner":{"id":"bench-check-corrected"},"reason":"benchmark check"}')
check_correction="HTTP $code"
[[ $code == 200 ]] && check_correction+=", superseded rows of that transfer: $(sql "select count(*) from gov_ownership where transfer_id = '$corr_transfer' and superseded_at is not null")"
cleanup

# ------------------------------------------------------------------ report
verdict() { awk -v v="$1" -v t="$2" 'BEGIN {print (v <= t) ? "**met**" : "**missed**"}'; }
cpu_model=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
mem=$(awk '/^MemTotal:/ {printf "%.1f GB", $2 / 1048576}' /proc/meminfo)
pg_version=$(sql "show server_version")
commit=$(git rev-parse --short HEAD)
jar_time=$(date -u -r "$JAR" +%FT%TZ)
notes=
[[ -f $REPORT ]] && notes=$(awk 'f {print} /^<!-- notes -->$/ {f = 1}' "$REPORT")

{
cat <<EOF
# governance-service register benchmark

Written by \`$COMMAND\` (run \`$RUN\`, $(date -u -d "@$now_epoch" +'%F %T') UTC, commit \`$commit\`, jar built $jar_time;
raw output in \`benchmark/target/governance-$RUN/\`, git-ignored). A harness, not a test.

Machine: $(nproc) cores ($cpu_model), $mem, PostgreSQL $pg_version, shared with other builds running in
parallel (load average before the ownership run $load_before, after it $load_after). The service: the
packaged jar in prod mode (\`java $SERVICE_JAVA_OPTS -jar quarkus-run.jar\`, AppCDS archive when built),
on a fresh database \`$DB\`, its relay on the throwaway topic prefix \`$PREFIX\`.

## Results

| read | measured | target |
| --- | --- | --- |
| \`GET /ai-systems/{id}/ownership?asOf=&knownAt=\` (wrk -t$WRK_THREADS -c$WRK_CONNECTIONS, ${WRK_DURATION} s) | p50 **$w_p50 ms**, p95 **$w_p95 ms**, p99 **$w_p99 ms** (p99.9 $w_p999 ms, max $w_max ms, mean $w_mean ms); **$w_rps requests/s** ($w_n requests; $w_err) | p99 ≤ 20 ms: $(verdict "$w_p99" 20) |
${light_row:+$light_row
}| \`GET /inventory/diff?from=$DIFF_FROM&to=$DIFF_TO\` ($CALLS calls) | median **$d_med ms**, max **$d_max ms** (min $d_min ms); $(numfmt --to=iec "$d_size")B of JSON: $d_counts | ≤ 1 s: $(verdict "$d_max" 1000) |
| \`GET /compliance-gaps?asOf=$GAPS_AS_OF&limit=500\` (first page, $CALLS calls) | median **$g_med ms**, max **$g_max ms** (min $g_min ms); $(numfmt --to=iec "$g_size")B of JSON per page; the whole walk ($g_pages pages following \`next\`, one knowledge point): **$g_walk_ms ms**, $g_counts (on $g_systems systems) | ≤ 1 s per page: $(verdict "$g_max" 1000) |

* Ownership reads: a random system of the $n_systems, a random \`asOf\` date from $START to $TODAY and a random
  \`knownAt\` instant from $START to the run's start ([governance/ownership.lua](governance/ownership.lua)), each
  request as a compliance officer (\`Authorization: Bearer\`, so the service reads the system row and the
  ownership row, no department check). wrk is a closed loop: $WRK_CONNECTIONS connections each send the next
  request when the previous answer arrives; latency per request as wrk measures it. A ${WARMUP} s warm-up run
  just before ($warm_rps requests/s) counted the answers: $warm_answered with a holder, $warm_empty "not on the
  register on this date, as known at this time" (asOf before the registration, or knownAt before it was
  recorded), $warm_other not 200.
* CPU during the measured ownership run: $cpu; per request $cpu_per_req. Server-side time
  (\`http_server_requests_seconds\` of \`/ai-systems/{id}/ownership\`, mean): $server_mean. Service RSS $rss_after_wrk MB after it, $rss_end MB after the
  diff and gap calls.
* Diff and gaps: two untimed warm-up calls each, then $CALLS sequential calls with
  \`curl -w '%{time_total}'\` (whole answer received), as a compliance officer; load average $load_diff before
  the diff calls, $load_gaps before the gap calls.

## Data

| | |
| --- | --- |
| register | $n_systems systems ($n_seed_sys seeded + the probe system made over HTTP) |
| ownership events | $n_own_events ($n_seed_own seeded: $n_seed_sys registrations + $((n_seed_own - n_seed_sys)) transfers and corrections; the rest the probe's) |
| \`gov_ownership\` rows | $n_own_rows: $own_mix; $superseded superseded by a correction; $per_system rows per system; effective $eff_span; seeded events recorded $rec_span |
| all events | $n_events: $event_mix |
| size | database $db_size, \`gov_ownership\` with its indexes $own_size |
| seed | $((seed_ms / 1000)) s ([governance/seed.sql](governance/seed.sql), generate_series, one transaction, relay checkpoint moved past it) |
| read models | built by the service itself: \`POST /admin/projections/register/rebuild\` replayed ${rebuilt_n[register]} events in $(awk -v ms="${rebuilt_ms[register]}" 'BEGIN {printf "%.0f", ms / 1000}') s ($(awk -v ms="${rebuilt_ms[register]}" -v n="${rebuilt_n[register]}" 'BEGIN {printf "%.0f", n * 1000 / ms}') events/s), \`.../directory/rebuild\` ${rebuilt_n[directory]} events in $(awk -v ms="${rebuilt_ms[directory]}" 'BEGIN {printf "%.0f", ms / 1000}') s; in a service start of its own with \`$REBUILD_JAVA_OPTS\` (peak RSS $rebuild_hwm MB; heap after it: $rebuild_gc), stopped, then \`vacuum analyze\`, and the service started again with \`$SERVICE_JAVA_OPTS\` for the measurements |
| payload shape | the seeded events of every type have exactly the payload keys (and screening keys) of the events the running service wrote for the probe: $(awk '{printf "%s%s %s", (NR > 1 ? ", " : ""), $1, $2}' "$OUT/shape.txt") |
| faithfulness | after the measurements, a transfer over HTTP on a seeded system ($check_events events in its stream): $check_transfer; a correction over HTTP of a seeded transfer on another system: $check_correction |

How the seed is built (all in [governance/seed.sql](governance/seed.sql)): registrations effective over the
first 540 days of the three years $START .. $END; per system 9 to 29 further ownership events (19 on average)
at evenly spaced effective dates up to $END, recorded 4 days before to 10 days after them; every 6th is a
correction of the transfer before it, every 12th a cancellation, every 50th system has its registration's
owner corrected; transfers name as \`from\` the holder on their effective date, as SystemDecider computes it.
70 % of the systems are classified (MINIMAL, LIMITED, HIGH with an Annex III area, PROHIBITED), 10 %
reclassified, three of four HIGH-risk systems have (partly incomplete) obligations, every 4th goes to
PRODUCTION, every 25th is retired, every 200th has a serious incident; two thirds of the 5,000 owners and
oversight persons hold an AI-literacy training; three of the five tools are approved (over HTTP).

## Query plans

\`EXPLAIN (ANALYZE, BUFFERS)\` of the statements behind the three reads, as RegisterQueries issues them
([governance/explain.sql](governance/explain.sql), literals for the parameters; ownership for one random
system as of $sample_as_of, known at $sample_known):

\`\`\`
$plan_times
\`\`\`

Full plans: \`benchmark/target/governance-$RUN/explain.txt\`.

## Where the service spends its CPU

JFR (profile settings) after the measurements, not during them:

\`\`\`
$profile_text
\`\`\`

<!-- notes -->
EOF
[[ -n $notes ]] && printf '%s\n' "$notes"
} >"$REPORT"
cp "$REPORT" "$OUT/GOVERNANCE.md"
say "ownership p50 $w_p50 ms p95 $w_p95 ms p99 $w_p99 ms, $w_rps req/s; diff median $d_med ms max $d_max ms; gaps median $g_med ms max $g_max ms"
log "done: $REPORT ($OUT)"
