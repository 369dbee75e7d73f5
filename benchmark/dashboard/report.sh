# shellcheck shell=bash
# The report of benchmark/dashboard.sh (sourced at its end): REPORT_MD from OUT/figures, the probes' JSON
# and the fan-out samples. Expects OUT, REPORT_MD, COMMAND_LINE, BUILD, RATE, the knobs and val() to be set.

verdict() { # VALUE OP LIMIT -> met / missed
  awk -v v="$1" -v l="$3" -v op="$2" 'BEGIN {
    if (v == "" || v == "null" || v == "n/a") { print "not measured"; exit }
    ok = (op == "<=") ? (v + 0 <= l + 0) : (v + 0 >= l + 0); print (ok ? "**met**" : "**missed**") }'
}
lat() { jq -r "$1 // \"n/a\"" "$OUT/latency/latency.json"; }
fan() { jq -r "$1 // \"n/a\"" "$OUT/fanout/clients.json"; }
{
  echo "# dashboard-service: performance figures (issue 14 §6)"
  echo
  echo "Run $(date -u +%Y-%m-%dT%H:%M:%SZ) on $(hostname): $NCPU CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')),"
  echo "$(awk '/MemTotal/ {printf "%.1f GB", $2 / 1048576}' /proc/meminfo) RAM, $(java -version 2>&1 | head -n 1)."
  echo "Build: \`$BUILD\` (git $(git -C "$BUILD" rev-parse --short HEAD 2>/dev/null || echo '?'))."
  echo "Command: \`$COMMAND_LINE\`. Raw output: \`${OUT#"$ROOT"/}/\`."
  echo "The machine was $(val bg_busy_pct) % busy (of $NCPU × 100 %) just before the services started, and"
  echo "$(val busy_idle_pct) % during the idle minute with the four services doing nothing: other work shares these cores."
  echo
  echo "| figure | measured | target | |"
  echo "| --- | --- | --- | --- |"
  echo "| dashboard-service idle RSS (${IDLE_QUIET} s after ready) | $(val rss_idle_dashboard) MB | ≤ 200 MB | $(verdict "$(val rss_idle_dashboard)" '<=' 200) |"
  echo "| commit → stream p99, from the item's occurredAt, at $RATE ideas/s | $(lat .from_occurred_ms.p99) ms | ≤ 250 ms | $(verdict "$(lat .from_occurred_ms.p99)" '<=' 250) |"
  echo "| $FAN_CLIENTS stream clients: clients that received every item | $(fan .summary.complete) of $(fan .summary.clients) | all | $( [[ $(fan .summary.complete) == "$(fan .summary.clients)" ]] && echo '**met**' || echo '**missed**') |"
  echo
  echo "## 1. Idle"
  echo
  echo "| service | start → ready | RSS at ready | RSS after ${IDLE_QUIET} s idle |"
  echo "| --- | --- | --- | --- |"
  for s in "${SERVICES[@]}"; do
    r=""; [[ $s == dashboard ]] && r="$(val rss_ready_dashboard) MB"
    echo "| $s-service | $(val "ready_ms_$s") ms | $r | $(val "rss_idle_$s") MB |"
  done
  echo
  echo "dashboard-service CPU while idle: $(val cpu_idle_dashboard_pct) % of one core. JVM flags (deploy/service-jvm.options): \`$(val flags_dashboard)\`."
  echo "Its idle RSS, as the JVM tells it (jcmd): heap committed $(val idle_heap_committed_mb) MB, metaspace committed"
  echo "$(val idle_metaspace_committed_mb) MB, code cache used $(val idle_codecache_used_mb) MB, $(val idle_threads_dashboard) threads; the rest is other native memory"
  echo "(thread stacks, class data sharing archive, GC, malloc arenas, direct buffers)."
  echo
  echo "## 2. Write saturation"
  echo
  echo "\`wrk -t2 -c64 -d${SAT_DURATION}s\` on \`POST /ideas\` (benchmark/wrk-post-idea.lua), unthrottled, after a ${SAT_WARMUP} s unthrottled warm-up: **$(val sat_rate) ideas/s** (2xx),"
  echo "$(val sat_bad) errors, p99 $(val sat_p99_ms) ms. The dashboard then needed $(val sat_catch_up_s) s to fold the backlog (feed id $(val sat_settled_id))."
  echo "Paced writes below: **$RATE ideas/s** (half of it unless RATE was given), wrk -t2 -c$PACED_CONNECTIONS with benchmark/dashboard/wrk-paced-idea.lua."
  echo
  echo "## 3. Commit → browser (one stream client)"
  echo
  echo "Warm-up $LAT_WARMUP s ($(val wrk_W_rate) ideas/s achieved), measured $LAT_DURATION s: $(val wrk_L_ok) ideas at $(val wrk_L_rate) ideas/s,"
  echo "$(val wrk_L_bad) errors, POST p99 $(val wrk_L_p99_ms) ms. Items of the measured run on the stream: $(lat .items);"
  echo "201 responses logged: $(lat .posted), matched to their item: $(lat .matched)."
  echo
  echo "| clock points | n | p50 | p90 | p99 | max |"
  echo "| --- | --- | --- | --- | --- | --- |"
  for k in from_occurred_ms from_response_ms; do
    case $k in
      from_occurred_ms) label="item's \`occurredAt\` (experiments-service, command time) → frame read by the client" ;;
      from_response_ms) label="201 response read by wrk → frame read by the client" ;;
    esac
    echo "| $label | $(lat ".$k.n") | $(lat ".$k.p50") ms | $(lat ".$k.p90") ms | $(lat ".$k.p99") ms | $(lat ".$k.max") ms |"
  done
  echo
  echo "## 4. $FAN_CLIENTS stream clients on one instance"
  echo
  echo "Clients connected: $(fan .summary.connected) of $(fan .summary.clients); each resumed from feed id $(fan .summary.after) and had to"
  echo "receive $(fan .summary.expected_per_client) items (up to id $(fan .summary.target)). Complete (every id, no gap, no duplicate):"
  echo "**$(fan .summary.complete)**; with gaps $(fan .summary.with_gaps), with duplicates $(fan .summary.with_duplicates), reset $(fan .summary.with_resets);"
  echo "received per client min $(fan .summary.received_min) / max $(fan .summary.received_max); errors: $(jq -c .summary.errors "$OUT/fanout/clients.json");"
  echo "clients cut off (dashboard_stream_cut_off_total): $(val cut_off_total)."
  echo "Paced writes $FAN_DURATION s: $(val wrk_F_ok) ideas at $(val wrk_F_rate) ideas/s, $(val wrk_F_bad) errors."
  echo
  echo "dashboard-service during the writes: CPU **$(val fan_cpu_dashboard_pct) %** of one core; RSS before the clients $(val fan_rss_before) MB,"
  echo "with them connected $(val fan_rss_connected) MB, at the end of the writes $(val fan_rss_end_load) MB, after the drain $(val fan_rss_after) MB."
  echo "The probe (one Python process for all clients) used $(val fan_cpu_probe_pct) % of one core; the machine was $(val fan_busy_pct) % busy (of $NCPU × 100 %)."
  echo
  echo "Every $SAMPLE s (t from the start of the writes; CPU over the preceding interval):"
  echo
  echo "| t (s) | RSS (MB) | dashboard CPU (% of one core) | machine busy (% of $NCPU × 100) |"
  echo "| --- | --- | --- | --- |"
  awk -v t0="$(val fan_load_start_ms)" -v hz="$HZ" -v nc="$NCPU" '
    NR > 1 && $1 > pm { printf "| %.0f | %s | %.0f | %.0f |\n", ($1 - t0) / 1000, $3, ($2 - pc) / hz / (($1 - pm) / 1000) * 100,
      ($5 > pt) ? ($4 - pb) / ($5 - pt) * nc * 100 : 0 }
    { pm = $1; pc = $2; pb = $4; pt = $5 }' "$OUT/samples.txt"
  echo
  echo "ERROR lines in the service logs: $(for s in "${SERVICES[@]}"; do printf '%s %s; ' "$s" "$(val "errors_$s")"; done)"
} >"$REPORT_MD"
