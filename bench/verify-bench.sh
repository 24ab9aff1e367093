#!/usr/bin/env bash
# Times `mvn confiture:verify` on the adventureworks schema of the corpus, given as schema files
# plus one migration that creates it: two scratch databases on the embedded PostgreSQL (its start
# included: each mvn run is a new JVM), the migration replayed in one and the schema files built
# in the other, both catalogs read and compared. Goal: at most Maven's start plus twice the
# `psql -1 -f` load, in the same run (issue 19).
#
# Baselines measured in the same run: `psql -1 -f adventureworks.sql` into a fresh database on the
# machine's PostgreSQL (one load of the schema; verify loads it twice), and Maven's own start (the
# same goal with -Dconfiture.skip=true).
#
#   bench/verify-bench.sh             builds the plugin into confiture-maven-plugin/target/local-repo
#                                     (the invoker's install step, no IT run)
#   bench/verify-bench.sh --no-build  measures with the plugin already there
#
# Then the same on a generated project of MIGRATIONS small migrations (a table and an index each, with
# a down): verify replays them, rolls each back and compares the catalog (and the rows) around every
# step. Baseline in the same run: psql applying every up, then every down in reverse order, each in
# its own transaction, in one session on the machine's PostgreSQL (the SQL verify must run, with no
# check). No goal: the figure shows what each step's checks cost.
#
# CONFITURE_CORPUS (default ../shared/corpus); RUNS (default 3); MIGRATIONS (default 40); PGHOST/PGUSER
# for the baselines (default 127.0.0.1 / postgres). Output goes to bench/out/verify (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
CORPUS="${CONFITURE_CORPUS:-$ROOT/../shared/corpus}"
SCHEMA="$CORPUS/schemas/adventureworks.sql"
OUT="$ROOT/bench/out/verify"
PROJECT="$OUT/project"
LOCAL_REPO="$ROOT/confiture-maven-plugin/target/local-repo"
RUNS="${RUNS:-3}"
export PGHOST="${PGHOST:-127.0.0.1}" PGUSER="${PGUSER:-postgres}"
# psql prints no NOTICE (DROP DATABASE IF EXISTS of a database that is not there)
export PGOPTIONS="${PGOPTIONS:--c client_min_messages=warning}"

[ -f "$SCHEMA" ] || { echo "No $SCHEMA: set CONFITURE_CORPUS to the corpus folder"; exit 1; }
mkdir -p "$OUT"
if [ "${1:-}" != "--no-build" ]; then
  echo "Building the plugin into $LOCAL_REPO ..."
  mvn -B -q -o -pl confiture-maven-plugin -am verify -DskipTests -Dinvoker.test='none' -Dinvoker.failIfNoProjects=false \
    >"$OUT/build.log" 2>&1 || { cat "$OUT/build.log"; exit 1; }
fi
VERSION="$(sed -n 's:.*<version>\(.*SNAPSHOT\)</version>.*:\1:p' pom.xml | head -1)"
[ -d "$LOCAL_REPO/dev/confiture/confiture-maven-plugin/$VERSION" ] \
  || { echo "The plugin is not in $LOCAL_REPO: run without --no-build"; exit 1; }

. "$ROOT/bench/lib.sh"
write_plugin_repo_settings "$OUT/settings.xml" "$LOCAL_REPO"
write_verify_bench_project "$PROJECT" verify-bench "$VERSION" "$SCHEMA"

# mvn in a bench project ($1), quiet; its output is kept in last.log and shown when it fails.
mvn_in() {
  local dir=$1; shift
  (cd "$dir" && mvn -q -B -s "$OUT/settings.xml" "$@" >"$OUT/last.log" 2>&1) \
    || { echo "mvn $* failed:"; cat "$OUT/last.log"; exit 1; }
}
ms_of() {
  local s e
  s=$(date +%s%N); "$@"; e=$(date +%s%N)
  echo $(( (e - s) / 1000000 ))
}
# psql with the given arguments into a database made for it on the machine's server ($1 names it), then dropped.
psql_in_fresh_db() {
  local db="confiture_bench_$1_$$"; shift
  psql -q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null
  psql -q -X -v ON_ERROR_STOP=1 "$@" -d "$db" >/dev/null 2>"$OUT/psql.err" \
    || { cat "$OUT/psql.err"; psql -q -d postgres -c "DROP DATABASE $db"; exit 1; }
  psql -q -d postgres -c "DROP DATABASE $db" >/dev/null
}
# verify once in project $1 and requires it to pass (the warm-up: plugin resolution, the embedded server).
verify_passes() {
  mvn_in "$1" confiture:verify
  grep -q '"status" : "passed"' "$1/target/confiture/verify.json" \
    || { echo "verify did not pass in $1:"; cat "$OUT/last.log" "$1/target/confiture/verify.json"; exit 1; }
}
# RUNS rounds of Maven's start and verify in project $1 and the baseline command that follows; sets the
# medians start_ms, verify_ms, base_ms and the runs start_runs, verify_runs, base_runs.
measure() {
  local dir=$1; shift
  local starts=() verifies=() bases=()
  for ((i = 0; i < RUNS; i++)); do
    starts+=("$(ms_of mvn_in "$dir" confiture:verify -Dconfiture.skip=true)")
    verifies+=("$(ms_of mvn_in "$dir" confiture:verify)")
    bases+=("$(ms_of "$@")")
  done
  start_ms=$(median "${starts[@]}"); verify_ms=$(median "${verifies[@]}"); base_ms=$(median "${bases[@]}")
  start_runs="${starts[*]}"; verify_runs="${verifies[*]}"; base_runs="${bases[*]}"
}

