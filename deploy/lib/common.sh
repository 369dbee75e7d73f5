# shellcheck shell=bash
# shellcheck disable=SC2034 # the variables are used by the scripts sourcing this file
# Shared by deploy/run.sh and deploy/stop.sh (sourced, not executed).
# Defines the repository layout, the state directory and small process helpers.

DEPLOY_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ROOT=$(cd "$DEPLOY_DIR/.." && pwd)
STATE=$DEPLOY_DIR/.state

# ---------------------------------------------------------------- the system
# One line per service: "<module directory> <HTTP port> <database>".
# Each service gets its own database (created by run.sh); a service whose
# module directory does not exist yet is skipped.
SERVICES=(
  "experiments-service 8081 experiments"
  "revisit-service 8082 revisit"
  "governance-service 8083 governance"
  "dashboard-service 8084 dashboard"
)
# Databases to create besides the ones named in SERVICES.
EXTRA_DATABASES=()

DB_OWNER=adoption
DB_PASSWORD=adoption
PG_PORT=${PG_PORT:-5432}
KAFKA_PORT=${KAFKA_PORT:-9092}
KAFKA_CONTROLLER_PORT=${KAFKA_CONTROLLER_PORT:-9093}
JWT_ISSUER=ai-adoption-dev
DEV_PUBLIC_KEY=$DEPLOY_DIR/dev-keys/dev-public-key.pem
# deploy/run.sh --keycloak: a development Keycloak (deploy/keycloak/keycloak.sh reads these)
export KEYCLOAK_PORT=${KEYCLOAK_PORT:-8180}
export KEYCLOAK_STATE=$STATE/keycloak

# ------------------------------------------------------------ state layout
PG_STATE=$STATE/postgres          # mode markers, logs, embedded binaries, jars
PGDATA_DIR=$STATE/pgdata          # data of the embedded PostgreSQL (last resort)
PG_STARTED_MARKER=$PG_STATE/started-by-run
KAFKA_STATE=$STATE/kafka          # libs/, logs/, kafka.pid, cluster-id
KAFKA_DATA=$STATE/kafka-data      # must match log.dirs in deploy/kafka/server.properties
SERVICES_STATE=$STATE/services    # <service>.pid and <service>.log

# ------------------------------------------------------------------ output
if [[ -t 1 ]]; then
  _b=$'\e[1m' _g=$'\e[32m' _y=$'\e[33m' _r=$'\e[31m' _n=$'\e[0m'
else
  _b='' _g='' _y='' _r='' _n=''
fi
log()  { printf '%s==>%s %s\n' "$_b$_g" "$_n" "$*"; }
warn() { printf '%swarning:%s %s\n' "$_b$_y" "$_n" "$*" >&2; }
die()  { printf '%serror:%s %s\n' "$_b$_r" "$_n" "$*" >&2; exit 1; }

is_root() { [[ $(id -u) -eq 0 ]]; }

java_cmd() {
  if [[ -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/java ]]; then
    printf '%s\n' "$JAVA_HOME/bin/java"
  elif command -v java >/dev/null 2>&1; then
    command -v java
  else
    return 1
  fi
}

# port_open HOST PORT: something accepts TCP connections there.
port_open() {
  # shellcheck disable=SC2016 # expanded by the inner bash
  timeout 3 bash -c 'exec 3<>"/dev/tcp/$1/$2"' _ "$1" "$2" 2>/dev/null
}

# pid_alive PIDFILE MARKER: the pid in PIDFILE is running and its command line
# contains MARKER (guards against a recycled pid).
pid_alive() {
  local pidfile=$1 marker=$2 pid
  [[ -f $pidfile ]] || return 1
  pid=$(<"$pidfile")
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  [[ -r /proc/$pid/cmdline ]] || return 0
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$marker"
}

# stop_pid PIDFILE MARKER NAME TIMEOUT_SECONDS: SIGTERM, wait, then SIGKILL.
stop_pid() {
  local pidfile=$1 marker=$2 name=$3 timeout=$4 pid i
  if ! pid_alive "$pidfile" "$marker"; then
    [[ -f $pidfile ]] && rm -f "$pidfile"
    return 1
  fi
  pid=$(<"$pidfile")
  log "stopping $name (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < timeout * 2; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    warn "$name did not stop within ${timeout}s, killing it"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 1
  fi
  rm -f "$pidfile"
}

# Every database run.sh creates: one per service plus EXTRA_DATABASES.
all_databases() {
  local line db
  for line in "${SERVICES[@]}"; do
    read -r _ _ db <<<"$line"
    printf '%s\n' "$db"
  done
  for db in "${EXTRA_DATABASES[@]}"; do
    printf '%s\n' "$db"
  done
}

# The unprivileged OS user that owns and runs the embedded PostgreSQL.
EMBEDDED_PG_USER_FILE=$PG_STATE/embedded-user

# as_embedded_pg CMD...: run CMD as the embedded PostgreSQL's OS user.
as_embedded_pg() {
  local user
  user=$(cat "$EMBEDDED_PG_USER_FILE" 2>/dev/null || id -un)
  if is_root && [[ $user != root ]]; then
    runuser -u "$user" -- "$@"
  else
    "$@"
  fi
}

embedded_pg_running() {
  local pid
  [[ -f $PGDATA_DIR/postmaster.pid ]] || return 1
  pid=$(head -n 1 "$PGDATA_DIR/postmaster.pid")
  [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null
}
