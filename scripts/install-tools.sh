#!/usr/bin/env bash
# Installs what building and testing strata needs, and only what is missing:
#   - the wasm32-unknown-unknown std (rustup), rustfmt and clippy
#   - wasm-bindgen-cli at exactly the wasm-bindgen version in Cargo.lock
#     (also provides wasm-bindgen-test-runner)
#   - with --browser: Debian's chromium + chromium-driver, and playwright-core
#     in tests/browser (npm ci; it never downloads a browser)
# Safe to run again: every step checks first.
#
# Usage: scripts/install-tools.sh [--browser]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

browser=0
for arg in "$@"; do
    case "$arg" in
        --browser) browser=1 ;;
        *) echo "usage: $0 [--browser]" >&2; exit 2 ;;
    esac
done

log() { printf '==> %s\n' "$*"; }
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

# Rust pieces.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    log "rustup target add wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
else
    log "wasm32-unknown-unknown target: present"
fi
for component in rustfmt clippy; do
    if ! rustup component list --installed | grep -q "^$component"; then
        log "rustup component add $component"
        rustup component add "$component"
    fi
done

# wasm-bindgen-cli must be the very version of the wasm-bindgen crate in Cargo.lock:
# the generated JS glue rejects a module built against another version.
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ -z "$want" ]; then
    echo "error: no wasm-bindgen in Cargo.lock" >&2
    exit 1
fi
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" = "$want" ] && command -v wasm-bindgen-test-runner >/dev/null; then
    log "wasm-bindgen-cli $want: present"
else
    # `--locked` fails (a crate pinned in the CLI's own lock is gone from the
    # registry), so install unlocked. Build in cargo's temporary dir, not ours.
    log "cargo install wasm-bindgen-cli --version $want (had: ${have:-none}; takes ~3 min once)"
    env -u CARGO_TARGET_DIR cargo install wasm-bindgen-cli --version "$want" --force
fi

if [ "$browser" = 1 ]; then
    if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
        log "apt-get install chromium chromium-driver"
        apt-get update
        DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium chromium-driver
    else
        log "chromium: present ($(/usr/bin/chromium --version 2>/dev/null | head -n1))"
    fi
    if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
        echo "error: node and npm are needed for the browser tests" >&2
        exit 1
    fi
    lock_version=$(node -e 'console.log(require("./tests/browser/package-lock.json").packages["node_modules/playwright-core"].version)')
    installed_version=$(node -e 'try { console.log(require("./tests/browser/node_modules/playwright-core/package.json").version) } catch { console.log("") }')
    if [ "$installed_version" = "$lock_version" ]; then
        log "playwright-core $lock_version: present"
    else
        log "npm ci in tests/browser (playwright-core $lock_version)"
        (cd tests/browser && npm ci --no-audit --no-fund)
    fi
fi
log "tools ready"
