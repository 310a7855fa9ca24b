#!/usr/bin/env bash
# Benchmarks of `smarketing check`, as ratios measured in one run on this machine:
#   - 1k, 10k, 20k and 100k generated tasks, lint clean and with 5 % of the tasks carrying a
#     finding as real playbooks do: time, throughput, peak memory;
#   - the ratio to a bare YAML event parse of the same file (examples/parse_floor.rs);
#   - the ratio to PyYAML's C loader loading the same file (if PyYAML with libyaml is installed);
#   - scaling from 10k to 100k tasks, clean and with findings;
#   - a folder of 400 playbooks in one invocation against 400 invocations;
#   - the example playbooks, process start included;
#   - the default (human) output against `--format concise`, with hundreds and with 20,000
#     findings;
#   - adversarial files against a clean playbook of as many tasks: 20,000 unknown top-level keys,
#     20,000 misspelled references, 20,000 findings.
# Every comparison runs its commands alternately, run after run, and compares medians: on a shared
# machine the speed drifts over seconds, and alternating puts both sides under the same drift.
# Needs python3 and /usr/bin/time. Writes Markdown to stdout. SMARKETING=path measures another
# build of the binary (an older commit, say) with this script and generator.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
cargo build --locked --release --quiet --bin smarketing --example generate --example parse_floor
target=${CARGO_TARGET_DIR:-target}
bin=${SMARKETING:-$target/release/smarketing}
generate=$target/release/examples/generate
parse_floor=$target/release/examples/parse_floor
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
# Peak RSS of a command in KiB (a check with findings exits with 1; the last line is the figure).
peak_kib() { { /usr/bin/time -f %M "$@" 2>&1 >/dev/null || true; } | tail -1; }
ratio() { "$python" -c "import sys; print(f'{float(sys.argv[1])/float(sys.argv[2]):.1f}')" "$1" "$2"; }
# How many findings a check of FILE reports (one line each in concise output; exit code 1).
count_findings() { { "$bin" check --format concise "$1" 2>/dev/null || true; } | wc -l; }
ms() { "$python" -c "import sys; print(f'{float(sys.argv[1])*1000:.{sys.argv[2]}f}')" "$1" "${2:-0}"; }

# What a check costs before the playbook's size matters: a 166-byte playbook.
tiny=tests/fixtures/rules/unowned-task/pass.yaml
base_kib=$(peak_kib "$bin" check "$tiny")
echo "| input | size | check | MB/s | event parse | check / parse | peak RSS | RSS / size | (RSS - $(( (base_kib + 512) / 1024 )) MiB) / size |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
for tasks in 1000 10000 20000 100000; do
  for kind in clean findings; do
    file="$work/gen-$tasks-$kind.yaml"
    if [ "$kind" = clean ]; then
      "$generate" --tasks "$tasks" >"$file"
      label="$tasks tasks"
    else
      "$generate" --tasks "$tasks" --findings 5 >"$file"
      label="$tasks tasks, 5 % with findings ($(count_findings "$file"))"
    fi
    bytes=$(stat -c %s "$file")
    { read -r check; read -r parse; } < <(compare 10 "$bin check $file" "$parse_floor $file")
    kib=$(peak_kib "$bin" check "$file")
    "$python" - "$label" "$bytes" "$check" "$parse" "$kib" "$base_kib" <<'PY'
import sys
label, size, check, parse, kib, base = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
print(f"| {label} | {size/1e6:.1f} MB | {check*1000:.0f} ms | {size/1e6/check:.1f} | {parse*1000:.0f} ms | {check/parse:.1f}x | {kib/1024:.1f} MiB | {kib*1024/size:.1f}x | {(kib-base)*1024/size:.1f}x |")
PY
  done
done
echo
echo "- A check of a 166-byte playbook peaks at $(( (base_kib + 512) / 1024 )) MiB (the binary, its libraries and the runtime); the last column is what the playbook adds."

for kind in clean findings; do
  { read -r small; read -r large; } < <(compare 7 "$bin check $work/gen-10000-$kind.yaml" "$bin check $work/gen-100000-$kind.yaml")
  echo "- 10x the tasks (10k -> 100k, $kind): $(ratio "$large" "$small")x the time ($(ms "$small") ms -> $(ms "$large") ms)."
done

if "$python" -c 'import yaml; assert yaml.__with_libyaml__' 2>/dev/null; then
  for kind in clean findings; do
    { read -r load; read -r check; } < <(compare 5 \
      "$python -c \"import yaml; yaml.load(open('$work/gen-20000-$kind.yaml'), Loader=yaml.CSafeLoader)\"" \
      "$bin check $work/gen-20000-$kind.yaml")
    echo "- PyYAML's C loader loads the 20k-task file ($kind) in $(printf %.2f "$load") s; check takes $(ms "$check") ms: $(ratio "$load" "$check")x faster."
  done
else
  echo "- PyYAML with libyaml is not installed: no comparison with its C loader."
fi

mkdir -p "$work/many"
"$generate" --tasks 50 >"$work/one.yaml"
for i in $(seq 1 400); do sed "s/^playbook: generated/playbook: generated-$i/" "$work/one.yaml" >"$work/many/p$i.yaml"; done
{ read -r together; read -r apart; } < <(compare 5 "$bin check $work/many" \
  "sh:for f in $work/many/*.yaml; do $bin check \$f >/dev/null 2>&1; done")
echo "- 400 playbooks: one invocation $(ms "$together") ms, 400 invocations $(ms "$apart") ms: $(ratio "$apart" "$together")x faster."

examples=$(compare 20 "$bin check playbooks/")
echo "- The example playbooks: $(ms "$examples" 1) ms per check, process start included."

# The default output shows each finding with its source lines; concise is one line per finding.
for percent in 1 100; do
  file="$work/human-$percent.yaml"
  "$generate" --tasks 20000 --findings "$percent" >"$file"
  findings=$(count_findings "$file")
  { read -r human; read -r concise; } < <(compare 5 "$bin check $file" "$bin check --format concise $file")
  echo "- $findings findings (20k tasks): human output $(ms "$human") ms, concise $(ms "$concise") ms: $(ratio "$human" "$concise")x."
done

# Adversarial files of 20k tasks, each against the clean 20k-task playbook, in the default output
# and in concise.
clean="$work/gen-20000-clean.yaml"
for case in "--unknown-keys 20000:20,000 unknown top-level keys" \
  "--misspelled 20000:20,000 misspelled references" \
  "--findings 100:20,000 findings"; do
  options=${case%%:*}
  file="$work/adversarial-${options// /}.yaml"
  # shellcheck disable=SC2086 # the options are two words
  "$generate" --tasks 20000 $options >"$file"
  { read -r base; read -r human; read -r concise; } < <(compare 5 "$bin check $clean" \
    "$bin check $file" "$bin check --format concise $file")
  echo "- ${case#*:}: check $(ms "$human") ms ($(ratio "$human" "$base")x the clean playbook's $(ms "$base") ms), concise $(ms "$concise") ms ($(ratio "$concise" "$base")x)."
done
