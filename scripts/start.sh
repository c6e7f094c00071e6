#!/usr/bin/env bash
# THE main command: install what is missing, build the CLI and the page, show
# the CLI on the bundled example, then serve the page on loopback until Ctrl-C.
#
# Usage: scripts/start.sh            (PORT=8080 by default)
# Honours CARGO_TARGET_DIR (default: ./target).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$(pwd -P)
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
port=${PORT:-8080}
target_dir=${CARGO_TARGET_DIR:-$root/target}
case "$target_dir" in /*) ;; *) target_dir="$root/$target_dir" ;; esac
strata="$target_dir/release/strata"
base=examples/mcp-mesh/environments/base/values.yaml
prod=examples/mcp-mesh/environments/production/values.yaml

log() { printf '\n==> %s\n' "$*"; }

log "installing missing tools"
scripts/install-tools.sh

log "building the CLI: cargo build --release -p strata-cli"
cargo build --release -p strata-cli

log "building the page"
scripts/build-web.sh

# The CLI on the bundled example. A failure here is reported but does not stop
# the page from being served (scripts/test.sh is the gate).
log "strata render -f $base -f $prod"
"$strata" render -f "$base" -f "$prod" || echo "!! strata render exited $?" >&2

log "strata explain registry.replicaCount -f $base -f $prod"
"$strata" explain registry.replicaCount -f "$base" -f "$prod" || echo "!! strata explain exited $?" >&2

log "the page: http://127.0.0.1:$port/  (Ctrl-C stops)"
exec python3 scripts/serve.py --port "$port" --dir www
