#!/usr/bin/env bash
# What tracing costs per idea, the whole system (three services, relays, consumers): one build benchmarked
# by idea-cost.sh in two configurations, one after the other in one session (same machine, PostgreSQL,
# Kafka and load):
#   "traces off": the laptop default, no OTLP endpoint: spans keep their ids (X-Trace-Id, traceparent on
#                 every event and record) but none is sampled, recorded or exported;
#   "traces on":  every service exports with OTLP/HTTP to benchmark/tracing/otlp-sink.py on loopback, so
#                 every trace is sampled (eventsourcing.tracing.sampling-ratio=1.0, the default once an
#                 endpoint is set); the sink answers 200 and decodes nothing: the cost is the services'.
# Writes benchmark/TRACING.md (REPORT_MD) with the sink's request and byte counts appended.
#
#   BENCH_LOCK=/work/bench.lock benchmark/tracing-cost.sh [git-ref-or-built-checkout, default HEAD]
#
# Every idea-cost.sh knob applies (WARMUP, DURATION, LAG, JFR ...); see benchmark/README.md.
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
cd "$ROOT"
BUILD=${1:-HEAD}
SINK_PORT=${SINK_PORT:-14318}
STATS=$(mktemp)
if (exec 3<>"/dev/tcp/127.0.0.1/$SINK_PORT") 2>/dev/null; then
  echo "port $SINK_PORT is taken; set SINK_PORT" >&2
  exit 1
fi
python3 "$BENCH_DIR/tracing/otlp-sink.py" "$SINK_PORT" "$STATS" &
SINK_PID=$!
trap 'kill "$SINK_PID" 2>/dev/null || true' EXIT
export REPORT_MD=${REPORT_MD:-$BENCH_DIR/TRACING.md}
export LABEL=${LABEL:-"Tracing: off (laptop default, nothing sampled) vs on (every trace sampled and exported with OTLP/HTTP)"}
export OLD_NAME=${OLD_NAME:-"traces off"} NEW_NAME=${NEW_NAME:-"traces on"}
export NEW_JAVA_OPTS="-Dquarkus.otel.exporter.otlp.traces.endpoint=http://127.0.0.1:$SINK_PORT -Dquarkus.otel.exporter.otlp.traces.protocol=http/protobuf${NEW_JAVA_OPTS:+ $NEW_JAVA_OPTS}"
"$BENCH_DIR/idea-cost.sh" "$BUILD" "$BUILD"
kill "$SINK_PID"
wait "$SINK_PID" 2>/dev/null || true
trap - EXIT
{
  echo
  echo "## What the \"traces on\" run exported"
  echo
  echo "benchmark/tracing/otlp-sink.py received, over the whole \"traces on\" run (probe, warm-up, load, drain, lag):"
  echo
  sed 's/^/    /' "$STATS"
} >>"$REPORT_MD"
rm -f "$STATS"
echo "written: ${REPORT_MD#"$ROOT"/}"
