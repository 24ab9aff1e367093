#!/usr/bin/env bash
# Times `status` over 5,000 migrations on disk and applied, in the library (no Maven start), against
# two baselines measured in the same run: listing and reading the same files, and one connection
# with SELECT 1. Goal: well under a second.
#
#   bench/status-bench.sh [COUNT] [RUNS]     defaults 5000 and 7
#
# The database comes from CONFITURE_TEST_JDBC_URL when set (e.g. the machine's PostgreSQL:
# jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres), else the embedded test server.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT="bench/out/status"
mkdir -p "$OUT"
echo "Compiling (reactor, confiture-runner and what it needs) ..."
mvn -B -q -pl confiture-runner -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$(pwd)/$OUT/classpath.txt" -Dmdep.includeScope=test >"$OUT/build.log" 2>&1 \
  || { cat "$OUT/build.log"; exit 1; }
CP="confiture-runner/target/test-classes:confiture-runner/target/classes:$(cat "$OUT/classpath.txt")"
java -cp "$CP" dev.confiture.runner.bench.StatusBench "${1:-5000}" "${2:-7}"
