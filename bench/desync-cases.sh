#!/usr/bin/env bash
# How many of http-desync-guardian's own test cases the desync classifier agrees with: per file, the cases whose
# expected tier and reason it gives (split entry point) and whose tier its raw entry point gives, then every case
# where it differs, with both verdicts.
#   bench/desync-cases.sh DIR     (DIR holds the library's tests/*.yaml; from a clone of aws/http-desync-guardian:
#                                  for f in tests/*.yaml; do git show HEAD:$f > DIR/${f#tests/}; done)
#   bench/desync-cases.sh DIR --through-fulcrum
#                                 sends each case raw through a real balancer on loopback to a strict target, in each
#                                 desync mitigation mode, and counts the cases handled as ALB's mode table says
# Needs: Java 17 and Maven (it fetches what the local repository lacks).
set -euo pipefail
dir="${1:?usage: bench/desync-cases.sh DIR}"
dir="$(cd "$dir" && pwd)"
cd "$(dirname "$0")/.."
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
maven() { # quiet unless it fails
  mvn -B -q "$@" > "$work/maven.log" 2>&1 || { cat "$work/maven.log" >&2; exit 1; }
}
maven test-compile
maven org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath -Dmdep.outputFile="$work/classpath"
main=dev.fulcrum.desync.DesyncCases
[[ "${2:-}" == "--through-fulcrum" ]] && main=dev.fulcrum.proxy.DesyncCasesThroughFulcrum
java -cp "target/test-classes:target/classes:$(cat "$work/classpath")" "$main" "$dir"
