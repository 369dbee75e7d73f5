# shellcheck shell=bash
# The report of benchmark/idea-cost.sh (sourced at its end): $OUT/<slot>/figures -> REPORT_MD.
get() { sed -n "s/^$2=//p" "$OUT/$1/figures" | tail -n 1; }
ratio() { awk -v o="$1" -v n="$2" 'BEGIN {if (o ~ /^-?[0-9.]+$/ && n ~ /^-?[0-9.]+$/ && o != 0) printf "%.2f", n / o; else print "–"}'; }
row() { # LABEL KEY
  local o n
  o=$(get old "$2") n=$(get new "$2")
  printf '| %s | %s | %s | %s |\n' "$1" "${o:-n/a}" "${n:-n/a}" "$(ratio "$o" "$n")"
}
text_row() { printf '| %s | %s | %s | |\n' "$1" "$(get old "$2")" "$(get new "$2")"; }

TITLE=${LABEL:-"$OLD_NAME vs $NEW_NAME"}
{
  cat <<EOF
# The cost of an idea, all the way through: $TITLE

Produced by \`$COMMAND_LINE\` (see [README.md](README.md#the-cost-of-an-idea-idea-costsh)); raw output:
\`${OUT#"$ROOT"/}/\` (git-ignored).

* **$OLD_NAME:** ${BUILD_DESC[old]}
* **$NEW_NAME:** ${BUILD_DESC[new]}
* **Date:** $(date -u '+%Y-%m-%d %H:%M UTC') (harness at git $(git rev-parse --short HEAD)); runs in this order: $OLD_NAME, $NEW_NAME
* **Machine:** $NCPU CPUs ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)), $(awk '/^MemTotal:/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo) RAM;
  $(java -version 2>&1 | head -n 1); PostgreSQL $PG_VERSION; Kafka on $KAFKA_BOOTSTRAP; everything (wrk, the three
  services, PostgreSQL, Kafka) shares these CPUs, and other work on the machine shows as "other": noisy figures,
  compare the two columns of one run
* **JVM flags** ($OLD_NAME): experiments \`$(get old flags_experiments)\`; ($NEW_NAME): experiments \`$(get new flags_experiments)\`
  (revisit and governance get the same flags as experiments of their build)$( ((JFR)) && printf '\n* **JFR was recording** (settings=profile) during load and drain: CPU figures include its overhead')

## Summary

| figure | $OLD_NAME | $NEW_NAME | $NEW_NAME/$OLD_NAME |
| --- | --- | --- | --- |
$(row "front door: ideas/s accepted (wrk -t$THREADS -c$CONNECTIONS, ${DURATION} s, 2xx)" front_door)
$(row "end to end: ideas/s fully processed (ideas / (load + drain))" end_to_end)
$(row "CPU per fully processed idea, all processes, ms" cpu_ms_all)
$(row "… experiments-service JVM, ms" cpu_ms_experiments)
$(row "… revisit-service JVM, ms" cpu_ms_revisit)
$(row "… governance-service JVM, ms" cpu_ms_governance)
$(row "… PostgreSQL (all processes), ms" cpu_ms_postgres)
$(row "… Kafka, ms" cpu_ms_kafka)
$(row "CPU per idea, all processes, net of the idle system's CPU, ms" cpu_ms_net_idle)
$(row "commit → Kafka lag p99 at half the front-door rate, upper bound (from insert), ms" lag_up_p99)
$(row "idle RSS experiments-service (${IDLE_SETTLE} s after ready), MB" rss_experiments)
$(row "idle RSS revisit-service, MB" rss_revisit)
$(row "idle RSS governance-service, MB" rss_governance)
$(row "start to ready experiments-service, ms" ready_ms_experiments)
$(row "start to ready revisit-service, ms" ready_ms_revisit)
$(row "start to ready governance-service, ms" ready_ms_governance)

## Details

| figure | $OLD_NAME | $NEW_NAME | $NEW_NAME/$OLD_NAME |
| --- | --- | --- | --- |
$(row "ideas accepted (2xx) in the load window" ok2xx)
$(row "ideas submitted in the measured run (the denominator)" ideas)
$(row "warm-up: its load, drain and quiet, s" warmup_s)
$(row "non-2xx responses" non2xx)
$(row "socket errors" socket_errors)
$(row "latency p50 under load, ms" p50_ms)
$(row "latency p99, ms" p99_ms)
$(row "load, s" load_s)
$(row "drain after the load until every event was processed, s" drain_s)
$(row "then until the CPU was back to idle, s" quiet_s)
$(text_row "everything processed (1) within DRAIN_TIMEOUT" complete)
$(text_row "at the end: ideas, findings recorded, done, processed experiments/governance/revisit" progress)
$(text_row "relay backlog at the end, experiments/governance/revisit" backlogs)
$(row "idle system's CPU (three services, PostgreSQL, Kafka), % of one core" idle_pct)
$(row "machine busy CPU per idea (everything on the machine), ms" cpu_ms_machine)
$(row "… of it other than the five processes (wrk, psql polls, other work), ms" cpu_ms_other)
$(row "machine busy during the load, % (of $((NCPU * 100)))" busy_load_pct)
$(row "machine busy before the run, nothing of ours running, %" bg_busy_pct)
$(row "open loop: offered rate, ideas/s" open_rate)
$(row "open loop: achieved, ideas/s" open_tput)
$(row "commit → Kafka lag p50, upper bound, ms" lag_up_p50)
$(row "commit → Kafka lag p99, lower bound (from the 201), ms" lag_lo_p99)
$(row "ERROR lines in the experiments-service log" errors_experiments)
$(row "ERROR lines in the revisit-service log" errors_revisit)
$(row "ERROR lines in the governance-service log" errors_governance)

## How each figure is measured

* Each build runs on fresh databases (\`ic_<slot>_experiments|revisit|governance\`, dropped and recreated) and topics
  of its own (\`ic-<slot>-<time>.<stream>\`, consumer groups \`<prefix>-<service>\`); ports $PORTS.
* **Start to ready**: launch of \`java ... -jar quarkus-run.jar\` to the first \`/q/health/ready\` UP (polled every
  50 ms), the services started one after the other (governance, revisit, experiments), each with an empty database
  (Flyway included). **Idle RSS**: VmRSS ${IDLE_SETTLE} s after the last one was ready.
* A probe idea must come back as a recorded finding before the load. Then 10 s of the idle system's CPU, then a
  warm-up: ${WARMUP} s of the same load, waited for until processed and quiet again (not measured).
* **Load**: \`wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s -s benchmark/wrk-post-idea.lua\` on experiments' \`POST /ideas\`
  (unique ideas naming ChatGPT, Microsoft Copilot, Claude or Gemini: none approved in a fresh governance database).
  Front door = 2xx / window.
* **Drain**: every ${POLL} s one query per database; done when, twice in a row with the same counts, governance and
  revisit have processed (es_processed_event) every idea/experiment event, experiments-service every finding and
  case event, and every idea has its finding recorded. End to end = ideas / (load + drain). Then the clock runs
  on until a ${QUIET_WINDOW} s window where the five processes use at most ${QUIET_MARGIN} points of one core more than idle.
* **CPU per idea**: utime+stime (/proc/<pid>/stat) from the start of the load to that quiet point, of each service
  JVM, PostgreSQL (postmaster + reaped children + every live child) and Kafka, divided by the accepted ideas.
  "Net of idle" subtracts the idle share measured before the load for the same duration.
* **Lag**: after the drain, the load generator's open loop at half the front-door rate on experiments (${OPEN_WARMUP} s
  warm-up, ${OPEN_DURATION} s), its LagConsumer on \`<prefix>.idea\`: receive time − \`ce_recordedtime\` (upper bound)
  and − the 201 (lower bound).
EOF
} >"$REPORT_MD"
log "report written to ${REPORT_MD#"$ROOT"/}"
cat "$REPORT_MD"
