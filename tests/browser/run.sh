#!/usr/bin/env bash
# Browser test: renders the example playbooks, opens index.html and raci.html in headless
# Chromium, takes screenshots, and fails on a blank page, any console message or missing content.
# Needs Debian's `chromium` (`apt-get install chromium`); .ci/run installs it.
# SMARKETING_SCREENSHOTS=DIR keeps the screenshots there.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ]; then
  echo "browser test: chromium is not installed (apt-get install chromium)" >&2
  exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
shots=${SMARKETING_SCREENSHOTS:-$work/shots}
mkdir -p "$shots"
binary="$root/target/release/smarketing"
[ -x "$binary" ] || (cd "$root" && cargo build --locked --release --quiet)

failures=0
pages=0
check_page() {
  local name=$1 page=$2 expected=$3
  local log="$work/$name.log" dom="$work/$name.dom"
  # No network at all: the page must be self-contained, and Chromium's own background
  # connections would only add noise to the log.
  local flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
    --disable-background-networking --disable-component-update --disable-sync
    --hide-scrollbars --enable-logging=stderr --v=0 --user-data-dir="$work/profile-$name")
  timeout 120 "$chromium" "${flags[@]}" --window-size=1280,1600 \
    --screenshot="$shots/$name.png" "file://$page" >/dev/null 2>"$log" || true
  timeout 120 "$chromium" "${flags[@]}" --dump-dom "file://$page" >"$dom" 2>>"$log" || true
  local failed=0
  if [ ! -s "$shots/$name.png" ]; then
    echo "FAIL $name: no screenshot"
    failed=1
  elif ! python3 "$root/tests/browser/pixels.py" "$shots/$name.png" 0.02; then
    echo "FAIL $name: the page is blank"
    failed=1
  fi
  # Console messages are logged as "INFO:CONSOLE:line"; the pages have no scripts, so any is a fault.
  if grep -E ":CONSOLE|Uncaught" "$log" >"$work/$name.console"; then
    echo "FAIL $name: console output:"
    cat "$work/$name.console"
    failed=1
  fi
  if ! grep -q -- "$expected" "$dom"; then
    echo "FAIL $name: the page lacks \`$expected\`"
    failed=1
  fi
  if [ "$failed" -eq 0 ]; then
    echo "ok   $name"
  fi
  failures=$((failures + failed))
  pages=$((pages + 1))
}

for playbook in playbooks/hotel-seeblick/playbook.yaml playbooks/b2b-saas.yaml; do
  name=$(basename "$playbook" .yaml)
  [ "$name" = playbook ] && name=$(basename "$(dirname "$playbook")")
  out="$work/$name"
  (cd "$root" && "$binary" render "$playbook" --out "$out" 2>/dev/null)
  check_page "$name-index" "$out/index.html" "<svg"
  check_page "$name-raci" "$out/raci.html" 'class="raci"'
done
# The hotel writes German (`lang: de`); its English documents, too.
out="$work/hotel-seeblick-en"
(cd "$root" && "$binary" render playbooks/hotel-seeblick/playbook.yaml --lang en --out "$out" 2>/dev/null)
check_page "hotel-seeblick-en-index" "$out/index.html" "Lead lifecycle"
check_page "hotel-seeblick-en-raci" "$out/raci.html" 'class="raci"'

# A lifecycle of twelve stages with long labels: drawn top to bottom at full size, every label
# whole (the longest id would be cut in a row of boxes).
out="$work/long-lifecycle"
(cd "$root" && "$binary" render tests/fixtures/render/long-lifecycle.yaml --out "$out" 2>/dev/null)
check_page "long-lifecycle-index" "$out/index.html" ">insurance-approval-pending</text>"

echo "screenshots: $shots"
echo "browser: $((pages - failures)) passed, $failures failed"
[ "$failures" -eq 0 ]
