#!/usr/bin/env bash
# Rewrites every generated file from its source, then lists what changed for review:
#   - schemas/playbook.schema.json, printed by the binary (`smarketing schema`);
#   - docs/rules.md and docs/templates.md, written by their staleness tests (UPDATE_DOCS=1);
#   - the insta snapshots in tests/integration/snapshots.
# The tests that guard these files point here when one is stale. Works from any folder.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

# Through a temporary file, so that a build failure does not leave the schema empty.
schema=$(mktemp)
trap 'rm -f "$schema"' EXIT
cargo run --locked --quiet --bin smarketing -- schema >"$schema"
cat "$schema" >schemas/playbook.schema.json

UPDATE_DOCS=1 cargo test --locked --quiet --test integration -- \
  rules_reference_is_current templates_reference_is_current committed_schema_is_current

# `always` writes the new value of every snapshot that differs; `INSTA_FORCE_PASS` keeps a
# mismatch from stopping a test, so a test that asserts many snapshots in a loop updates them
# all in one run. Other failures still fail the run; the changes are listed either way.
status=0
INSTA_UPDATE=always INSTA_FORCE_PASS=1 cargo test --locked --quiet --test integration || status=$?

echo
echo "Changed files (review with git diff):"
git status --short -- schemas docs tests/integration/snapshots
if [ "$status" -ne 0 ]; then
  echo "some tests failed while updating the snapshots; see above" >&2
fi
exit "$status"
