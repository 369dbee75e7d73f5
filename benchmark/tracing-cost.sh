#!/usr/bin/env bash
# What tracing costs per request: one build of experiments-service, benchmarked by compare.sh in two
# configurations one after the other in one session (same machine, PostgreSQL, Kafka and load):
#   "traces off": the laptop default, no OTLP endpoint: spans keep their ids (X-Trace-Id, traceparent on
#                 every event and record) but none is sampled, recorded or exported;
#   "traces on":  every trace sampled (eventsourcing.tracing.sampling-ratio=1.0, the default once an
#                 endpoint is set) and exported with OTLP/HTTP to benchmark/tracing/otlp-sink.py on loopback
#                 (answers 200, decodes nothing: the cost measured is the services', not a collector's).
# Writes benchmark/TRACING.md (COMPARE_MD) with the sink's request and byte counts appended.
#
#   flock /work/bench.lock benchmark/tracing-cost.sh [git-ref-or-dir, default HEAD]
#
# Every compare.sh knob applies (REPEAT, DURATION, WAIT_FOR_QUIET ...); see benchmark/README.md.
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
export COMPARE_MD=${COMPARE_MD:-$BENCH_DIR/TRACING.md}
export LABEL=${LABEL:-"Tracing: off (laptop default) vs on (all sampled, OTLP/HTTP export)"}
export OLD_NAME=${OLD_NAME:-"traces off"} NEW_NAME=${NEW_NAME:-"traces on"}
export NEW_JAVA_OPTS="-Dquarkus.otel.exporter.otlp.traces.endpoint=http://127.0.0.1:$SINK_PORT -Dquarkus.otel.exporter.otlp.traces.protocol=http/protobuf${NEW_JAVA_OPTS:+ $NEW_JAVA_OPTS}"
"$BENCH_DIR/compare.sh" "$BUILD" "$BUILD"
kill "$SINK_PID"
wait "$SINK_PID" 2>/dev/null || true
trap - EXIT
{
  echo
  echo "## What the \"traces on\" runs exported"
  echo
  echo "benchmark/tracing/otlp-sink.py received, over every \"traces on\" run (warm-up, closed and open loop):"
  echo
  sed 's/^/    /' "$STATS"
} >>"$COMPARE_MD"
rm -f "$STATS"
echo "written: ${COMPARE_MD#"$ROOT"/}"
