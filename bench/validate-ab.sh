#!/usr/bin/env bash
# Alternates `mvn -q confiture:validate` of this checkout's plugin with a baseline checkout's, on the
# repository bench/validate-bench.sh generated (bench/out/validate/repo: run that first), with Maven's
# start (-Dconfiture.skip=true, baseline plugin) in each round: on a shared, loaded machine only runs
# alternated in one session compare. Prints each run (wall ms, CPU ms = user + sys) and the medians.
#
#   git worktree add --detach ../base main
#   (cd ../base && mvn -o -q -pl confiture-maven-plugin -am verify -DskipTests -Dinvoker.test=validate-unknown-ref)
#   ROUNDS=7 bench/validate-ab.sh ../base
#
# Both plugins run from their checkout's confiture-maven-plugin/target/local-repo, as the benches do.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
BASE="$(cd "${1:?usage: bench/validate-ab.sh <baseline checkout>}" && pwd)"
ROUNDS="${ROUNDS:-7}"
OUT="$ROOT/bench/out/validate-ab"
REPO="$ROOT/bench/out/validate/repo"
[ -d "$REPO/.git" ] || { echo "No $REPO: run bench/validate-bench.sh first"; exit 1; }
mkdir -p "$OUT"
. "$ROOT/bench/lib.sh"
write_plugin_repo_settings "$OUT/base.xml" "$BASE/confiture-maven-plugin/target/local-repo"
write_plugin_repo_settings "$OUT/new.xml" "$ROOT/confiture-maven-plugin/target/local-repo"

run() { # label settings args...
  local label=$1 settings=$2; shift 2
  (cd "$REPO" && /usr/bin/time -o "$OUT/time" -f '%e %U %S' mvn -q -B -s "$settings" "$@" >"$OUT/last.log" 2>&1) \
    || { echo "$label failed:"; cat "$OUT/last.log"; exit 1; }
  read -r e u s <"$OUT/time"
  echo "$label $(echo "$e * 1000 / 1" | bc) $(echo "($u + $s) * 1000 / 1" | bc)"
}
run warm-base "$OUT/base.xml" confiture:validate >/dev/null
run warm-new "$OUT/new.xml" confiture:validate >/dev/null
echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
for ((i = 0; i < ROUNDS; i++)); do
  run skip "$OUT/base.xml" confiture:validate -Dconfiture.skip=true
  run base "$OUT/base.xml" confiture:validate
  run new "$OUT/new.xml" confiture:validate
done | tee "$OUT/runs.txt"
median() { awk -v l="$1" -v c="$2" '$1 == l { print $c }' "$OUT/runs.txt" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
read -r sw sc <<<"$(median skip 2) $(median skip 3)"
for l in base new; do
  read -r w c <<<"$(median $l 2) $(median $l 3)"
  printf '%-5s median wall %6d ms  cpu %6d ms   beyond start: wall %+d ms, cpu %+d ms\n' "$l" "$w" "$c" $((w - sw)) $((c - sc))
done
printf 'skip  median wall %6d ms  cpu %6d ms\n' "$sw" "$sc"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
