# Exact instruction counts: every headline case counted twice in one callgrind process each
# (nvbench icount --headline, windows between getppid marks), side by side; icount exits 1 when
# the two differ by any instruction, so a new source of nondeterminism in the counting (docs/
# verdicts.md, "Exact instruction counts") fails CI here instead of as a spurious gate change.
# N = 5,000 keeps it short; exactness does not depend on N. Without valgrind: skipped.
source .ci/lib.sh
if ! command -v valgrind >/dev/null; then
    echo "skipped: no valgrind; the gate compares counters only there too"
    exit 0
fi
nvbench icount --headline --repeat 2 --jobs 2 --iterations 5000 >/dev/null
echo "headline instruction counts equal between two runs"
