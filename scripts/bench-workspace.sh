#!/usr/bin/env bash
# A workspace against self-contained playbooks, measured side by side in one run:
#   - 500 house playbooks in a workspace (`smarketing.toml`), each including the same three
#     shared files (the group's people, KPI catalogue and CRM fields);
#   - 500 self-contained playbooks with the same content: each house with the three shared
#     files' sections written into it.
# Both are one `check` of the whole folder. The two sides run alternately, run after run, and
# their medians are compared (see scripts/bench.sh). Needs python3. Writes Markdown to stdout.
# HOUSES and RUNS change the number of playbooks (500) and of runs (7).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
cargo build --locked --release --quiet --bin smarketing
bin=${CARGO_TARGET_DIR:-target}/release/smarketing
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python=${PYTHON:-python3}
houses=${HOUSES:-500}
runs=${RUNS:-7}

"$python" - "$work" "$houses" <<'PY'
import os, sys
work, houses = sys.argv[1], int(sys.argv[2])
shared = {
    "people": {
        "teams": ["  group-marketing: { name: Group Marketing, lead: person-0 }"],
        "people": [f"  person-{i}: {{ name: Person {i}, team: group-marketing, role: Marketing manager {i}, email: person-{i}@group.example }}" for i in range(80)],
    },
    "kpis": {
        "kpis": [f"  kpi-{i}:\n    title: Group KPI number {i}\n    owner: person-{i % 80}\n    unit: percent\n    formula: bookings of kind {i} / inquiries of kind {i} * 100\n    target: \">= {i % 50 + 10}\"\n    review: weekly" for i in range(80)],
    },
    "fields": {
        "fields": [f"  field_{i}: {{ label: Field {i}, type: enum, options: [option-a, option-b, option-c], captured_by: group-marketing }}" for i in range(80)],
    },
}
all_kpis = ", ".join(f"kpi-{i}" for i in range(80))
def house(n):
    return {
        "teams": [f"  sales: {{ name: Sales house {n}, lead: seller-{n} }}"],
        "people": [f"  seller-{n}: {{ name: Seller {n}, team: sales, role: Director of Sales }}"],
        "goals": [f"  revenue:\n    title: Grow house {n}\n    owners: [group-marketing, sales]\n    kpis: [{all_kpis}]\n    due: 2027-12-31"],
        "meetings": [f"  weekly-sync:\n    title: Weekly sync\n    cadence: weekly\n    owner: person-0\n    attendees: [group-marketing, sales]\n    reviews: [{all_kpis}]"],
        "contacts": [f"  group-inquiries: seller-{n}"],
    }
def sections(parts):
    merged = {}
    for part in parts:
        for key, lines in part.items():
            merged.setdefault(key, []).extend(lines)
    return "".join(f"{key}:\n" + "\n".join(lines) + "\n" for key, lines in merged.items())
ws = os.path.join(work, "workspace")
alone = os.path.join(work, "self-contained")
os.makedirs(os.path.join(ws, "group"))
os.makedirs(alone)
with open(os.path.join(ws, "smarketing.toml"), "w") as f:
    f.write("[workspace]\n")
for name, part in shared.items():
    with open(os.path.join(ws, "group", f"{name}.yaml"), "w") as f:
        f.write(sections([part]))
for n in range(houses):
    folder = os.path.join(ws, "houses", f"house-{n}")
    os.makedirs(folder)
    head = f"version: 1\nplaybook: house-{n}\n"
    include = "include: [../../group/people.yaml, ../../group/kpis.yaml, ../../group/fields.yaml]\n"
    with open(os.path.join(folder, "playbook.yaml"), "w") as f:
        f.write(head + include + sections([house(n)]))
    with open(os.path.join(alone, f"house-{n}.yaml"), "w") as f:
        f.write(head + sections([shared["people"], shared["kpis"], shared["fields"], house(n)]))
PY

size() { du -sb "$1" | cut -f1; }
ws_bytes=$(size "$work/workspace")
alone_bytes=$(size "$work/self-contained")
# The playbooks are clean, so both sides print the same (nothing): the work is compared, not
# the output. The findings are counted to show it.
"$bin" check --format concise "$work/workspace" >"$work/ws.txt" || true
"$bin" check --format concise "$work/self-contained" >"$work/alone.txt" || true

"$python" - "$runs" "$bin check $work/workspace" "$bin check $work/self-contained" >"$work/times" <<'PY'
import shlex, statistics, subprocess, sys, time
runs, commands = int(sys.argv[1]), sys.argv[2:]
def run(command):
    start = time.perf_counter()
    subprocess.run(shlex.split(command), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start
for command in commands:
    run(command)
times = {command: [] for command in commands}
for _ in range(runs):
    for command in commands:
        times[command].append(run(command))
for command in commands:
    print(statistics.median(times[command]))
PY
{ read -r ws; read -r alone; } <"$work/times"
"$python" - "$houses" "$ws" "$alone" "$ws_bytes" "$alone_bytes" "$(wc -l <"$work/ws.txt")" "$(wc -l <"$work/alone.txt")" <<'PY'
import sys
houses, ws, alone = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
ws_bytes, alone_bytes, ws_lines, alone_lines = map(int, sys.argv[4:])
print(f"| {houses} playbooks | on disk | check (median) | findings |")
print("| --- | --- | --- | --- |")
print(f"| workspace, 3 shared includes | {ws_bytes/1e6:.1f} MB | {ws*1000:.0f} ms | {ws_lines} |")
print(f"| self-contained, same content | {alone_bytes/1e6:.1f} MB | {alone*1000:.0f} ms | {alone_lines} |")
print()
print(f"- The workspace is checked {alone/ws:.1f}x faster than the self-contained playbooks (target: at least 2x).")
PY
