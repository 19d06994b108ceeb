# history over a synthetic history longer than one EdPelt window (2 machines x 700 commits,
# fixed seed, planted shifts): analysed from nothing (--fresh), then again reusing the EdPelt
# windows stored in the index. Both must confirm exactly the planted shifts at their commits
# and print the same report (a copy with one shift moved must fail that check); the second must
# reuse every window. Then one suite's PNG is drawn
# with rsvg-convert hidden from PATH (the in-process rasteriser) and must be a PNG.
source .ci/lib.sh
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
repo="$PWD"
nvbench synth --out "$work/fleet" --machines 2 --commits 700 --seed 65 >/dev/null
# All three planned shifts must be planted (a renamed benchmark parameter once dropped one).
python3 -c 'import json, sys; n = len(json.load(open(sys.argv[1]))); sys.exit(0 if n == 3 else f"{n} shift(s) planted, 3 planned")' "$work/fleet/planted-shifts.json"
dll="$repo/bench/NestedVirt.Benchmarks/bin/Release/net10.0/nvbench.dll"
history() { (cd "$work/fleet/repo" && dotnet "$dll" history --results "$work/fleet/results" --svg-dir "$work/svg" "$@"); }

history --all-machines --no-png --fresh >"$work/cold.txt" 2>"$work/cold.err"
history --all-machines --no-png >"$work/warm.txt" 2>"$work/warm.err"
python3 scripts/check-planted-shifts.py "$work/fleet/planted-shifts.json" "$work/cold.txt" "$work/warm.txt"
diff "$work/cold.txt" "$work/warm.txt"
# Negative control: one shift moved to another commit must fail the planted check.
sed '0,/: shift at [0-9a-f]*:/s//: shift at 000000000000:/' "$work/cold.txt" >"$work/moved.txt"
if python3 scripts/check-planted-shifts.py "$work/fleet/planted-shifts.json" "$work/moved.txt" >/dev/null; then
    echo "check-planted-shifts.py did not catch a shift at the wrong commit" >&2
    exit 1
fi
grep -q ' 0 unchanged since the last analysis' "$work/cold.err"
if grep 'EdPelt windows' "$work/warm.err" | grep -qv ' 0 analysed$'; then
    echo "history reused the stored windows only in part:" >&2
    cat "$work/warm.err" >&2
    exit 1
fi
grep 'EdPelt windows' "$work/warm.err"

# PATH with dotnet but without rsvg-convert.
mkdir "$work/bin"
ln -s "$(command -v dotnet)" "$work/bin/dotnet"
ln -s "$(command -v git)" "$work/bin/git"
machine="$(ls "$work/fleet/results" | grep -v '^\.' | head -n 1)"
PATH="$work/bin" history --machine "$machine" --suite NestedWalk >"$work/png.txt"
grep -q "^png: $work/svg/NestedWalk.png$" "$work/png.txt"
head -c 8 "$work/svg/NestedWalk.png" | od -An -tx1 | grep -q '89 50 4e 47 0d 0a 1a 0a'
echo "history: cold and warm agree, planted shifts only; PNG drawn without rsvg-convert ($(stat -c %s "$work/svg/NestedWalk.png") bytes)"
