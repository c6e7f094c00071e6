#!/usr/bin/env bash
# Builds the page: strata-web for wasm32 (profile wasm-release), then the JS glue
# with wasm-bindgen into www/pkg/ (gitignored).
#
# Absolute paths are remapped (the checkout, cargo's registry sources), so the
# .wasm is byte-identical from any checkout path.
#
# Usage: scripts/build-web.sh [--single-file]
#   --single-file  also write www/strata.html: one HTML file with the JS glue
#                  inline and the wasm as base64, which works from file://
# Honours CARGO_TARGET_DIR (default: ./target). Run scripts/install-tools.sh first.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$(pwd -P)

single=0
for arg in "$@"; do
    case "$arg" in
        --single-file) single=1 ;;
        *) echo "usage: $0 [--single-file]" >&2; exit 2 ;;
    esac
done

log() { printf '==> %s\n' "$*"; }
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
target_dir=${CARGO_TARGET_DIR:-$root/target}
cargo_home=${CARGO_HOME:-$HOME/.cargo}

log "cargo fetch (so every registry source dir exists before remapping)"
cargo fetch --target wasm32-unknown-unknown

# One --remap-path-prefix per registry source dir (their names contain the
# registry's host) and one for the checkout. Longest prefixes first.
remap=()
if [ -d "$cargo_home/registry/src" ]; then
    for dir in "$cargo_home"/registry/src/*/; do
        dir=${dir%/}
        remap+=("--remap-path-prefix=$dir=/cargo/registry")
    done
fi
if [ -d "$cargo_home/git/checkouts" ]; then
    remap+=("--remap-path-prefix=$cargo_home/git/checkouts=/cargo/git")
fi
remap+=("--remap-path-prefix=$root=/strata")
rustflags="${RUSTFLAGS:-} ${remap[*]}"

log "cargo build -p strata-web --target wasm32-unknown-unknown --profile wasm-release"
RUSTFLAGS="$rustflags" cargo build -p strata-web --target wasm32-unknown-unknown --profile wasm-release

wasm="$target_dir/wasm32-unknown-unknown/wasm-release/strata_web.wasm"
log "wasm-bindgen --target web --remove-name-section --out-dir www/pkg"
rm -rf www/pkg
wasm-bindgen --target web --no-typescript --remove-name-section --out-dir www/pkg "$wasm"

for file in www/pkg/strata_web_bg.wasm www/pkg/strata_web.js; do
    printf '    %-28s %8d bytes, %7d gzipped\n' "$file" "$(wc -c <"$file")" "$(gzip -9 -c "$file" | wc -c)"
done

if [ "$single" = 1 ]; then
    log "single-file page: www/strata.html"
    python3 scripts/single-file.py www/index.html www/style.css www/pkg/strata_web.js \
        www/pkg/strata_web_bg.wasm www/strata.html
    printf '    %-28s %8d bytes\n' www/strata.html "$(wc -c <www/strata.html)"
fi
log "web build done: serve www/ (scripts/serve.py) and open index.html"
