#!/usr/bin/env bash
# A fleet of 50 tenant schemas in two databases (25 each), 10 migrations each (a table, an index, a
# row, a column ... per migration), brought up to date two ways on the same PostgreSQL, in the same
# run, each on fresh databases:
#   fleet: one `mvn confiture:migrate` with the two databases and a tenants query under fleet:
#   loop:  one `mvn confiture:migrate` per tenant (the shell loop teams write today), each with an
#          environment file that sets the tenant's search_path and tracking table
# and prints both times and the ratio fleet/loop (goal: <= 0.10). Whole `mvn` invocations, Maven's
# start included; both sides are checked to have applied every migration on every tenant.
#
# The plugin is taken from the invoker's private repository of this checkout, never from ~/.m2:
#   mvn -B -q -pl confiture-maven-plugin -am verify -DskipTests -Dinvoker.test=none
# builds it there (bench/fleet-bench.sh --build does that for you). Nothing is written to ~/.m2.
#
# Environment: BENCH_PG_HOST (127.0.0.1), BENCH_PG_PORT (5432), BENCH_PG_USER (postgres), PGPASSWORD
# if the server wants one; BENCH_TENANTS (25 per database); BENCH_PARALLEL (confiture.parallel of
# the fleet run; default the cores).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
HOST="${BENCH_PG_HOST:-127.0.0.1}"
PORT="${BENCH_PG_PORT:-5432}"
PGUSER_="${BENCH_PG_USER:-postgres}"
TENANTS="${BENCH_TENANTS:-25}"
MIGRATIONS=10
PLUGIN_VERSION="$(sed -n '0,/<version>/s:.*<version>\(.*\)</version>.*:\1:p' "$ROOT/pom.xml")"
REPO="$ROOT/confiture-maven-plugin/target/local-repo"

. "$ROOT/bench/lib.sh"
require_bench_plugin "$ROOT" "$REPO" "$PLUGIN_VERSION" "${1:-}" bench/fleet-bench.sh

