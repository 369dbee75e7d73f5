#!/usr/bin/env bash
# Runs a development Keycloak with the ai-adoption realm, without Docker: the Keycloak
# distribution from Maven Central (org.keycloak:keycloak-quarkus-dist, zip), unpacked under a
# state directory and started with `kc.sh start-dev --import-realm` on this JDK.
# Used by deploy/run.sh --keycloak, deploy/stop.sh and the e2e test KeycloakJourneyTest,
# so that all three start Keycloak the same way. See deploy/keycloak/README.md.
set -euo pipefail

KC_VERSION=26.7.3
KC_ARTIFACT=org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip
REALM=ai-adoption
SERVICES_CLIENT=ai-adoption-services
SERVICES_CLIENT_SECRET=ai-adoption-dev-secret

KC_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$KC_DIR/../.." && pwd)
KEYCLOAK_PORT=${KEYCLOAK_PORT:-8180}
KEYCLOAK_STATE=${KEYCLOAK_STATE:-$ROOT/deploy/.state/keycloak}
KEYCLOAK_READY_TIMEOUT=${KEYCLOAK_READY_TIMEOUT:-300}
KEYCLOAK_HEAP=${KEYCLOAK_HEAP:-"-Xms64m -Xmx512m"}
# the state directory as an absolute path (the pid file is compared with Keycloak's command line)
set_state() {
  [[ -d $KEYCLOAK_STATE ]] && KEYCLOAK_STATE=$(cd "$KEYCLOAK_STATE" && pwd)
  KC_HOME=$KEYCLOAK_STATE/keycloak-$KC_VERSION
  PIDFILE=$KEYCLOAK_STATE/keycloak.pid
  LOGFILE=$KEYCLOAK_STATE/keycloak.log
}
set_state

