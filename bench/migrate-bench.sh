#!/usr/bin/env bash
# Applies N migrations (default 500; each a CREATE TABLE and a CREATE INDEX) through
# `mvn confiture:migrate`, through Flyway's Maven plugin 13.12.0 and through Liquibase's 4.33.0
# (`mvn liquibase:update`, a formatted-SQL changelog with one changeset per migration), on the same
# PostgreSQL, each into a fresh database, in the same run, and prints the times and the ratio to
# the faster peer (goal: confiture <= 0.50 x the faster of Flyway and Liquibase). All times are
# whole `mvn` invocations, Maven's start included.
# Each round runs confiture, Flyway, Liquibase and the psql floor below in an order of its own
# (each goes first once in four rounds).
# For scale, each round also times psql running the same statements (a transaction and a tracking
# INSERT per migration: the server's own floor) and `mvn validate` (Maven's start alone).
#
# The plugin is taken from the invoker's private repository of this checkout, never from ~/.m2:
#   mvn -B -q -pl confiture-maven-plugin -am verify -DskipTests -Dinvoker.test=none
# builds it there (bench/migrate-bench.sh --build does that for you). Maven then runs with
# -Dmaven.repo.local=confiture-maven-plugin/target/local-repo and a temporary settings file whose
# repository points at ~/.m2/repository (read only, so what is cached there is reused); anything else
# (Flyway's and Liquibase's plugins) comes from Maven Central into that private repository. Nothing is written to ~/.m2.
#
# Environment: BENCH_PG_HOST (127.0.0.1), BENCH_PG_PORT (5432), BENCH_PG_USER (postgres),
# PGPASSWORD if the server wants one; BENCH_MIGRATIONS (500); BENCH_ROUNDS (5, the median is printed).
# MAVEN_OPTS, when set, reaches every mvn run of the script alike (and is printed with the results):
# leave it unset for the default's figures; docs/configuration.md, "Faster goals on a small machine".
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
HOST="${BENCH_PG_HOST:-127.0.0.1}"
PORT="${BENCH_PG_PORT:-5432}"
PGUSER_="${BENCH_PG_USER:-postgres}"
COUNT="${BENCH_MIGRATIONS:-500}"
ROUNDS="${BENCH_ROUNDS:-5}"
FLYWAY_VERSION=13.12.0
LIQUIBASE_VERSION=4.33.0
PLUGIN_VERSION="$(sed -n '0,/<version>/s:.*<version>\(.*\)</version>.*:\1:p' "$ROOT/pom.xml")"
REPO="$ROOT/confiture-maven-plugin/target/local-repo"

. "$ROOT/bench/lib.sh"
PG_JDBC_VERSION="$(pom_property "$ROOT" postgresql.version)"
require_bench_plugin "$ROOT" "$REPO" "$PLUGIN_VERSION" "${1:-}" bench/migrate-bench.sh

WORK="$(mktemp -d -t confiture-bench.XXXXXX)"
# fresh_db runs in $(...) subshells: the names of the databases to drop go to a file, not a variable.
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

# --- the two projects, with the same SQL --------------------------------------------------------
CONF="$WORK/confiture"; FLY="$WORK/flyway"; LIQ="$WORK/liquibase"
write_bench_project "$CONF" confiture-bench "$PLUGIN_VERSION"
mkdir -p "$FLY/db/migration" "$LIQ/db"
printf -- '--liquibase formatted sql\n' > "$LIQ/db/changelog.sql"
for i in $(seq 1 "$COUNT"); do
  v="$(printf '%04d' "$i")"
  sql="CREATE TABLE t$v (id BIGINT PRIMARY KEY, name TEXT NOT NULL, created_at TIMESTAMPTZ DEFAULT now());
CREATE INDEX idx_t${v}_name ON t$v (name);"
  printf '%s\n' "$sql" > "$CONF/db/migrations/${v}_create_t$v.up.sql"
  printf 'DROP TABLE t%s;\n' "$v" > "$CONF/db/migrations/${v}_create_t$v.down.sql"
  printf '%s\n' "$sql" > "$FLY/db/migration/V${i}__create_t$v.sql"
  printf '\n--changeset bench:%s\n%s\n' "$v" "$sql" >> "$LIQ/db/changelog.sql"
  printf 'BEGIN;\n%s\nINSERT INTO floor_tracking VALUES (%s);\nCOMMIT;\n' "$sql" "'$v'" >> "$WORK/floor.sql"