WORK="$(mktemp -d -t confiture-fleet-bench.XXXXXX)"
DATABASES=()
cleanup() {
  for db in "${DATABASES[@]}"; do
    psql -q -h "$HOST" -p "$PORT" -U "$PGUSER_" -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT

write_bench_settings "$WORK/settings.xml"
MVN=(mvn -B -q -Dstyle.color=never -s "$WORK/settings.xml" -Dmaven.repo.local="$REPO")

# A database with the tenant schemas tenant_01 .. tenant_NN, empty.
new_database() { # name
  local db="confiture_fleet_bench_$1_$$"
  psql -q -h "$HOST" -p "$PORT" -U "$PGUSER_" -d postgres -c "CREATE DATABASE $db" >/dev/null
  DATABASES+=("$db")
  for t in $(seq -f '%02g' 1 "$TENANTS"); do echo "CREATE SCHEMA tenant_$t;"; done \
    | psql -q -X -v ON_ERROR_STOP=1 -h "$HOST" -p "$PORT" -U "$PGUSER_" -d "$db" >/dev/null
}
url() { echo "jdbc:postgresql://$HOST:$PORT/$1?user=$PGUSER_"; }

# --- one project, its migrations unqualified: each lands in the schema its search_path names -------
P="$WORK/project"
mkdir -p "$P/db/migrations" "$P/db/environments" "$P/envs"
for i in $(seq 1 "$MIGRATIONS"); do
  v="$(printf '%03d' "$i")"
  printf 'CREATE TABLE t%s (id bigint PRIMARY KEY, name text NOT NULL);\nCREATE INDEX t%s_name ON t%s (name);\nINSERT INTO t%s VALUES (1, %s);\nALTER TABLE t%s ADD COLUMN note text;\n' \
    "$v" "$v" "$v" "$v" "'first'" "$v" > "$P/db/migrations/${v}_t$v.up.sql"
done
cat > "$P/pom.xml" <<XML
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId><artifactId>fleet-bench</artifactId><version>1</version><packaging>pom</packaging>
  <build><plugins><plugin>
    <groupId>dev.confiture</groupId><artifactId>confiture-maven-plugin</artifactId><version>$PLUGIN_VERSION</version>
  </plugin></plugins></build>
</project>
XML

new_database fleet_eu; new_database fleet_us
FLEET_EU="${DATABASES[0]}"; FLEET_US="${DATABASES[1]}"
new_database loop_eu; new_database loop_us
LOOP_EU="${DATABASES[2]}"; LOOP_US="${DATABASES[3]}"

cat > "$P/db/environments/fleet.yaml" <<YAML
fleet:
  databases:
    - { name: eu, url: "$(url "$FLEET_EU")" }
    - { name: us, url: "$(url "$FLEET_US")" }
  tenants:
    query: "select nspname from pg_namespace where nspname like 'tenant\\\\_%' order by 1"
YAML
LOOP_ENVS=()
for db in "$LOOP_EU" "$LOOP_US"; do
  for t in $(seq -f '%02g' 1 "$TENANTS"); do
    f="$P/envs/${db}_tenant_$t.yaml"
    printf 'database_url: %s\ntracking_table: tenant_%s.confiture_migrations\nsession_settings:\n  search_path: tenant_%s\n' \
      "$(url "$db")" "$t" "$t" > "$f"
    LOOP_ENVS+=("$f")
  done
done

now_ms() { date +%s%3N; }
applied() { # db: tracking rows over every tenant
  local q=""
  for t in $(seq -f '%02g' 1 "$TENANTS"); do q+="SELECT count(*) FROM tenant_$t.confiture_migrations UNION ALL "; done
  psql -At -h "$HOST" -p "$PORT" -U "$PGUSER_" -d "$1" -c "SELECT sum(c) FROM ($q SELECT 0) s(c)"
}
expect_applied() { # db label
  local n; n="$(applied "$1")"
  [[ "$n" == "$((TENANTS * MIGRATIONS))" ]] || { echo "$2: $n migrations recorded in $1, expected $((TENANTS * MIGRATIONS))" >&2; exit 1; }
}

echo "Warming up (resolving the plugin)..."
(cd "$P" && "${MVN[@]}" confiture:help) > "$WORK/warm.log" 2>&1 || { cat "$WORK/warm.log" >&2; exit 1; }

PARALLEL=()
[[ -n "${BENCH_PARALLEL:-}" ]] && PARALLEL=(-Dconfiture.parallel="$BENCH_PARALLEL")
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
t0=$(now_ms)
(cd "$P" && "${MVN[@]}" confiture:migrate -Dconfiture.env=fleet "${PARALLEL[@]}") > "$WORK/fleet.log" 2>&1 \
  || { cat "$WORK/fleet.log" >&2; exit 1; }
t1=$(now_ms); FLEET=$((t1 - t0))
expect_applied "$FLEET_EU" fleet; expect_applied "$FLEET_US" fleet
echo "fleet: one mvn confiture:migrate, $((2 * TENANTS)) targets: $FLEET ms"

t0=$(now_ms)
for f in "${LOOP_ENVS[@]}"; do
  (cd "$P" && "${MVN[@]}" confiture:migrate -Dconfiture.configFile="$f") > "$WORK/loop.log" 2>&1 \
    || { cat "$WORK/loop.log" >&2; exit 1; }
done
t1=$(now_ms); LOOP=$((t1 - t0))
expect_applied "$LOOP_EU" loop; expect_applied "$LOOP_US" loop
echo "loop: ${#LOOP_ENVS[@]} x mvn confiture:migrate, one per target: $LOOP ms"

echo
echo "$((2 * TENANTS)) tenant schemas in 2 databases, $MIGRATIONS migrations each, PostgreSQL at $HOST:$PORT, mvn start included:"
echo "  fleet (one mvn run)       $FLEET ms"
echo "  loop (one mvn per target) $LOOP ms"
awk -v f="$FLEET" -v l="$LOOP" 'BEGIN { printf "  ratio fleet/loop = %.3f (goal <= 0.10)\n", f / l }'
echo "  machine load average: before $LOAD_BEFORE, after $(cut -d' ' -f1-3 /proc/loadavg) (both sides share the server and the cores: compare the ratio, not the times)"
