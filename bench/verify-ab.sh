#!/usr/bin/env bash
# Compares `mvn confiture:verify` of two builds of the plugin on the same bench project, run by run
# alternating A and B (and Maven's start and `psql -1 -f`, as in verify-bench.sh), so that both see the
# same load on a shared machine. Prints the medians of wall time and of the CPU time (user + sys of the
# mvn process and its children) of each.
#
#   bench/verify-ab.sh <A's local repository> [B's local repository]
#
# A repository is a plugin build's confiture-maven-plugin/target/local-repo (the invoker's install
# step, e.g. of a `git archive` of the base commit built with
#   mvn -o -q -pl confiture-maven-plugin -am verify -DskipTests -Dinvoker.test=none -Dinvoker.failIfNoProjects=false);
# B defaults to this checkout's, built first with bench/verify-bench.sh (which also writes the project).
# PAIRS (default 5); CONFITURE_CORPUS, PGHOST, PGUSER as for verify-bench.sh. Output in bench/out/verify-ab.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
A_REPO="${1:?usage: bench/verify-ab.sh <A local repository> [B local repository]}"
B_REPO="${2:-$ROOT/confiture-maven-plugin/target/local-repo}"
CORPUS="${CONFITURE_CORPUS:-$ROOT/../shared/corpus}"
SCHEMA="$CORPUS/schemas/adventureworks.sql"
OUT="$ROOT/bench/out/verify-ab"
PROJECT="$OUT/project"
PAIRS="${PAIRS:-5}"
export PGHOST="${PGHOST:-127.0.0.1}" PGUSER="${PGUSER:-postgres}"

[ -f "$SCHEMA" ] || { echo "No $SCHEMA: set CONFITURE_CORPUS to the corpus folder"; exit 1; }
VERSION="$(sed -n 's:.*<version>\(.*SNAPSHOT\)</version>.*:\1:p' pom.xml | head -1)"
for repo in "$A_REPO" "$B_REPO"; do
  [ -d "$repo/dev/confiture/confiture-maven-plugin/$VERSION" ] || { echo "No plugin $VERSION in $repo"; exit 1; }
done
mkdir -p "$OUT"
. "$ROOT/bench/lib.sh"
write_plugin_repo_settings "$OUT/a.xml" "$A_REPO"
write_plugin_repo_settings "$OUT/b.xml" "$B_REPO"
write_verify_bench_project "$PROJECT" verify-ab "$VERSION" "$SCHEMA"

# Prints "wall_ms cpu_ms" of one mvn run with settings $1.
timed_mvn() {
  local settings="$1"; shift
  (cd "$PROJECT" && /usr/bin/time -f '%e %U %S' -o "$OUT/time" mvn -q -B -s "$settings" "$@" >"$OUT/last.log" 2>&1) \
    || { echo "mvn $* failed:" >&2; cat "$OUT/last.log" >&2; exit 1; }
  awk '{ printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000 }' "$OUT/time"
}
psql_load() {
  local db="confiture_bench_ab_$$" s e
  psql -q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null 2>&1
  s=$(date +%s%N)
  psql -q -X -v ON_ERROR_STOP=1 -1 -f "$SCHEMA" -d "$db" >/dev/null 2>"$OUT/psql.err" \
    || { cat "$OUT/psql.err"; psql -q -d postgres -c "DROP DATABASE $db"; exit 1; }
  e=$(date +%s%N)
  psql -q -d postgres -c "DROP DATABASE $db" >/dev/null
  echo $(( (e - s) / 1000000 ))
}

echo "Warming up both (plugin resolution; the project's embedded server starts once) ..."
for s in a b; do
  timed_mvn "$OUT/$s.xml" confiture:verify >/dev/null
  grep -q '"status" : "passed"' "$PROJECT/target/confiture/verify.json" || { echo "$s: verify did not pass"; exit 1; }
done

maven=(); load=(); aw=(); ac=(); bw=(); bc=()
for ((i = 0; i < PAIRS; i++)); do
  read -r w c < <(timed_mvn "$OUT/b.xml" confiture:verify -Dconfiture.skip=true); maven+=("$w")
  load+=("$(psql_load)")
  # A first on even pairs, B first on odd ones: neither always follows the other
  for s in $([ $((i % 2)) -eq 0 ] && echo "a b" || echo "b a"); do
    read -r w c < <(timed_mvn "$OUT/$s.xml" confiture:verify)
    if [ "$s" = a ]; then aw+=("$w"); ac+=("$c"); else bw+=("$w"); bc+=("$c"); fi
  done
done
m=$(median "${maven[@]}"); l=$(median "${load[@]}")
printf 'maven start: %d ms  runs %s\n' "$m" "${maven[*]}"
printf 'psql -1 -f:  %d ms  runs %s\n' "$l" "${load[*]}"
printf 'verify A:    %d ms  runs %s   cpu (user+sys) median %d ms  runs %s\n' "$(median "${aw[@]}")" "${aw[*]}" \
  "$(median "${ac[@]}")" "${ac[*]}"
printf 'verify B:    %d ms  runs %s   cpu (user+sys) median %d ms  runs %s\n' "$(median "${bw[@]}")" "${bw[*]}" \
  "$(median "${bc[@]}")" "${bc[*]}"
# Per pair (same moment, same load): A minus B; its median is steadier than the difference of the medians.
diffs=(); b_faster=0
for ((i = 0; i < PAIRS; i++)); do
  diffs+=("$((aw[i] - bw[i]))"); [ "${bw[i]}" -lt "${aw[i]}" ] && b_faster=$((b_faster + 1))
done
printf 'per pair, A - B: median %d ms  pairs %s  (B faster in %d of %d)\n' "$(median "${diffs[@]}")" "${diffs[*]}" \
  "$b_faster" "$PAIRS"
goal=$((m + 2 * l))
printf 'goal %d ms: A %.3f, B %.3f\n' "$goal" "$(echo "$(median "${aw[@]}") / $goal" | bc -l)" \
  "$(echo "$(median "${bw[@]}") / $goal" | bc -l)"
echo "load average (1, 5, 15 min): $(cut -d' ' -f1-3 /proc/loadavg)"
