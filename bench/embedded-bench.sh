#!/usr/bin/env bash
# The embedded default against an external server, in the same run: `mvn confiture:status` and
# `mvn confiture:diff` (migrations -> schema files) on a 3-table project, each a whole mvn run,
# median of BENCH_ROUNDS after one warm-up run (the first run on a machine unpacks PostgreSQL and
# builds the cluster template; the first run on a project copies it and starts the server, which
# then stays up for confiture.embeddedIdleMinutes). Prints the medians and
#   status: embedded - external      (goal <= 0.5 s)
#   diff:   embedded - external      (goal <= 0.5 s)
#   diff - status, embedded          (goal <= 0.5 s)
# "External" is the server at BENCH_PG_HOST:BENCH_PG_PORT for the database and for diff's scratch
# databases (-Dconfiture.shadowUrl); "embedded" is database: { embedded: true } and nothing else.
#
# The plugin comes from the invoker's private repository of this checkout, as in migrate-bench.sh:
# build it with `bench/embedded-bench.sh --build` (or the mvn command that prints when it is missing).
# Environment: BENCH_PG_HOST (127.0.0.1), BENCH_PG_PORT (5432), BENCH_PG_USER (postgres),
# PGPASSWORD if needed; BENCH_ROUNDS (5).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
HOST="${BENCH_PG_HOST:-127.0.0.1}"
PORT="${BENCH_PG_PORT:-5432}"
PGUSER_="${BENCH_PG_USER:-postgres}"
ROUNDS="${BENCH_ROUNDS:-5}"
PLUGIN_VERSION="$(sed -n '0,/<version>/s:.*<version>\(.*\)</version>.*:\1:p' "$ROOT/pom.xml")"
REPO="$ROOT/confiture-maven-plugin/target/local-repo"

. "$ROOT/bench/lib.sh"
require_bench_plugin "$ROOT" "$REPO" "$PLUGIN_VERSION" "${1:-}" bench/embedded-bench.sh

WORK="$(mktemp -d -t confiture-embedded-bench.XXXXXX)"
DB="confiture_bench_$(date +%s)_$$"
cleanup() {
  # Stop the project's embedded server now rather than after its idle timeout.
  (cd "$WORK/project" && "${MVN[@]}" confiture:status -Dconfiture.embeddedIdleMinutes=0 >/dev/null 2>&1) || true
  psql -q -h "$HOST" -p "$PORT" -U "$PGUSER_" -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

write_bench_settings "$WORK/settings.xml"
MVN=(mvn -B -q -Dstyle.color=never -s "$WORK/settings.xml" -Dmaven.repo.local="$REPO")

P="$WORK/project"
write_bench_project "$P" embedded-bench "$PLUGIN_VERSION"
printf 'name: local\nincludes:\n  - ../schema\ndatabase:\n  embedded: true\n' > "$P/db/environments/local.yaml"
for t in customers orders items; do
  sql="CREATE TABLE $t (id BIGINT PRIMARY KEY, name TEXT NOT NULL, created_at TIMESTAMPTZ DEFAULT now());"
  printf '%s\n' "$sql" > "$P/db/schema/$t.sql"
  n=$(( $(ls "$P/db/migrations" | wc -l) / 2 + 1 ))
  printf '%s\n' "$sql" > "$P/db/migrations/00${n}_create_$t.up.sql"
  printf 'DROP TABLE %s;\n' "$t" > "$P/db/migrations/00${n}_create_$t.down.sql"
done

psql -q -h "$HOST" -p "$PORT" -U "$PGUSER_" -d postgres -c "CREATE DATABASE $DB" >/dev/null
EXTERNAL=(-Dconfiture.url="jdbc:postgresql://$HOST:$PORT/$DB?user=$PGUSER_"
          -Dconfiture.shadowUrl="jdbc:postgresql://$HOST:$PORT/postgres?user=$PGUSER_")

now() { date +%s.%N; }
# seconds of one mvn run in the project
timed() { local t0; t0=$(now); (cd "$P" && "${MVN[@]}" "$@" >"$WORK/last.log" 2>&1) || { cat "$WORK/last.log" >&2; exit 1; }; echo "$(now) - $t0" | bc -l; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

echo "Warm-up: migrate on both, one status and diff each ..."
timed confiture:migrate "${EXTERNAL[@]}" >/dev/null
timed confiture:migrate >/dev/null
timed confiture:status "${EXTERNAL[@]}" >/dev/null; timed confiture:status >/dev/null
timed confiture:diff "${EXTERNAL[@]}" >/dev/null; timed confiture:diff >/dev/null

: > "$WORK/times"
for r in $(seq 1 "$ROUNDS"); do
  echo "status-external $(timed confiture:status "${EXTERNAL[@]}")" >> "$WORK/times"
  echo "status-embedded $(timed confiture:status)" >> "$WORK/times"
  echo "diff-external $(timed confiture:diff "${EXTERNAL[@]}")" >> "$WORK/times"
  echo "diff-embedded $(timed confiture:diff)" >> "$WORK/times"
done
m() { awk -v k="$1" '$1 == k {print $2}' "$WORK/times" | median; }
SX=$(m status-external); SE=$(m status-embedded); DX=$(m diff-external); DE=$(m diff-embedded)
printf 'median of %d rounds (s)   external   embedded   embedded - external\n' "$ROUNDS"
printf 'mvn confiture:status        %6.2f     %6.2f     %+6.2f (goal <= 0.50)\n' "$SX" "$SE" "$(echo "$SE - $SX" | bc -l)"
printf 'mvn confiture:diff          %6.2f     %6.2f     %+6.2f (goal <= 0.50)\n' "$DX" "$DE" "$(echo "$DE - $DX" | bc -l)"
printf 'diff - status, embedded     %+6.2f (goal <= 0.50)\n' "$(echo "$DE - $SE" | bc -l)"
