# The allocation check must fail on one byte per operation in a core path. Same command as the
# smoke run, plus the PlantedAllocation class (only run when NVBENCH_PLANT_ALLOCATION=1): a 1-D
# EPT walk stream, once clean and once with a 1,024-byte array per 1,024 walks. Expected: exit
# 1, the planted case reported at exactly 1 B/op, the clean one at 0.
source .ci/lib.sh
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
set +e
NVBENCH_PLANT_ALLOCATION=1 DOTNET_TieredCompilation=0 \
    nvbench run --dry --filter '*PlantedAllocation*' --out "$out" --artifacts "$out/artifacts" > "$out/summary.txt" 2> "$out/stderr.txt"
status=$?
set -e
cat "$out/summary.txt"
fail() { echo "planted-allocation: $1" >&2; cat "$out/stderr.txt" >&2; exit 1; }
[ "$status" -eq 1 ] || fail "run exited $status, expected 1 (allocation check failed)"
grep -q '^Allocation check: FAILED, 1 case(s) allocate:$' "$out/summary.txt" || fail "the check did not fail on exactly one case"
grep -q '^  1 B/op  plantedallocation/planted$' "$out/summary.txt" || fail "the planted case was not reported at 1 B/op"
if grep -q 'plantedallocation/clean' "$out/summary.txt"; then fail "the clean case was reported as allocating"; fi
echo "planted-allocation: 1 B/op planted in a walk stream fails the check; the clean stream passes"
