#!/usr/bin/env bash
# Benchmarks of `smarketing check`, as ratios measured in one run on this machine:
#   - 1k, 10k, 100k and 20k generated tasks: time, throughput, peak memory;
#   - the ratio to a bare YAML event parse of the same file (examples/parse_floor.rs);
#   - the ratio to PyYAML's C loader loading the same file (if PyYAML with libyaml is installed);
#   - scaling from 10k to 100k tasks;
#   - a folder of 400 playbooks in one invocation against 400 invocations;
#   - the example playbooks, process start included.
# Needs hyperfine (apt-get install hyperfine) and /usr/bin/time. Writes a Markdown table to stdout.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
cargo build --locked --release --quiet --bin smarketing --example generate --example parse_floor
bin=target/release/smarketing
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python=${PYTHON:-python3}

# The median of the runs: on a shared machine, other work lengthens some runs a lot, and the
# median is what a typical run takes.
median() { # command... → median seconds over hyperfine runs
  hyperfine --style none --warmup 1 --runs "${RUNS:-10}" --export-json "$work/h.json" "$@" >/dev/null 2>&1
  "$python" -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["median"])' "$work/h.json"
}
peak_kib() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }

# What the process takes before reading anything (code, libraries, runtime).
base_kib=$(peak_kib "$bin" --version)
echo "| input | size | check | MB/s | event parse | check / parse | peak RSS | RSS / size | (RSS - $((base_kib / 1024)) MiB at start) / size |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
declare -A seconds
for tasks in 1000 10000 20000 100000; do
  file="$work/gen-$tasks.yaml"
  target/release/examples/generate --tasks "$tasks" >"$file"
  bytes=$(stat -c %s "$file")
  check=$(median "$bin check $file")
  parse=$(median "target/release/examples/parse_floor $file")
  kib=$(peak_kib "$bin" check "$file")
  seconds[$tasks]=$check
  "$python" - "$tasks" "$bytes" "$check" "$parse" "$kib" "$base_kib" <<'PY'
import sys
tasks, size, check, parse, kib, base = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
print(f"| {tasks} tasks | {size/1e6:.1f} MB | {check*1000:.0f} ms | {size/1e6/check:.1f} | {parse*1000:.0f} ms | {check/parse:.1f}x | {kib/1024:.1f} MiB | {kib*1024/size:.1f}x | {(kib-base)*1024/size:.1f}x |")
PY
done
"$python" -c "import sys; print(f'\n10x the tasks (10k -> 100k) costs {float(sys.argv[2])/float(sys.argv[1]):.1f}x the time')" "${seconds[10000]}" "${seconds[100000]}"

if "$python" -c 'import yaml; assert yaml.__with_libyaml__' 2>/dev/null; then
  load=$(median "$python -c \"import yaml; yaml.load(open('$work/gen-20000.yaml'), Loader=yaml.CSafeLoader)\"")
  "$python" -c "import sys; print(f'PyYAML C loader loads 20k tasks in {float(sys.argv[1]):.2f} s; check is {float(sys.argv[1])/float(sys.argv[2]):.1f}x faster')" "$load" "${seconds[20000]}"
else
  echo "PyYAML with libyaml is not installed: no comparison with its C loader"
fi

mkdir -p "$work/many"
target/release/examples/generate --tasks 50 >"$work/one.yaml"
for i in $(seq 1 400); do sed "s/^playbook: generated/playbook: generated-$i/" "$work/one.yaml" >"$work/many/p$i.yaml"; done
together=$(median "$bin check $work/many")
apart=$(median "bash -c 'for f in $work/many/*.yaml; do $bin check \$f >/dev/null 2>&1; done'")
"$python" -c "import sys; t,a=float(sys.argv[1]),float(sys.argv[2]); print(f'400 playbooks: one invocation {t*1000:.0f} ms, 400 invocations {a*1000:.0f} ms: {a/t:.1f}x faster')" "$together" "$apart"

examples=$(median "$bin check playbooks/")
"$python" -c "import sys; print(f'the example playbooks: {float(sys.argv[1])*1000:.1f} ms per check, process start included')" "$examples"
