#!/usr/bin/env bash
# CPU time of one bearer-token check, uncached (smallrye-jwt) and cached (event-sourcing's CachingJwtParser),
# measured as the benchmark thread's own CPU time, so other load on the machine does not distort it.
#
#   benchmark/jwt-cost.sh [built-checkout-dir] [N]      (default: this checkout, N=2000)
#
# Needs experiments-service built in that checkout (./mvnw -q -DskipTests package -pl experiments-service -am).
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
BUILD=$(cd "${1:-$ROOT}" && pwd)
N=${2:-2000}
LIB=$BUILD/experiments-service/target/quarkus-app/lib/main
[[ -d $LIB ]] || { echo "jwt-cost.sh: $LIB is missing: build experiments-service first" >&2; exit 1; }
TOKEN=$(mktemp)
trap 'rm -f "$TOKEN"' EXIT
"$ROOT/deploy/token.sh" employee finance bench-user >"$TOKEN"
java -XX:+UseSerialGC -cp "$LIB/*:${LIB%/main}/boot/*" "$BENCH_DIR/jwt-cost/JwtCost.java" "$ROOT/deploy/dev-keys/dev-public-key.pem" "$TOKEN" "$N"
