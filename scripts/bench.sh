#!/usr/bin/env bash
# Benchmarks of `smarketing check`, as ratios measured in one run on this machine:
#   - 1k, 10k, 20k and 100k generated tasks: time, throughput, peak memory;
#   - the ratio to a bare YAML event parse of the same file (examples/parse_floor.rs);
#   - the ratio to PyYAML's C loader loading the same file (if PyYAML with libyaml is installed);
#   - scaling from 10k to 100k tasks;
#   - a folder of 400 playbooks in one invocation against 400 invocations;
#   - the example playbooks, process start included.
# Every comparison runs its commands alternately, run after run, and compares medians: on a shared
# machine the speed drifts over seconds, and alternating puts both sides under the same drift.
# Needs python3 and /usr/bin/time. Writes Markdown to stdout.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
cargo build --locked --release --quiet --bin smarketing --example generate --example parse_floor
bin=target/release/smarketing
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python=${PYTHON:-python3}

# compare RUNS COMMAND... → the median seconds of each command, one per line. A command that
# starts with `sh:` runs through the shell.
compare() {
  "$python" - "$@" <<'PY'
import shlex, statistics, subprocess, sys, time
runs, commands = int(sys.argv[1]), sys.argv[2:]
def run(command):
    if command.startswith("sh:"):
        args, shell = command[3:], True
    else:
        args, shell = shlex.split(command), False
    start = time.perf_counter()
    subprocess.run(args, shell=shell, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start
for command in commands:
    run(command)  # warm-up: files in the page cache, binaries loaded
times = {command: [] for command in commands}
for _ in range(runs):
    for command in commands:
        times[command].append(run(command))
for command in commands:
    print(statistics.median(times[command]))
PY
}
peak_kib() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }
ratio() { "$python" -c "import sys; print(f'{float(sys.argv[1])/float(sys.argv[2]):.1f}')" "$1" "$2"; }
ms() { "$python" -c "import sys; print(f'{float(sys.argv[1])*1000:.{sys.argv[2]}f}')" "$1" "${2:-0}"; }

# What a check costs before the playbook's size matters: a 166-byte playbook.
tiny=tests/fixtures/rules/unowned-task/pass.yaml
base_kib=$(peak_kib "$bin" check "$tiny")
echo "| input | size | check | MB/s | event parse | check / parse | peak RSS | RSS / size | (RSS - $(( (base_kib + 512) / 1024 )) MiB) / size |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
for tasks in 1000 10000 20000 100000; do
  file="$work/gen-$tasks.yaml"
  target/release/examples/generate --tasks "$tasks" >"$file"
  bytes=$(stat -c %s "$file")
  { read -r check; read -r parse; } < <(compare 10 "$bin check $file" "target/release/examples/parse_floor $file")
  kib=$(peak_kib "$bin" check "$file")
  "$python" - "$tasks" "$bytes" "$check" "$parse" "$kib" "$base_kib" <<'PY'
import sys
tasks, size, check, parse, kib, base = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
print(f"| {tasks} tasks | {size/1e6:.1f} MB | {check*1000:.0f} ms | {size/1e6/check:.1f} | {parse*1000:.0f} ms | {check/parse:.1f}x | {kib/1024:.1f} MiB | {kib*1024/size:.1f}x | {(kib-base)*1024/size:.1f}x |")
PY
done
echo
echo "- A check of a 166-byte playbook peaks at $(( (base_kib + 512) / 1024 )) MiB (the binary, its libraries and the runtime); the last column is what the playbook adds."

{ read -r small; read -r large; } < <(compare 7 "$bin check $work/gen-10000.yaml" "$bin check $work/gen-100000.yaml")
echo "- 10x the tasks (10k -> 100k): $(ratio "$large" "$small")x the time ($(ms "$small") ms -> $(ms "$large") ms)."

if "$python" -c 'import yaml; assert yaml.__with_libyaml__' 2>/dev/null; then
  { read -r load; read -r check; } < <(compare 5 \
    "$python -c \"import yaml; yaml.load(open('$work/gen-20000.yaml'), Loader=yaml.CSafeLoader)\"" \
    "$bin check $work/gen-20000.yaml")
  echo "- PyYAML's C loader loads the 20k-task file in $(printf %.2f "$load") s; check takes $(ms "$check") ms: $(ratio "$load" "$check")x faster."
else
  echo "- PyYAML with libyaml is not installed: no comparison with its C loader."
fi

mkdir -p "$work/many"
target/release/examples/generate --tasks 50 >"$work/one.yaml"
for i in $(seq 1 400); do sed "s/^playbook: generated/playbook: generated-$i/" "$work/one.yaml" >"$work/many/p$i.yaml"; done
{ read -r together; read -r apart; } < <(compare 5 "$bin check $work/many" \
  "sh:for f in $work/many/*.yaml; do $bin check \$f >/dev/null 2>&1; done")
echo "- 400 playbooks: one invocation $(ms "$together") ms, 400 invocations $(ms "$apart") ms: $(ratio "$apart" "$together")x faster."

examples=$(compare 20 "$bin check playbooks/")
echo "- The example playbooks: $(ms "$examples" 1) ms per check, process start included."
