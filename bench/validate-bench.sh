#!/usr/bin/env bash
# Times `mvn -q confiture:validate` on a generated repository with 2,000 commits and 1,000 schema
# files, against Maven's own start measured in the same run (the same command with
# -Dconfiture.skip=true: Maven starts, loads the plugin and returns). Goal (issue 19): validate stays
# within one second of wall-clock time beyond Maven's start, on a quiet 2-core machine.
#
#   bench/validate-bench.sh            builds the plugin (invoker ITs 'validate-*' install it into
#                                      confiture-maven-plugin/target/local-repo), then measures
#   bench/validate-bench.sh --no-build measures with the plugin already there
#
# The bench project resolves the plugin from that private local repository; everything else comes
# from ~/.m2 declared as a file:// repository (the invoker's own trick), so nothing is installed
# into ~/.m2. Output and the generated repository go to bench/out/ (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
OUT="$ROOT/bench/out/validate"
mkdir -p "$(dirname "$OUT")"
REPO="$OUT/repo"
LOCAL_REPO="$ROOT/confiture-maven-plugin/target/local-repo"
RUNS="${RUNS:-5}"
TABLES=1000
COMMITS=2000
RANGE=10   # commits on the feature branch, beyond origin/main

if [ "${1:-}" != "--no-build" ]; then
  echo "Building the plugin into $LOCAL_REPO ..."
  mvn -B -q -pl confiture-maven-plugin -am verify -DskipTests -Dinvoker.test='validate-*' >"$OUT.build.log" 2>&1 \
    || { cat "$OUT.build.log"; exit 1; }
fi
VERSION="$(sed -n 's:.*<version>\(.*SNAPSHOT\)</version>.*:\1:p' pom.xml | head -1)"
[ -d "$LOCAL_REPO/dev/confiture/confiture-maven-plugin/$VERSION" ] \
  || { echo "The plugin is not in $LOCAL_REPO: run without --no-build"; exit 1; }

rm -rf "$OUT" && mkdir -p "$REPO"
. "$ROOT/bench/lib.sh"
write_plugin_repo_settings "$OUT/settings.xml" "$LOCAL_REPO"

echo "Generating $COMMITS commits, $TABLES schema files with git fast-import ..."
gen_start=$(date +%s.%N)
{
  ts=1700000000
  # Commit 1: the project, 1,000 tables, and one migration that creates them all.
  echo "commit refs/heads/main"
  echo "mark :1"
  echo "committer Bench <bench@example.com> $ts +0000"
  echo "data <<EOM"; echo "Initial schema"; echo "EOM"
  echo "M 100644 inline pom.xml"
  echo "data <<EOM"
  cat <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId><artifactId>validate-bench</artifactId><version>1</version><packaging>pom</packaging>
  <build><plugins><plugin>
    <groupId>dev.confiture</groupId><artifactId>confiture-maven-plugin</artifactId><version>$VERSION</version>
  </plugin></plugins></build>
</project>
POM
  echo "EOM"
  echo "M 100644 inline db/environments/local.yaml"
  echo "data <<EOM"
  printf 'name: local\nincludes:\n  - ../schema\ndatabase:\n  embedded: true\n'
  echo "EOM"
  echo "M 100644 inline db/migrations/1_init.up.sql"
  echo "data <<EOM"
  for ((t = 1; t <= TABLES; t++)); do
    printf 'CREATE TABLE t%04d (id bigint PRIMARY KEY, name text NOT NULL);\n' "$t"
  done
  echo "EOM"
  for ((t = 1; t <= TABLES; t++)); do
    printf 'M 100644 inline db/schema/10_tables/t%04d.sql\ndata <<EOM\n' "$t"
    printf -- '-- table %d\nCREATE TABLE t%04d (id bigint PRIMARY KEY, name text NOT NULL);\nEOM\n' "$t" "$t"
  done
  # Commits 2..N: each adds a column to one table, in its schema file and in a migration.
  declare -A extra
  for ((c = 2; c <= COMMITS; c++)); do
    t=$(( (c - 2) % TABLES + 1 ))
    extra[$t]="${extra[$t]:-}, c$c integer"
    echo "commit refs/heads/main"
    echo "mark :$c"
    echo "committer Bench <bench@example.com> $((ts + c)) +0000"
    echo "data <<EOM"; echo "Add c$c to t$t"; echo "EOM"
    echo "from :$((c - 1))"
    printf 'M 100644 inline db/schema/10_tables/t%04d.sql\ndata <<EOM\n' "$t"
    printf -- '-- table %d\nCREATE TABLE t%04d (id bigint PRIMARY KEY, name text NOT NULL%s);\nEOM\n' "$t" "$t" "${extra[$t]}"
    printf 'M 100644 inline db/migrations/%d_add_c%d.up.sql\ndata <<EOM\n' "$c" "$c"
    printf 'ALTER TABLE t%04d ADD COLUMN c%d integer;\nEOM\n' "$t" "$c"
    if [ "$c" -eq $((COMMITS - RANGE)) ]; then
      echo "reset refs/remotes/origin/main"
      echo "from :$c"
    fi
  done
} >"$OUT/history.fi"
git -C "$REPO" init -q -b main
git -C "$REPO" fast-import --quiet <"$OUT/history.fi"
git -C "$REPO" checkout -q main
gen_end=$(date +%s.%N)
echo "  $(git -C "$REPO" rev-list --count HEAD) commits, $(git -C "$REPO" ls-files db/schema | wc -l) schema files," \
  "range origin/main..HEAD = $(git -C "$REPO" rev-list --count origin/main..HEAD) commits" \
  "($(echo "$gen_end - $gen_start" | bc) s to generate)"

