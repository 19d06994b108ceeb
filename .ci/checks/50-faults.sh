# Fault injection (issue 11): signals at the start, mid-measurement and during the results
# write of every long verb, SIGKILL and the next run's cleanup, a full disk (a small tmpfs,
# root only), unwritable TMPDIR and results folders, hostile results files, concurrent
# writers. Each case checks exit code, stray processes, temporary files and stored files.
source .ci/lib.sh
source .ci/faults/lib.sh
for part in .ci/faults/[a-z]*.sh; do
    [[ "$part" == .ci/faults/lib.sh ]] && continue
    echo "  $(basename "$part" .sh)"
    source "$part"
done
echo "  fault injection: $PASSED passed, $FAILED failed"
if ((FAILED > 0)); then
    printf '  failed: %s\n' "${FAILURES[@]}"
    exit 1
fi
