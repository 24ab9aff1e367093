#!/usr/bin/env bash
# Times confiture's diff on the largest corpus schema (musicbrainz) against itself with one table
# changed, in shadow mode (and offline once the DDL interpreter is built in), against the time
# `psql -1 -f` needs to load that schema, all in the same run on the same server. Prints ratios.
#
#   bench/diff-bench.sh [schema.sql] [jdbc-url]
# defaults: $CONFITURE_CORPUS/schemas/musicbrainz.sql (or ../shared/corpus), the machine's PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS="${CONFITURE_CORPUS:-../shared/corpus}"
SCHEMA="${1:-$CORPUS/schemas/musicbrainz.sql}"
URL="${2:-${CONFITURE_TEST_JDBC_URL:-jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}}"
# compile through the reactor (nothing is installed into ~/.m2) and write each module's test classpath
mvn -B -q -o -pl confiture-runner -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
CP="confiture-runner/target/test-classes:confiture-runner/target/classes:$(cat confiture-runner/target/bench.classpath)"
java -cp "$CP" dev.confiture.runner.bench.DiffBench "$SCHEMA" "$URL"
echo "load average (1, 5, 15 min): $(cut -d' ' -f1-3 /proc/loadavg)"