mvn_run() {
  (cd "$REPO" && mvn -q -B -s "$OUT/settings.xml" "$@" >"$OUT/last.log" 2>&1) \
    || { echo "mvn $* failed:"; cat "$OUT/last.log"; exit 1; }
}
# Median over RUNS runs of one command: wall-clock ms and CPU ms (user + sys of Maven's JVM).
# CPU time is reported too because on a shared, loaded machine wall-clock time mostly measures
# the other processes; both are printed, the goal is judged on wall-clock.
time_median() {
  local walls=() cpus=()
  for ((i = 0; i < RUNS; i++)); do
    local t
    t=$( { TIMEFORMAT='%R %U %S'; time mvn_run "$@"; } 2>&1 >/dev/null | tail -1)
    read -r real user sys <<<"$t"
    walls+=("$(echo "$real * 1000 / 1" | bc)")
    cpus+=("$(echo "($user + $sys) * 1000 / 1" | bc)")
  done
  local mid=$(( (RUNS + 1) / 2 ))
  echo "$(printf '%s\n' "${walls[@]}" | sort -n | sed -n "${mid}p") $(printf '%s\n' "${cpus[@]}" | sort -n | sed -n "${mid}p")"
}

echo "Warming up (plugin resolution) ..."
mvn_run confiture:validate -Dconfiture.skip=true
mvn_run confiture:validate
echo "Measuring, median of $RUNS runs each (load average: $(cut -d' ' -f1-3 /proc/loadavg)) ..."
read -r base_wall base_cpu <<<"$(time_median confiture:validate -Dconfiture.skip=true)"
read -r val_wall val_cpu <<<"$(time_median confiture:validate)"
read -r stg_wall stg_cpu <<<"$(time_median confiture:validate -Dconfiture.staged=true)"
printf '%-58s wall %6d ms   cpu %6d ms\n' "maven start (confiture:validate -Dconfiture.skip=true):" "$base_wall" "$base_cpu"
printf '%-58s wall %6d ms   cpu %6d ms   beyond start: wall +%d ms, cpu +%d ms\n' \
  "confiture:validate (origin/main..HEAD, $RANGE commits):" "$val_wall" "$val_cpu" \
  "$((val_wall - base_wall))" "$((val_cpu - base_cpu))"
printf '%-58s wall %6d ms   cpu %6d ms   beyond start: wall +%d ms, cpu +%d ms\n' \
  "confiture:validate -Dconfiture.staged=true:" "$stg_wall" "$stg_cpu" \
  "$((stg_wall - base_wall))" "$((stg_cpu - base_cpu))"
if [ $((val_wall - base_wall)) -le 1000 ]; then
  echo "goal (<= 1000 ms wall beyond Maven start, issue 19): met"
else
  echo "goal (<= 1000 ms wall beyond Maven start, issue 19): NOT met"
fi

echo "In-process library time on the same repository (confiture-git ValidateBenchTest):"
mvn -B -q -o -pl confiture-git -am test -Dtest=ValidateBenchTest -Dsurefire.failIfNoSpecifiedTests=false -Dtest.jvmFlags= \
  -Dconfiture.bench.repo="$REPO" >"$OUT/library.log" 2>&1 || { cat "$OUT/library.log"; exit 1; }
grep '^library validate' "$ROOT/confiture-git/target/surefire-reports/dev.confiture.git.ValidateBenchTest-output.txt"
