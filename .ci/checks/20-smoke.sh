# Smoke run of every benchmark (dry job, in-process toolchain: no per-case build or launch);
# 'run' exits 1 if any benchmark fails or allocates. Tiering off so the allocation check sees
# optimised code from the first call, not call-counting stubs. Each case's allocation
# measurement spans 65,536 operations (bench/.../Running/AllocationWindow.cs says why one
# invocation is not enough in process); 25-planted-allocation proves the check can fail.
source .ci/lib.sh
smoke="$(mktemp -d)"
trap 'rm -rf "$smoke"' EXIT
DOTNET_TieredCompilation=0 nvbench run --dry --out "$smoke" --artifacts "$smoke/artifacts" | tee "$smoke/summary.txt"
grep -q '^Job dry, in-process (BenchmarkDotNet ' "$smoke/summary.txt" || {
    echo "smoke: the summary does not say the dry run was in-process" >&2; exit 1; }
