#!/usr/bin/env bash
# THE test command: exactly what CI runs (.ci/run execs this).
#
#   1. install missing tools (wasm target, wasm-bindgen-cli, Chromium, playwright-core)
#   2. cargo fmt --check
#   3. clippy -D warnings: whole workspace on the host, core and web for wasm32
#   4. native tests (cargo test --workspace)
#   5. wasm tests of strata-core and strata-tests under Node (fails if none ran)
#   6. Helm conformance against the release CLI, Helm 4 and Helm 3 profiles,
#      then the cases derived from the spec (tests/data/helm-spec-cases)
#   7. release web build (+ single-file page)
#   8. browser end-to-end test in headless Chromium
#
# Any failure stops the run with a non-zero exit. Honours CARGO_TARGET_DIR
# (default: ./target).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$(pwd -P)
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}
target_dir=${CARGO_TARGET_DIR:-$root/target}
case "$target_dir" in /*) ;; *) target_dir="$root/$target_dir" ;; esac
logs=$(mktemp -d)

started=$SECONDS
step_name=""
step_started=$SECONDS
passed=0
timings=()

step() {
    finish_step
    step_name=$1
    step_started=$SECONDS
    printf '\n==> [%s] %s\n' "$(date +%H:%M:%S)" "$step_name"
}
finish_step() {
    if [ -n "$step_name" ]; then
        passed=$((passed + 1))
        timings+=("$(printf '%5ds  %s' $((SECONDS - step_started)) "$step_name")")
    fi
}
on_exit() {
    local code=$?
    if [ "$code" != 0 ]; then
        printf '\ntest.sh: FAILED at step "%s" (exit %d) after %ds\n' "$step_name" "$code" $((SECONDS - started))
    fi
    rm -rf "$logs"
}
trap on_exit EXIT

# Sum of "N passed" over every `test result:` line in a log.
count_passed() {
    grep -E '^test result: ' "$1" | sed -E 's/.* ([0-9]+) passed.*/\1/' | awk '{ s += $1 } END { print s + 0 }'
}

step "install tools"
scripts/install-tools.sh --browser

step "cargo fmt --check"
cargo fmt --all --check

step "clippy (host, all targets)"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "clippy (wasm32: strata-core, strata-web)"
cargo clippy --target wasm32-unknown-unknown -p strata-core -p strata-web --locked -- -D warnings

step "native tests"
cargo test --workspace --locked --no-fail-fast 2>&1 | tee "$logs/native.log"
native=$(count_passed "$logs/native.log")
echo "native tests passed: $native"
[ "$native" -gt 0 ] || { echo "error: no native test ran" >&2; exit 1; }

step "wasm tests under Node (strata-core, strata-tests)"
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
    cargo test --target wasm32-unknown-unknown -p strata-core -p strata-tests --locked 2>&1 | tee "$logs/wasm.log"
wasm=$(count_passed "$logs/wasm.log")
echo "wasm tests passed: $wasm"
[ "$wasm" -gt 0 ] || { echo "error: no wasm test ran (see toolchain trap 5)" >&2; exit 1; }

step "release CLI"
cargo build --release --locked -p strata-cli
export STRATA_BIN="$target_dir/release/strata"

# "P/N cases match" -> P
cases_matched() { sed -nE 's/^helm conformance.*: ([0-9]+)\/[0-9]+ cases match$/\1/p' "$1" | tail -n1; }

step "Helm conformance (Helm 4)"
python3 scripts/helm-conformance.py --strata "$STRATA_BIN" | tee "$logs/helm4.log"
helm4=$(cases_matched "$logs/helm4.log"); helm4=${helm4:-0}

step "Helm conformance (Helm 3)"
python3 scripts/helm-conformance.py --helm 3 --strata "$STRATA_BIN" | tee "$logs/helm3.log"
helm3=$(cases_matched "$logs/helm3.log"); helm3=${helm3:-0}

step "Helm spec-derived cases (Helm 4 and Helm 3)"
python3 scripts/helm-conformance.py --cases tests/data/helm-spec-cases/cases --strata "$STRATA_BIN" | tee "$logs/spec4.log"
python3 scripts/helm-conformance.py --helm 3 --cases tests/data/helm-spec-cases/cases --strata "$STRATA_BIN" | tee "$logs/spec3.log"
spec4=$(cases_matched "$logs/spec4.log"); spec3=$(cases_matched "$logs/spec3.log")

step "release web build"
scripts/build-web.sh --single-file

step "browser end-to-end test (headless Chromium)"
(cd tests/browser && SCREENSHOT_DIR="${SCREENSHOT_DIR:-${TMPDIR:-/tmp}}" node --test e2e.test.mjs) | tee "$logs/browser.log"
browser=$(sed -nE 's/^# pass ([0-9]+)$/\1/p' "$logs/browser.log" | tail -n1)
[ "${browser:-0}" -gt 0 ] || { echo "error: no browser test ran" >&2; exit 1; }

finish_step
step_name=""
printf '\n==> timings\n'
printf '%s\n' "${timings[@]}"
printf 'test.sh: all %d steps passed in %ds\n' "$passed" $((SECONDS - started))
printf '  native tests %d, wasm tests %d, Helm cases %d (Helm 4) + %d (Helm 3), spec cases %d + %d, browser tests %d\n' \
    "$native" "$wasm" "$helm4" "$helm3" "${spec4:-0}" "${spec3:-0}" "$browser"
printf 'all: %d passed, 0 failed\n' $((native + wasm + helm4 + helm3 + ${spec4:-0} + ${spec3:-0} + browser))