done
cat > "$CONF/db/environments/local.yaml" <<YAML
name: local
includes:
  - ../schema
database_url: jdbc:postgresql://$HOST:$PORT/postgres
YAML
cat > "$FLY/pom.xml" <<XML
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId><artifactId>flyway-bench</artifactId><version>1</version><packaging>pom</packaging>
  <build><plugins><plugin>
    <groupId>org.flywaydb</groupId><artifactId>flyway-maven-plugin</artifactId><version>$FLYWAY_VERSION</version>
    <configuration>
      <user>$PGUSER_</user>
      <locations><location>filesystem:db/migration</location></locations>
      <cleanDisabled>true</cleanDisabled>
    </configuration>
    <dependencies>
      <dependency><groupId>org.flywaydb</groupId><artifactId>flyway-database-postgresql</artifactId><version>$FLYWAY_VERSION</version></dependency>
      <dependency><groupId>org.postgresql</groupId><artifactId>postgresql</artifactId><version>$PG_JDBC_VERSION</version></dependency>
    </dependencies>
  </plugin></plugins></build>
</project>
XML

cat > "$LIQ/pom.xml" <<XML
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId><artifactId>liquibase-bench</artifactId><version>1</version><packaging>pom</packaging>
  <build><plugins><plugin>
    <groupId>org.liquibase</groupId><artifactId>liquibase-maven-plugin</artifactId><version>$LIQUIBASE_VERSION</version>
    <configuration>
      <changeLogDirectory>\${project.basedir}</changeLogDirectory>
      <changeLogFile>db/changelog.sql</changeLogFile>
      <username>$PGUSER_</username>
      <promptOnNonLocalDatabase>false</promptOnNonLocalDatabase>
    </configuration>
    <dependencies>
      <dependency><groupId>org.postgresql</groupId><artifactId>postgresql</artifactId><version>$PG_JDBC_VERSION</version></dependency>
    </dependencies>
  </plugin></plugins></build>
</project>
XML

fresh_db() {
  local db="bench_$1_$$_$RANDOM"
  psql -q -h "$HOST" -p "$PORT" -U "$PGUSER_" -d postgres -c "CREATE DATABASE $db" >/dev/null
  echo "$db" >> "$WORK/databases"
  echo "$db"
}
now_ms() { date +%s%3N; }

# Output goes to a log, shown only when a run fails.
run_confiture() { # db
  (cd "$CONF" && "${MVN[@]}" confiture:migrate -Dconfiture.url="jdbc:postgresql://$HOST:$PORT/$1?user=$PGUSER_") \
    > "$WORK/mvn.log" 2>&1 || { cat "$WORK/mvn.log" >&2; return 1; }
}
run_flyway() { # db
  (cd "$FLY" && "${MVN[@]}" flyway:migrate -Dflyway.url="jdbc:postgresql://$HOST:$PORT/$1") \
    > "$WORK/mvn.log" 2>&1 || { cat "$WORK/mvn.log" >&2; return 1; }
}
run_liquibase() { # db (analytics off: nothing leaves the machine, and no time goes to it)
  (cd "$LIQ" && "${MVN[@]}" liquibase:update -Dliquibase.url="jdbc:postgresql://$HOST:$PORT/$1" \
    -Dliquibase.analytics.enabled=false) > "$WORK/mvn.log" 2>&1 || { cat "$WORK/mvn.log" >&2; return 1; }
}
# The floor: the same statements and a tracking INSERT, one transaction per migration, through psql
# (no JVM, no Maven): what PostgreSQL itself needs for the work, on the same server in the same round.
run_floor() { # db
  psql -q -X -v ON_ERROR_STOP=1 -h "$HOST" -p "$PORT" -U "$PGUSER_" -d "$1" \
    -c "CREATE TABLE floor_tracking (version text PRIMARY KEY)" -f "$WORK/floor.sql" > "$WORK/psql.log" 2>&1 \
    || { cat "$WORK/psql.log" >&2; return 1; }
}
run_maven_only() { # Maven's start and end with no goal of either tool: the part no plugin can save
  (cd "$CONF" && "${MVN[@]}" validate) > "$WORK/mvn.log" 2>&1 || { cat "$WORK/mvn.log" >&2; return 1; }
}
count_tables() { # db
  psql -At -h "$HOST" -p "$PORT" -U "$PGUSER_" -d "$1" -c "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename LIKE 't%'"
}

echo "Warming up (resolving plugins, filling caches)..."
run_confiture "$(fresh_db warm_c)" >/dev/null
run_flyway "$(fresh_db warm_f)" >/dev/null
run_liquibase "$(fresh_db warm_l)" >/dev/null

