#!/usr/bin/env bash
# Benchmark of the workspace commands on a generated workspace (not a test):
# `strata matrix -o json`, `strata diff` for every adjacent pair (`--promotion`, and one
# process per pair), and `strata check`,
# each timed with /usr/bin/time -v (wall time and peak RSS), against the goal of
# <= 1 s and <= 5x the input bytes.
#
# usage: bench/matrix.sh [ENVIRONMENTS] [LEAVES] [OVERLAYS]   (default 100 x 20000, spread overlays;
#        cached in $CARGO_TARGET_DIR/bench; OVERLAYS `focused` changes a few services per environment,
#        see bench/gen_workspace.py)
#        STRATA=/path/to/strata bench/matrix.sh      (measure that binary instead of building this tree's,
#                                                    e.g. a build of an older commit, for before/after)
set -euo pipefail
cd "$(dirname "$0")/.."
envs=${1:-100}
leaves=${2:-20000}
overlays=${3:-spread}
target_dir=${CARGO_TARGET_DIR:-target}
work="$target_dir/bench/workspace-${envs}x${leaves}"
[ "$overlays" = spread ] || work="$work-$overlays"

[ -n "${STRATA:-}" ] || cargo build --release -q -p strata-cli
mkdir -p "$target_dir"
target_dir=$(cd "$target_dir" 2>/dev/null && pwd || echo "$target_dir")
strata=${STRATA:-"$target_dir/release/strata"}
[ -s "$work/strata.yaml" ] || python3 bench/gen_workspace.py "$work" "$envs" "$leaves" "$overlays"
input_bytes=$(find "$work" -type f -name '*.yaml' -printf '%s\n' | awk '{s += $1} END {print s}')
echo "input: $envs environments x $leaves leaves ($overlays overlays), $input_bytes bytes of YAML"
goal=$(mktemp)

# One timed run: prints seconds, peak RSS (KiB), exit code, stdout bytes.
measure() {
  local label=$1; shift
  local log out
  log=$(mktemp); out=$(mktemp)
  set +e
  /usr/bin/time -v "$@" >"$out" 2>"$log"
  local code=$?
  set -e
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$log")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
  # For the goal line: seconds (from m:ss.cc) and peak RSS of this run.
  echo "$label $(echo "$wall" | awk -F: '{print $(NF-1) * 60 + $NF}') $rss" >>"$goal"
  printf '%-34s wall %-8s peak RSS %7d KiB (%5.1fx input)  exit %d  stdout %d bytes\n' \
    "$label" "$wall" "$rss" "$(echo "$rss * 1024 / $input_bytes" | bc -l)" "$code" "$(stat -c %s "$out")"
  if [ "$code" -ge 2 ]; then head -c 400 "$log" | grep -v '^\s' >&2 || true; fi
  rm -f "$log" "$out"
}

measure "matrix -o json" "$strata" matrix -C "$work" -o json
measure "matrix (table)" "$strata" matrix -C "$work" --width 200
measure "matrix --only-diff -o csv" "$strata" matrix -C "$work" --only-diff -o csv
measure "matrix --only-diff (table)" "$strata" matrix -C "$work" --only-diff --width 200

measure "diff --promotion (one process)" "$strata" diff --promotion -C "$work"

# Every adjacent pair along the environment order, one process each; total wall time.
if "$strata" diff env-000 env-001 -C "$work" >/dev/null 2>&1 || [ $? -eq 1 ]; then
  start=$(date +%s.%N)
  peak=0
  for ((e = 0; e + 1 < envs; e++)); do
    a=$(printf 'env-%03d' "$e"); b=$(printf 'env-%03d' "$((e + 1))")
    /usr/bin/time -o "$work/.rss" -f '%M' "$strata" diff "$a" "$b" -C "$work" >/dev/null 2>&1 || true
    rss=$(tail -1 "$work/.rss")
    if [ "${rss:-0}" -gt "$peak" ]; then peak=$rss; fi
  done
  end=$(date +%s.%N)
  printf '%-34s wall %-8.2f peak RSS %7d KiB (%5.1fx input)  (%d processes)\n' \
    "diff, every adjacent pair" "$(echo "$end - $start" | bc -l)" "$peak" "$(echo "$peak * 1024 / $input_bytes" | bc -l)" "$((envs - 1))"
else
  echo "diff: not available yet ($("$strata" diff env-000 env-001 -C "$work" 2>&1 | head -1))"
fi
measure "check" "$strata" check -C "$work"

# The issue's goal: matrix + every adjacent diff (one process) + check in <= 1 s and <= 5x the input.
awk -v input="$input_bytes" '
  /^matrix \(table\) |^diff --promotion|^check / { secs += $(NF-1); if ($NF > rss) rss = $NF }
  END { printf "goal: matrix (table) + diff --promotion + check = %.2f s (goal <= 1 s), peak RSS %.1fx input (goal <= 5x)\n", secs, rss * 1024 / input }
' "$goal"
rm -f "$goal"
