# Helpers of the fault-injection suite (.ci/checks/50-faults.sh). Every case runs the built
# nvbench directly (not through 'dotnet run', which would add a process between the signal and
# the verb) in a sandbox with its own TMPDIR and results folder, in its own process group, so
# "no stray process" and "no temporary file" can be checked exactly.
#
# NVBENCH=<path> runs the suite against another build (to show a defect before its fix);
# FAULTS=<regex> runs only the cases whose name matches.

# A signal ignored when this shell started stays ignored in every process it starts, and no
# shell option can undo that (POSIX; bash(1), SIGNALS): under 'nohup', or in the background of
# a non-interactive script, SIGINT and SIGHUP never reach nvbench and every case that sends
# them would fail for a reason that is not nvbench's. Say so once instead.
ignored="$(awk '/^SigIgn:/ { print $2 }' /proc/$$/status 2>/dev/null)"
if [[ -n "$ignored" ]] && (( (16#$ignored & 0x3) != 0 )); then
    echo "fault injection: SIGINT or SIGHUP is ignored in this shell (SigIgn $ignored: started under nohup or in the background of a script), so the signal cases cannot run; start .ci/run from a terminal or a plain CI step" >&2
    exit 2
fi
unset ignored

# Cases check every outcome themselves and go on after a failure.
set +e

NV="${NVBENCH:-$PWD/bench/NestedVirt.Benchmarks/bin/Release/net10.0/nvbench}"
if [[ -z "${DOTNET_ROOT:-}" ]]; then
    DOTNET_ROOT="$(dirname "$(readlink -f "$(command -v dotnet)")")"
    export DOTNET_ROOT
fi
SUITE_ROOT="$(mktemp -d "${TMPDIR:-/tmp}/nvbench-faults.XXXXXX")"
trap 'kill_leftover_groups; rm -rf "$SUITE_ROOT"' EXIT
PASSED=0
FAILED=0
FAILURES=()
GROUPS_STARTED=()
# A results file of this repository, to build hostile variants from.
SAMPLE_RUN="$(ls results/*/*.json | grep -v /baseline/ | head -1)"

# case NAME: starts a case with a fresh sandbox ($SB/tmp is TMPDIR, $SB/out the results folder).
# Returns 1 (skip) when FAULTS is set and does not match.
case_start() {
    CASE="$1"
    if [[ -n "${FAULTS:-}" && ! "$CASE" =~ $FAULTS ]]; then
        return 1
    fi
    SB="$SUITE_ROOT/$(echo "$CASE" | tr -c 'a-zA-Z0-9\n-' '_')"
    mkdir -p "$SB/tmp" "$SB/out" "$SB/bin"
    CASE_OK=1
    CASE_T0=$SECONDS
    return 0
}

case_end() {
    if [[ $CASE_OK == 1 ]]; then
        PASSED=$((PASSED + 1))
        printf '   ok    %-46s %3d s\n' "$CASE" $((SECONDS - CASE_T0))
    else
        FAILED=$((FAILED + 1))
        FAILURES+=("$CASE")
        printf '   FAIL  %-46s %3d s\n' "$CASE" $((SECONDS - CASE_T0))
        sed 's/^/         | /' "$SB/err" 2>/dev/null | tail -8
    fi
}

fail() {
    CASE_OK=0
    echo "         $CASE: $*"
}

# start_nv ARGS...: runs nvbench in the background in a new process group (job control on, so
# SIGINT is not ignored as it is for background jobs of a non-interactive shell). Extra
# environment comes from $ENV_EXTRA (an array of NAME=VALUE).
start_nv() {
    set -m
    env TMPDIR="$SB/tmp" "${ENV_EXTRA[@]}" "$NV" "$@" >"$SB/stdout" 2>"$SB/err" &
    PID=$!
    set +m
    GROUPS_STARTED+=("$PID")
}

# wait_for REGEX [SECONDS]: waits until stderr matches (fails the case on timeout).
wait_for() {
    local deadline=$((SECONDS + ${2:-60}))
    while ! grep -Eq "$1" "$SB/err" 2>/dev/null; do
        if ! kill -0 "$PID" 2>/dev/null; then
            fail "exited before '$1' appeared"
            return 1
        fi
        if ((SECONDS > deadline)); then
            fail "timed out waiting for '$1'"
            return 1
        fi
        sleep 0.1
    done
}

# wait_for_child [SECONDS]: waits until the process has a child process.
wait_for_child() {
    local deadline=$((SECONDS + ${1:-60}))
    while [[ -z "$(pgrep -P "$PID" || true)" ]]; do
        if ! kill -0 "$PID" 2>/dev/null || ((SECONDS > deadline)); then
            fail "no child process appeared"
            return 1
        fi
        sleep 0.1
    done
}

# wait_for_benchmark_process [SECONDS]: until a child of $PID is a BenchmarkDotNet case process.
wait_for_benchmark_process() {
    local deadline=$((SECONDS + ${1:-120}))
    while [[ -z "$(pgrep -P "$PID" -f -- '--benchmarkName' || true)" ]]; do
        if ! kill -0 "$PID" 2>/dev/null || ((SECONDS > deadline)); then
            fail "no benchmark process appeared"
            return 1
        fi
        sleep 0.05
    done
}

# finish [SECONDS]: waits for the process (SIGKILLs it after the limit) and sets RC. Its stderr
# is dropped: bash would report "Killed" there for the cases that mean to kill.
finish() {
    finish_quietly "$@" 2>/dev/null
}

finish_quietly() {
    local deadline=$((SECONDS + ${1:-60}))
    while kill -0 "$PID" 2>/dev/null; do
        if ((SECONDS > deadline)); then
            fail "still running after ${1:-60} s"
            kill -KILL "$PID" 2>/dev/null || true
        fi
        sleep 0.1
    done
    RC=0
    wait "$PID" || RC=$?
}

expect_exit() {
    [[ "$RC" == "$1" ]] || fail "exit code $RC, expected $1"
}

# No process of the case's group is left (children stopped, nothing orphaned). Zombies do not
# count: they are dead, waiting for a parent (here PID 1 may never reap them) to read their status.
expect_no_processes() {
    local left
    sleep 0.2
    left="$(ps -eo pid=,pgid=,stat=,args= | awk -v g="$PID" '$2 == g && $3 !~ /^Z/' || true)"
    [[ -z "$left" ]] || fail "processes left: $(echo "$left" | tr '\n' ';')"
}

# TMPDIR holds nothing of nvbench's. The .NET runtime's IPC files and valgrind's vgdb pipes are
# theirs: each removes its own when it exits, unless it is SIGKILLed, as these cases do.
expect_clean_tmp() {
    local left
    left="$(find "$SB/tmp" -mindepth 1 -maxdepth 1 ! -name 'clr-debug-pipe-*' ! -name 'dotnet-diagnostic-*' ! -name 'vgdb-pipe-*' 2>/dev/null || true)"
    [[ -z "$left" ]] || fail "left in TMPDIR: $(echo "$left" | tr '\n' ' ')"
}

# No file at all under a folder (no stored run, no temporary file).
expect_no_files() {
    local left
    left="$(find "$1" -type f 2>/dev/null || true)"
    [[ -z "$left" ]] || fail "files left under $1: $(echo "$left" | tr '\n' ' ')"
}

# Bad input: exit 2, exactly one line on stderr naming the problem, no stack trace.
expect_one_line_error() {
    local lines
    expect_exit 2
    lines="$(grep -c '' "$SB/err" || true)"
    [[ "$lines" == 1 ]] || fail "$lines lines on stderr, expected 1"
    grep -q '^nvbench: ' "$SB/err" || fail "stderr does not start with 'nvbench: '"
    if grep -Eq 'Unhandled exception|^ +at ' "$SB/err"; then fail "stack trace on stderr"; fi
    if [[ -n "${1:-}" ]]; then grep -Eq "$1" "$SB/err" || fail "stderr does not match '$1'"; fi
}

# run_nv ARGS...: runs nvbench to completion in the sandbox; sets RC.
run_nv() {
    start_nv "$@"
    finish "${RUN_LIMIT:-120}"
}

kill_leftover_groups() {
    local g
    for g in "${GROUPS_STARTED[@]}"; do
        kill -KILL -- "-$g" 2>/dev/null || true
    done
}

signal_number() {
    case "$1" in INT) echo 130 ;; TERM) echo 143 ;; HUP) echo 129 ;; KILL) echo 137 ;; esac
}
