#!/bin/sh
# Validates docs/asyncapi.yaml (or the file given) with @asyncapi/parser, the parser every AsyncAPI
# tool builds on; exit status 1 when it reports an error. Run by event-contracts' AsyncApiParserTest
# (so by ./mvnw verify). Needs node and npm: when they are missing, it installs Debian's nodejs and
# npm if it runs as root with apt-get, and otherwise fails saying how to install them.
set -eu
dir=$(cd "$(dirname "$0")" && pwd)
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "validate.sh: node/npm missing, installing Debian's nodejs and npm" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -q >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q nodejs npm >&2
  else
    echo "validate.sh: node and npm are needed to validate docs/asyncapi.yaml." >&2
    echo "  Install them (Debian/Ubuntu: sudo apt-get install -y nodejs npm; otherwise Node.js 18+ from nodejs.org)" >&2
    echo "  and run ./mvnw verify again." >&2
    exit 2
  fi
fi
if [ ! -f "$dir/node_modules/.package-lock.json" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
  # one retry: a registry hiccup should not fail a build
  (cd "$dir" && { npm ci --no-audit --no-fund --ignore-scripts || { sleep 5; npm ci --no-audit --no-fund --ignore-scripts; }; }) >&2
fi
exec node "$dir/validate.mjs" "$@"
