#!/usr/bin/env bash
# Prints a signed DEV JWT for the locally running services, e.g.
#   curl -H "Authorization: Bearer $(deploy/token.sh employee finance alice)" http://localhost:8081/ideas
# Signs with deploy/dev-keys/dev-private-key.pem through the single-file program
# test-infrastructure/src/main/java/ai/adoption/testinfra/DevTokens.java.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ROLES="employee approver ambassador compliance-officer admin"
DEV_TOKENS=$ROOT/test-infrastructure/src/main/java/ai/adoption/testinfra/DevTokens.java
PRIVATE_KEY=$ROOT/deploy/dev-keys/dev-private-key.pem

usage() {
  cat <<EOF
usage: deploy/token.sh <role> [department] [subject]

  role        one of: ${ROLES// /, }
  department  e.g. finance (pass "" to leave it out and still give a subject)
  subject     the user name the token is for, e.g. alice
EOF
}

die() { printf 'token.sh: %s\n' "$*" >&2; exit 1; }

if [[ $# -lt 1 || $# -gt 3 || $1 == -h || $1 == --help ]]; then
  usage >&2
  [[ $# -ge 1 && ( $1 == -h || $1 == --help ) ]] && exit 0
  exit 2
fi

role=$1
[[ " $ROLES " == *" $role "* ]] || { usage >&2; die "unknown role: $role"; }
args=(--role "$role")
[[ -n ${2:-} ]] && args+=(--department "$2")
[[ -n ${3:-} ]] && args+=(--subject "$3")

[[ -f $DEV_TOKENS ]] || die "${DEV_TOKENS#"$ROOT"/} does not exist yet"
[[ -f $PRIVATE_KEY ]] || die "${PRIVATE_KEY#"$ROOT"/} does not exist yet (the dev key pair lives in deploy/dev-keys/)"

if [[ -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/java ]]; then
  java=$JAVA_HOME/bin/java
else
  java=$(command -v java) || die "no java found: install a JDK 17 or set JAVA_HOME"
fi

# DevTokens reads deploy/dev-keys/ relative to the repository root.
cd "$ROOT"
exec "$java" "$DEV_TOKENS" "${args[@]}"
