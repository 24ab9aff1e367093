#!/usr/bin/env bash
# Registers 10,000 intents in a fresh coordination store and times coordinate-check through the
# library (Maven's start excluded) against a SELECT 1 run as the check runs its read (one autocommit
# statement), measured in the same run on the same connection.
# Usage: bench/coordination-bench.sh [intents] [checks] [warm-up checks]
# The store is a fresh database on the test PostgreSQL: CONFITURE_TEST_JDBC_URL if set
# (e.g. jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres), else an embedded one.
set -euo pipefail
cd "$(dirname "$0")/.."

# Compile through the reactor (nothing is installed into ~/.m2) and write the test class path.
BUILD=(-B -q -pl confiture-coordination -am test-compile dependency:build-classpath
       -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test)
mkdir -p target
if ! mvn -o "${BUILD[@]}" >target/bench-build.log 2>&1; then
  # A ~/.m2 may lack the dependency plugin's own dependencies (commons-beanutils 1.9.4 on a fresh
  # machine): resolve them into a repository under target/, reading ~/.m2 as a file repository
  # first and Maven Central for the rest, so that ~/.m2 is never written.
  source bench/lib.sh
  write_bench_settings target/bench-settings.xml
  mvn -s target/bench-settings.xml -Dmaven.repo.local="$PWD/target/bench-repo" "${BUILD[@]}"
fi

CP="confiture-coordination/target/classes:confiture-coordination/target/test-classes:$(cat confiture-coordination/target/bench.classpath)"
java -cp "$CP" dev.confiture.coordination.bench.CoordinationBench "${1:-10000}" "${2:-5000}" "${3:-6000}"
echo "load average (1, 5, 15 min): $(cut -d' ' -f1-3 /proc/loadavg)"
