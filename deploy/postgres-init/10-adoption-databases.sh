#!/usr/bin/env bash
# docker-compose: the postgres image runs this once, when its data volume is
# empty (everything in /docker-entrypoint-initdb.d). Creates the role and the
# databases listed in APP_DATABASES (space or comma separated).
set -euo pipefail

dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
dbs=${APP_DATABASES:-experiments}
dbs=${dbs// /,}

psql -X -q -v ON_ERROR_STOP=1 \
  --username "${POSTGRES_USER:-postgres}" --dbname postgres \
  -v owner="${APP_DB_USER:-adoption}" \
  -v password="${APP_DB_PASSWORD:-adoption}" \
  -v dbs="$dbs" \
  -f "$dir/adoption-databases.psql"

echo "10-adoption-databases.sh: role ${APP_DB_USER:-adoption}, databases: $dbs"