c_times=(); f_times=(); l_times=(); p_times=(); m_times=()
# One timed run of a tool into a fresh database, its time appended to the tool's list.
measure() { # c | f | l | p
  local db t0 t1
  db="$(fresh_db "$1")"
  case "$1" in
    c) t0=$(now_ms); run_confiture "$db" >/dev/null; t1=$(now_ms); c_times+=($((t1 - t0))) ;;
    f) t0=$(now_ms); run_flyway "$db" >/dev/null; t1=$(now_ms); f_times+=($((t1 - t0))) ;;
    l) t0=$(now_ms); run_liquibase "$db" >/dev/null; t1=$(now_ms); l_times+=($((t1 - t0))) ;;
    p) t0=$(now_ms); run_floor "$db"; t1=$(now_ms); p_times+=($((t1 - t0))); return ;;
  esac
  [[ "$(count_tables "$db")" == "$COUNT" ]] || { echo "${tool_name[$1]} did not create $COUNT tables in $db" >&2; exit 1; }
}
# The order turns each round: whichever tool runs first meets what the previous round left the
# server doing (a checkpoint after its 2,000 new relations, autovacuum), and that tool was always
# confiture before 2026-12-01.
order=(c f l p)
declare -A tool_name=([c]=confiture [f]=flyway [l]=liquibase [p]=psql)
for round in $(seq 1 "$ROUNDS"); do
  for k in 0 1 2 3; do measure "${order[$(( (k + round - 1) % 4 ))]}"; done
  t0=$(now_ms); run_maven_only; t1=$(now_ms); m_times+=($((t1 - t0)))
  echo "round $round: confiture ${c_times[-1]} ms, flyway ${f_times[-1]} ms, liquibase ${l_times[-1]} ms," \
    "psql floor ${p_times[-1]} ms, mvn validate ${m_times[-1]} ms (${tool_name[${order[$(( (round - 1) % 4 ))]}]} first)"
done

C=$(median "${c_times[@]}"); F=$(median "${f_times[@]}"); L=$(median "${l_times[@]}")
echo
echo "$COUNT migrations (CREATE TABLE + CREATE INDEX each), PostgreSQL at $HOST:$PORT, median of $ROUNDS rounds, mvn start included:"
echo "  confiture:migrate  $C ms"
echo "  flyway:migrate     $F ms (flyway-maven-plugin $FLYWAY_VERSION)"
echo "  liquibase:update   $L ms (liquibase-maven-plugin $LIQUIBASE_VERSION, formatted SQL, one changeset per migration)"
awk -v c="$C" -v f="$F" -v l="$L" 'BEGIN {
  printf "  ratio confiture/flyway = %.2f, confiture/liquibase = %.2f\n", c / f, c / l
  best = f < l ? f : l
  printf "  ratio to the faster peer (%s) = %.2f (goal <= 0.50)\n", f < l ? "flyway" : "liquibase", c / best
}'
P=$(median "${p_times[@]}"); M=$(median "${m_times[@]}")
echo "  for scale: psql -f of the same statements, a transaction and tracking INSERT each: $P ms;" \
  "mvn validate (Maven alone): $M ms"
awk -v c="$C" -v p="$P" -v m="$M" 'BEGIN { printf "  confiture beyond Maven and the psql floor: %d ms\n", c - p - m }'
# Each tool's own time: each round's run minus that round's mvn validate, the median of the rounds.
# For information only (the goal counts Maven's start, which every user pays): it tells apart what
# the tools spend from what Maven spends before any of them runs.
own() { local -n runs=$1; local d=(); for i in "${!runs[@]}"; do d+=($((runs[i] - m_times[i]))); done; median "${d[@]}"; }
CO=$(own c_times); FO=$(own f_times); LO=$(own l_times)
awk -v c="$CO" -v f="$FO" -v l="$LO" 'BEGIN {
  best = f < l ? f : l
  printf "  beyond Maven alone (each round minus its mvn validate): confiture %d ms, flyway %d ms, liquibase %d ms;" \
    " ratio to the faster peer %.2f (information; the goal above counts Maven'"'"'s start)\n", c, f, l, c / best
}'
echo "  MAVEN_OPTS: ${MAVEN_OPTS:-unset (the JVM defaults)}"
echo "  machine load average: $(cut -d' ' -f1-3 /proc/loadavg) (the tools share the server and the cores: compare ratios, not times)"
