#!/usr/bin/env bash
# Benchmarks of `smarketing lsp` over stdio, as an editor drives it (examples/lsp_latency.rs):
# the hotel example (four files) and a generated playbook of 20,000 tasks with 5 % findings,
# each opened, then edited one keystroke at a time and in a burst. Writes Markdown to stdout.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
cargo build --locked --release --quiet --bin smarketing --example generate --example lsp_latency
target=${CARGO_TARGET_DIR:-target}
bin=$target/release/smarketing
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$target/release/examples/generate" --tasks 20000 --findings 5 > "$work/big.yaml"
echo "## smarketing lsp: keystroke to diagnostics"
echo
"$target/release/examples/lsp_latency" "$bin" playbooks/hotel-seeblick/playbook.yaml 200
"$target/release/examples/lsp_latency" "$bin" "$work/big.yaml" 10
