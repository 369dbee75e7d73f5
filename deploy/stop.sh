#!/usr/bin/env bash
# Stops what deploy/run.sh started: the services, Keycloak, Kafka and PostgreSQL (the
# latter only if run.sh started it). Data stays in deploy/.state/ unless
# --purge is given.
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

usage() {
  cat <<EOF
usage: deploy/stop.sh [--purge] [--help]

Stops the services, Keycloak (run.sh --keycloak), Kafka and (if run.sh started
it) PostgreSQL. Data is kept.
  --purge   afterwards delete deploy/.state/ (Kafka topics, the embedded
            PostgreSQL's data, logs, downloaded jars). Databases in a system
            PostgreSQL are not dropped.
EOF
}

PURGE=false
for arg in "$@"; do
  case $arg in
    --purge) PURGE=true ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument: $arg" ;;
  esac
done

cd "$ROOT"
if [[ ! -d $STATE ]]; then
  log "nothing to stop (no ${STATE#"$ROOT"/})"
  exit 0
fi
if [[ -f $STATE/run.lock/pid ]] && kill -0 "$(<"$STATE/run.lock/pid")" 2>/dev/null; then
  warn "deploy/run.sh (pid $(<"$STATE/run.lock/pid")) is still running; stopping what it started so far"
fi

stopped=0

# ---- services (every pid file, also of services no longer listed in SERVICES)
shopt -s nullglob
for pidfile in "$SERVICES_STATE"/*.pid; do
  name=$(basename "$pidfile" .pid)
  if stop_pid "$pidfile" quarkus-run.jar "$name" 30; then
    stopped=$((stopped + 1))
  fi
done
shopt -u nullglob

# ---- Keycloak, if run.sh --keycloak started it
if [[ -f $KEYCLOAK_STATE/keycloak.pid ]] && "$DEPLOY_DIR/keycloak/keycloak.sh" stop; then
  stopped=$((stopped + 1))
fi

# ---- Kafka (controlled shutdown can take a few seconds)
if stop_pid "$KAFKA_STATE/kafka.pid" kafka.Kafka Kafka 60; then
  stopped=$((stopped + 1))
fi

# ---- PostgreSQL, only if run.sh started it
if [[ -f $PG_STARTED_MARKER ]]; then
  read -r kind ver name <"$PG_STARTED_MARKER" || true
  case $kind in
    embedded)
      if embedded_pg_running; then
        log "stopping the embedded PostgreSQL"
        as_embedded_pg "$PG_STATE/embedded/bin/pg_ctl" -D "$PGDATA_DIR" -m fast -w -t 60 stop >/dev/null \
          || warn "pg_ctl stop failed"
        stopped=$((stopped + 1))
      fi
      ;;
    cluster)
      if pg_ctlcluster --skip-systemctl-redirect "$ver" "$name" status >/dev/null 2>&1; then
        log "stopping the PostgreSQL cluster $ver/$name (run.sh had started it)"
        pg_ctlcluster --skip-systemctl-redirect "$ver" "$name" stop || warn "pg_ctlcluster $ver $name stop failed"
        stopped=$((stopped + 1))
      fi
      ;;
    *) warn "unknown PostgreSQL marker in ${PG_STARTED_MARKER#"$ROOT"/}: $kind" ;;
  esac
  rm -f "$PG_STARTED_MARKER"
else
  log "PostgreSQL: left alone (run.sh did not start it)"
fi

if ((stopped == 0)); then
  log "nothing was running"
fi

if [[ $PURGE == true ]]; then
  had_embedded=false
  [[ -f $PGDATA_DIR/PG_VERSION ]] && had_embedded=true
  log "purging ${STATE#"$ROOT"/}"
  rm -rf "$STATE"
  if [[ $had_embedded == false ]]; then
    log "note: databases in a system PostgreSQL are kept; to drop them too:"
    drops=""
    while read -r db; do
      drops+=" -c 'DROP DATABASE IF EXISTS $db'"
    done < <(all_databases | awk 'NF && !seen[$0]++')
    echo "      sudo -u postgres psql$drops -c 'DROP ROLE IF EXISTS $DB_OWNER'"
  fi
fi
log "done"
