#!/usr/bin/env bash
# Whole-process benchmark of `strata render` against a PyYAML deep-merge script,
# run in the same go so the ratio is meaningful on this machine.
#
# usage: bench/run.sh [MEGABYTES]     (default 50; the generated file is cached in target/bench)
set -euo pipefail
cd "$(dirname "$0")/.."
size_mb=${1:-50}
target_dir=${CARGO_TARGET_DIR:-target}
work="$target_dir/bench"
mkdir -p "$work"

cargo build --release -q -p strata-cli
strata="$target_dir/release/strata"
python3 -c 'import yaml' 2>/dev/null || pip install -q pyyaml

big="$work/values-${size_mb}mb.yaml"
[ -s "$big" ] || python3 bench/gen_values.py "$big" "$size_mb"
overlay=bench/overlay.yaml
kps=tests/data/corpus/charts/kube-prometheus-stack/values.yaml

# Best of N wall-clock seconds for one command (stdout discarded).
best_of() {
  local runs=$1; shift
  python3 - "$runs" "$@" <<'PY'
import subprocess, sys, time
runs = int(sys.argv[1]); cmd = sys.argv[2:]
best = None
for _ in range(runs):
    t = time.perf_counter()
    r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    d = time.perf_counter() - t
    if r.returncode != 0:
        sys.exit("command failed: %s" % " ".join(cmd))
    best = d if best is None else min(best, d)
print("%.4f" % best)
PY
}

report() {
  local label=$1 bytes=$2 ours=$3 theirs=$4
  python3 - "$label" "$bytes" "$ours" "$theirs" <<'PY'
import sys
label, size, ours, theirs = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
mb = size / 1e6
print("%-28s %8.2f MB  strata %7.3f s (%7.1f MB/s)  pyyaml %7.3f s (%6.1f MB/s)  strata is %.1fx faster"
      % (label, mb, ours, mb / ours, theirs, mb / theirs, theirs / ours))
PY
}

bytes_of() { cat "$@" | wc -c; }

echo "machine: $(nproc) cores; $("$strata" --version); python $(python3 -c 'import platform,yaml;print(platform.python_version(), "pyyaml", yaml.__version__, "libyaml" if yaml.__with_libyaml__ else "pure")')"
ours=$(best_of 5 "$strata" render -q -f "$kps" -f "$overlay" -o json)
theirs=$(best_of 5 python3 bench/pyyaml_merge.py "$kps" "$overlay")
report "kube-prometheus-stack+ovl" "$(bytes_of "$kps" "$overlay")" "$ours" "$theirs"

ours=$(best_of 3 "$strata" render -q -f "$big" -f "$overlay" -o json)
theirs=$(best_of 1 python3 bench/pyyaml_merge.py "$big" "$overlay")
report "generated ${size_mb} MB+ovl" "$(bytes_of "$big" "$overlay")" "$ours" "$theirs"

# Peak memory of one run each (KiB, from /usr/bin/time), as a multiple of the input.
peak_rss() { /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -1; }
if [ -x /usr/bin/time ]; then
  for label in strata pyyaml; do
    if [ "$label" = strata ]; then cmd=("$strata" render -q -f "$big" -f "$overlay" -o json)
    else cmd=(python3 bench/pyyaml_merge.py "$big" "$overlay"); fi
    kib=$(peak_rss "${cmd[@]}")
    printf '%-28s peak RSS %8d KiB (%.1fx input)\n' "$label ${size_mb} MB+ovl" "$kib" \
      "$(echo "$kib * 1024 / $(bytes_of "$big" "$overlay")" | bc -l)"
  done
fi
