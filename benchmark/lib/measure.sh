# shellcheck shell=bash
# Measuring helpers for benchmark/idea-cost.sh (sourced, not executed): CPU ticks from /proc, the
# PostgreSQL and Kafka processes, the machine's busy share, health polling and scratch databases.
# Expects PG_PORT, KAFKA_BOOTSTRAP, DB_USER and OUT to be set, and log/die to be defined.

HZ=$(getconf CLK_TCK)
NCPU=$(nproc)

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

# ------------------------------------------------------------------ CPU ticks
ticks_of() { # utime+stime (clock ticks) of the given pids, all their threads
  local sum=0 p line f
  for p in "$@"; do
    [[ -n $p ]] || continue
    read -r line 2>/dev/null <"/proc/$p/stat" || continue
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
  read -r line 2>/dev/null <"/proc/$pm/stat" || { echo 0; return; }
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
busy_now() { # machine busy over 3 s, % (of NCPU * 100)
  local a b
  a=$(machine_ticks)
  sleep 3
  b=$(machine_ticks)
  awk -v a="$a" -v b="$b" -v nc="$NCPU" 'BEGIN {split(a, x, " "); split(b, y, " ");
    printf "%.0f", (y[2] > x[2]) ? (y[1] - x[1]) / (y[2] - x[2]) * nc * 100 : 0}'
}

health_status() { # URL -> prints "<http code> <UP|->"
  local code body
  body=$(curl -s --max-time 1 -w '\n%{http_code}' "$1" 2>/dev/null) || { echo "000 -"; return; }
  code=${body##*$'\n'}
  body=${body%$'\n'*}
  if [[ $body =~ \"status\"[[:space:]]*:[[:space:]]*\"UP\" ]]; then echo "$code UP"; else echo "$code -"; fi
}
rss_mb() { awk '/^VmRSS:/ {printf "%.1f", $2 / 1024}' "/proc/$1/status" 2>/dev/null || echo n/a; }