echo "Warming up (plugin resolution, embedded binaries unpacked once per machine) ..."
mvn_in "$PROJECT" confiture:verify -Dconfiture.skip=true
verify_passes "$PROJECT"
cp "$PROJECT/target/confiture/verify.json" "$OUT/verify.json"

echo "Measuring, median of $RUNS runs each ..."
measure "$PROJECT" psql_in_fresh_db aw -1 -f "$SCHEMA"
m=$start_ms; v=$verify_ms; l=$base_ms
tables=$(grep -ci 'CREATE TABLE' "$SCHEMA" || true)
printf 'adventureworks: %d CREATE TABLE, %d lines\n' "$tables" "$(wc -l <"$SCHEMA")"
printf 'psql -1 -f into a fresh database (machine server):   %6d ms   runs: %s\n' "$l" "$base_runs"
printf 'maven start (confiture:verify -Dconfiture.skip=true): %6d ms   runs: %s\n' "$m" "$start_runs"
printf 'mvn confiture:verify (embedded start included):      %6d ms   runs: %s\n' "$v" "$verify_runs"
printf 'verify / psql load: %.1fx   verify beyond Maven start: %d ms\n' "$(echo "$v / $l" | bc -l)" "$((v - m))"
goal=$((m + 2 * l))
printf 'goal: verify at most Maven start + 2 x psql load = %d ms: %s (verify / goal %.2f)\n' "$goal" \
  "$([ "$v" -le "$goal" ] && echo met || echo 'NOT met')" "$(echo "$v / $goal" | bc -l)"
echo "load average (1, 5, 15 min): $(cut -d' ' -f1-3 /proc/loadavg)"

# ---- many small migrations: the cost of verify's checks around each step
MIGRATIONS="${MIGRATIONS:-40}"
STEPS="$OUT/steps"
write_verify_bench_project "$STEPS" verify-steps-bench "$VERSION" "$SCHEMA"
rm -f "$STEPS"/db/schema/*.sql "$STEPS"/db/migrations/*.sql
: >"$OUT/steps-up.sql"; : >"$OUT/steps-down.sql"
for ((i = 1; i <= MIGRATIONS; i++)); do
  n=$(printf '%03d' "$i")
  up="CREATE TABLE t$n (id bigint PRIMARY KEY, name text NOT NULL, created timestamptz DEFAULT now());
CREATE INDEX t${n}_name ON t$n (name);"
  printf '%s\n' "$up" >"$STEPS/db/migrations/${n}_t$n.up.sql"
  printf 'DROP TABLE t%s;\n' "$n" >"$STEPS/db/migrations/${n}_t$n.down.sql"
  printf '%s\n' "$up" >>"$STEPS/db/schema/schema.sql"
  printf 'BEGIN;\n%s\nCOMMIT;\n' "$up" >>"$OUT/steps-up.sql"
done
for ((i = MIGRATIONS; i >= 1; i--)); do
  printf 'BEGIN;\nDROP TABLE t%03d;\nCOMMIT;\n' "$i" >>"$OUT/steps-down.sql"
done
verify_passes "$STEPS"
measure "$STEPS" psql_in_fresh_db steps -f "$OUT/steps-up.sql" -f "$OUT/steps-down.sql"
sm=$start_ms; sv=$verify_ms; sp=$base_ms
printf '%d small migrations with downs:\n' "$MIGRATIONS"
printf 'psql, every up then every down, one transaction each:  %6d ms   runs: %s\n' "$sp" "$base_runs"
printf 'maven start (confiture:verify -Dconfiture.skip=true): %6d ms   runs: %s\n' "$sm" "$start_runs"
printf 'mvn confiture:verify:                                 %6d ms   runs: %s\n' "$sv" "$verify_runs"
printf 'verify beyond Maven start: %d ms, %d ms per migration (up, down and the checks around both); %.1fx the psql steps\n' \
  "$((sv - sm))" "$(((sv - sm) / MIGRATIONS))" "$(echo "($sv - $sm) / $sp" | bc -l)"
echo "load average (1, 5, 15 min): $(cut -d' ' -f1-3 /proc/loadavg)"