usage() {
  cat <<EOF
usage: deploy/keycloak/keycloak.sh start | stop | status | issuer | token <user> [client [secret]]

  start    resolves $KC_ARTIFACT (from ~/.m2, else through ./mvnw from Maven
           Central), unpacks it under \$KEYCLOAK_STATE, imports the realm files of
           deploy/keycloak/ and starts Keycloak in dev mode on localhost:\$KEYCLOAK_PORT;
           waits until realm '$REALM' answers. Safe to run again.
  stop     stops the Keycloak that start started (exit 1 when none runs)
  status   exit 0 when it runs and the realm answers
  issuer   prints the issuer the services must be configured with
  token    prints an access token of a demo user (direct grant through the
           '$SERVICES_CLIENT' client), e.g. token alice

Environment:
  KEYCLOAK_PORT=8180                 HTTP port (the issuer is http://localhost:<port>/realms/$REALM)
  KEYCLOAK_STATE=deploy/.state/keycloak   where the distribution, its data and the log live
  KEYCLOAK_DIST_ZIP                  use this keycloak-quarkus-dist-$KC_VERSION.zip instead of resolving it
  KEYCLOAK_JAVA_HOME                 JDK to run Keycloak on (default: JAVA_HOME, else java on the PATH)
  KEYCLOAK_READY_TIMEOUT=300         seconds to wait for the realm
  KEYCLOAK_HEAP="-Xms64m -Xmx512m"
EOF
}

log()  { printf '==> keycloak: %s\n' "$*" >&2; }
die()  { printf 'error: keycloak: %s\n' "$*" >&2; exit 1; }

java_home() {
  local home=${KEYCLOAK_JAVA_HOME:-${JAVA_HOME:-}}
  if [[ -z $home ]]; then
    local java
    java=$(command -v java) || die "no java found: install a JDK 17 or newer, or set KEYCLOAK_JAVA_HOME"
    home=$(dirname "$(dirname "$(readlink -f "$java")")")
  fi
  [[ -x $home/bin/java ]] || die "$home/bin/java does not exist (KEYCLOAK_JAVA_HOME / JAVA_HOME)"
  local major
  major=$("$home/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')
  [[ ${major%%.*} -ge 17 ]] 2>/dev/null || die "Keycloak $KC_VERSION needs a JDK 17 or newer; $home has $major"
  printf '%s\n' "$home"
}

issuer() { printf 'http://localhost:%s/realms/%s\n' "$KEYCLOAK_PORT" "$REALM"; }

# http_code URL: the HTTP status of a GET (000 when nothing answers).
http_code() {
  if command -v curl >/dev/null 2>&1; then
    curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$1" 2>/dev/null || printf '000'
  else
    local rest=${1#http://} hostport path answer
    hostport=${rest%%/*} path=/${rest#*/}
    # shellcheck disable=SC2016 # expanded by the inner bash
    answer=$(timeout 5 bash -c 'exec 3<>"/dev/tcp/${1%:*}/${1#*:}"
      printf "GET %s HTTP/1.0\r\nHost: %s\r\n\r\n" "$2" "$1" >&3; head -n 1 <&3' _ "$hostport" "$path" 2>/dev/null) \
      || { printf '000'; return; }
    answer=${answer#HTTP/1.? }
    printf '%s' "${answer:0:3}"
  fi
}

# shellcheck disable=SC2016 # expanded by the inner bash
port_open() { timeout 3 bash -c 'exec 3<>"/dev/tcp/localhost/$1"' _ "$1" 2>/dev/null; }

realm_ready() { [[ $(http_code "$(issuer)/.well-known/openid-configuration") == 200 ]]; }

# running: the pid in PIDFILE is alive and is this state directory's Keycloak.
running() {
  local pid
  [[ -f $PIDFILE ]] || return 1
  pid=$(<"$PIDFILE")
  [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
  [[ -r /proc/$pid/cmdline ]] || return 0
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$KC_HOME/bin"
}

# The distribution zip: KEYCLOAK_DIST_ZIP, the local Maven repository, or Maven Central via ./mvnw.
dist_zip() {
  if [[ -n ${KEYCLOAK_DIST_ZIP:-} ]]; then
    [[ -f $KEYCLOAK_DIST_ZIP ]] || die "KEYCLOAK_DIST_ZIP=$KEYCLOAK_DIST_ZIP does not exist"
    printf '%s\n' "$KEYCLOAK_DIST_ZIP"
    return
  fi
  local m2=${MAVEN_REPO_LOCAL:-$HOME/.m2/repository}
  local zip=$m2/org/keycloak/keycloak-quarkus-dist/$KC_VERSION/keycloak-quarkus-dist-$KC_VERSION.zip
  if [[ ! -f $zip ]]; then
    zip=$KEYCLOAK_STATE/download/keycloak-quarkus-dist-$KC_VERSION.zip
    if [[ ! -f $zip ]]; then
      log "fetching $KC_ARTIFACT from Maven Central (about 170 MB, once)"
      mkdir -p "$KEYCLOAK_STATE/download"
      (cd "$ROOT" && ./mvnw -q -N dependency:copy -Dartifact="$KC_ARTIFACT" \
        -DoutputDirectory="$KEYCLOAK_STATE/download" -Dmdep.overWriteIfNewer=true >&2) \
        || die "could not resolve $KC_ARTIFACT. Get it with
         ./mvnw -N dependency:get -Dartifact=$KC_ARTIFACT -Dtransitive=false
       (needs Maven Central), or download keycloak-quarkus-dist-$KC_VERSION.zip and set KEYCLOAK_DIST_ZIP=/path/to/it"
      [[ -f $zip ]] || die "./mvnw dependency:copy produced no $zip"
    fi
  fi
  printf '%s\n' "$zip"
}

unpack() {
  [[ -f $KC_HOME/version.txt && -f $KC_HOME/lib/quarkus-run.jar ]] && return 0
  local zip tmp
  zip=$(dist_zip)
  log "unpacking $(basename "$zip") into ${KC_HOME#"$ROOT"/}"
  tmp=$KEYCLOAK_STATE/.unpack
  rm -rf "$tmp" "$KC_HOME"
  mkdir -p "$tmp"
  if command -v unzip >/dev/null 2>&1; then
    unzip -q "$zip" -d "$tmp" || die "could not unpack $zip"
  else
    (cd "$tmp" && "$(java_home)/bin/jar" xf "$zip") || die "could not unpack $zip (no unzip; jar xf failed)"
  fi
  [[ -d $tmp/keycloak-$KC_VERSION ]] || die "$zip has no keycloak-$KC_VERSION/ folder"
  mv "$tmp/keycloak-$KC_VERSION" "$KC_HOME"
  rm -rf "$tmp"
  chmod +x "$KC_HOME"/bin/*.sh
}

# The realm files go to data/import. Keycloak imports a realm only when it does not exist yet,
# so when they changed since Keycloak's dev database was created, that database (dev data only:
# the demo users, sessions) is deleted and the realm imported afresh.
import_realms() {
  local stamp
  stamp=$(cat "$KC_DIR"/*-realm.json | sha256sum | cut -d' ' -f1)
  if [[ -d $KC_HOME/data/h2 && $(cat "$KEYCLOAK_STATE/realm.stamp" 2>/dev/null) != "$stamp" ]]; then
    log "the realm files changed: deleting Keycloak's dev database to import them again"
    rm -rf "$KC_HOME/data/h2"
  fi
  rm -rf "$KC_HOME/data/import"
  mkdir -p "$KC_HOME/data/import"
  cp "$KC_DIR"/*-realm.json "$KC_HOME/data/import/"
  printf '%s\n' "$stamp" >"$KEYCLOAK_STATE/realm.stamp"
}

start() {
  mkdir -p "$KEYCLOAK_STATE"
  set_state
  if running && [[ $(cat "$KEYCLOAK_STATE/keycloak.port" 2>/dev/null) != "$KEYCLOAK_PORT" ]]; then
    log "a Keycloak of ${KEYCLOAK_STATE#"$ROOT"/} runs on another port: stopping it"
    stop || true
  fi
  local t0=$SECONDS
  if running; then
    log "already running (pid $(<"$PIDFILE")), $(issuer)"
  else
    if port_open "$KEYCLOAK_PORT"; then
      die "localhost:$KEYCLOAK_PORT is taken by another process; choose another port: KEYCLOAK_PORT=18180"
    fi
    local home
    home=$(java_home)
    unpack
    import_realms
    log "starting Keycloak $KC_VERSION (start-dev, realm $REALM) on http://localhost:$KEYCLOAK_PORT (log: ${LOGFILE#"$ROOT"/})"
    # A new session (setsid) so that it outlives the caller; kc.sh keeps its pid when it re-executes
    # Java after the first start's build step, so the pid file stays right.
    setsid nohup env JAVA_HOME="$home" JAVA_OPTS_KC_HEAP="$KEYCLOAK_HEAP" \
      "$KC_HOME/bin/kc.sh" start-dev \
      --http-port="$KEYCLOAK_PORT" \
      --hostname="http://localhost:$KEYCLOAK_PORT" \
      --import-realm \
      >>"$LOGFILE" 2>&1 </dev/null &
    printf '%s\n' "$!" >"$PIDFILE"
    printf '%s\n' "$KEYCLOAK_PORT" >"$KEYCLOAK_STATE/keycloak.port"
    log "the first start builds the server and creates its database: a few minutes on a busy machine"
  fi
  local i
  for ((i = 0; i < KEYCLOAK_READY_TIMEOUT; i++)); do
    realm_ready && break
    if ! running; then
      tail -n 40 "$LOGFILE" >&2 || true
      rm -f "$PIDFILE"
      die "Keycloak exited before realm $REALM was ready (log: $LOGFILE)"
    fi
    sleep 1
  done
  if ! realm_ready; then
    tail -n 40 "$LOGFILE" >&2 || true
    die "realm $REALM not ready after ${KEYCLOAK_READY_TIMEOUT}s (still running; keycloak.sh stop stops it; log: $LOGFILE)"
  fi
  log "ready in $((SECONDS - t0))s: $(issuer)"
}

stop() {
  local pid i
  if ! running; then
    rm -f "$PIDFILE"
    return 1
  fi
  pid=$(<"$PIDFILE")
  log "stopping Keycloak (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 60; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "did not stop within 30s, killing it"
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$PIDFILE" "$KEYCLOAK_STATE/keycloak.port"
}

token() {
  local user=${1:-} client=${2:-$SERVICES_CLIENT} secret=${3:-} reply
  [[ -n $user ]] || die "usage: keycloak.sh token <user> [client [secret]]"
  [[ $client == "$SERVICES_CLIENT" && -z $secret ]] && secret=$SERVICES_CLIENT_SECRET
  command -v curl >/dev/null 2>&1 || die "token needs curl"
  reply=$(curl -s --max-time 10 "$(issuer)/protocol/openid-connect/token" \
    -d grant_type=password -d "client_id=$client" -d "client_secret=$secret" \
    -d "username=$user" -d "password=${KEYCLOAK_PASSWORD:-dev-only}") \
    || die "no answer from $(issuer) (keycloak.sh start)"
  [[ $reply =~ \"access_token\":\"([^\"]+)\" ]] || die "no token for $user: $reply"
  printf '%s\n' "${BASH_REMATCH[1]}"
}

case ${1:-} in
  start) start ;;
  stop) stop || { log "not running"; exit 1; } ;;
  status) running && realm_ready ;;
  issuer) issuer ;;
  token) shift; token "$@" ;;
  -h | --help) usage ;;
  *) usage >&2; exit 2 ;;
esac
