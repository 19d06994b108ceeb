# run-bench.ps1 for real, through the PowerShell pinned in dotnet-tools.json: the script reaches
# nvbench, prints what nvbench prints (the benchmark names, as list shows them) and hands back
# nvbench's exit code (2 for an unknown verb). Every parameter of the script is the business of
# its own checks; this one proves the wiring CI needs.
source .ci/lib.sh
names="$(runbench -List)"
if ! grep -qx '  \* walk/ept/levels4/size4k/oned/cold' <<<"$names"; then
    echo "run-bench.ps1 -List did not print the benchmark names:"
    printf '%s\n' "$names" | head -20
    exit 1
fi
set +e
runbench -Verb no-such-verb 2>/dev/null
status=$?
set -e
if [ "$status" -ne 2 ]; then
    echo "run-bench.ps1 -Verb no-such-verb exited $status; nvbench exits 2"
    exit 1
fi
echo "run-bench.ps1: names listed, exit code passed through"
