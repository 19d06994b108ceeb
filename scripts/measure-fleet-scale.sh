#!/usr/bin/env bash
# Measures the issue-14 targets on a fixed-seed synthetic fleet history (planted shifts; see
# `nvbench synth --help`): disk per quick run, index rebuild from every file, storing one run
# into the index, and history over all runs of 4 machines (one machine, then all side by side;
# each cold and warm), checking that exactly the planted shifts are confirmed.
# Wall time, CPU time and peak memory come from GNU time. Run from the repository root:
#
#   scripts/measure-fleet-scale.sh [MACHINES] [COMMITS] [WORK_DIR]     (defaults: 4 2500 /tmp/...)
#
# The machine is named in the output (CPU, cores, load average before and after): numbers taken
# while other work runs are not the machine's, so say so when you quote them.
set -euo pipefail
cd "$(dirname "$0")/.."
machines="${1:-4}"
commits="${2:-2500}"
work="${3:-$(mktemp -d)}"
repo="$PWD"
template="$(ls results/*/2*.json | sort | tail -n 1)"
dotnet build -c Release bench/NestedVirt.Benchmarks >/dev/null
dll="$repo/bench/NestedVirt.Benchmarks/bin/Release/net10.0/nvbench.dll"
nvbench() { dotnet "$dll" "$@"; }
timed() { /usr/bin/time -f "%e s wall, %U+%S s CPU, %M KB peak" dotnet "$dll" "$@"; }

echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) CPUs, $(free -g | awk '/Mem/ {print $2}') GiB"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "history: $machines machine(s) x $commits commit(s) in $work (template $template)"
[ -d "$work/fleet" ] || nvbench synth --out "$work/fleet" --machines "$machines" --commits "$commits" --template "$template" | tail -n 3
results="$work/fleet/results"
runs=$(find "$results" -name '2*.json' | wc -l)
bytes=$(find "$results" -name '2*.json' -printf '%s\n' | awk '{s+=$1} END {print s}')
blocks=$(du -sk --exclude='.nvbench-index*' "$results" | cut -f1)
echo "disk per run: $((bytes / runs)) bytes (file size), $((blocks * 1024 / runs)) bytes on disk (4 KiB blocks), $runs runs"

echo "-- index rebuild from $runs files"
timed index --rebuild --results "$results" 2>&1 | grep -v '^nvbench: index'
echo "index size: $(du -k "$results/.nvbench-index.sqlite" | cut -f1) KB"

echo "-- storing one run into the index (import of one new file: copy, check, record)"
one="$work/one"; rm -rf "$one"
nvbench synth --out "$one" --machines 1 --commits 10 --seed 99 --template "$template" >/dev/null
timed import "$(find "$one/results" -name '2*.json' | sort | tail -n 1)" --results "$results" 2>&1

cd "$work/fleet/repo"
first="$(ls "$results" | grep -v '^\.' | head -n 1)"
# Cold: --fresh runs EdPelt on every window (what a first history after `index --rebuild` does);
# warm: the windows stored by the run before are reused, as on every later history whose runs
# did not change. Both outputs are checked against the planted shifts.
echo "-- history of one machine ($first: $commits commits), SVG charts, no PNG: cold (--fresh), then warm"
timed history --results "$results" --machine "$first" --svg-dir "$work/svg" --no-png --fresh >"$work/one-cold.txt" 2>&1
grep -E 'EdPelt windows|wall' "$work/one-cold.txt"
timed history --results "$results" --machine "$first" --svg-dir "$work/svg" --no-png >"$work/one-warm.txt" 2>&1
grep -E 'EdPelt windows|wall' "$work/one-warm.txt"
echo "-- history of all $machines machines side by side, SVG charts, no PNG: cold (--fresh), then warm"
timed history --results "$results" --all-machines --svg-dir "$work/svg" --no-png --fresh >"$work/all-cold.txt" 2>&1
grep -E 'wall' "$work/all-cold.txt"
timed history --results "$results" --all-machines --svg-dir "$work/svg" --no-png >"$work/all-warm.txt" 2>&1
grep -E 'wall' "$work/all-warm.txt"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

# Every planted shift confirmed at its planted commit on its machines, and no other shift.
python3 "$repo/scripts/check-planted-shifts.py" "$work/fleet/planted-shifts.json" "$work/one-cold.txt" "$work/one-warm.txt" "$work/all-cold.txt" "$work/all-warm.txt"
