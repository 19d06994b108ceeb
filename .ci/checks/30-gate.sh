# Gate: model counters and instruction counts (the hot paths and every headline case, one
# callgrind process) against the committed baseline, both exactly: any difference fails with a
# diff and the command that updates results/baseline/ci-baseline.json, so a change is
# acknowledged in a commit of its own. Without valgrind only counters are compared; with another
# runtime, ISA pin or counting setup, instruction counts are skipped with a note.
source .ci/lib.sh
nvbench gate
