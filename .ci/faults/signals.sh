# Signals: every long verb interrupted by SIGINT, SIGTERM, SIGHUP and SIGKILL at the start,
# mid-measurement and during the results write. After INT/TERM/HUP: exit 128 + the signal, no
# process of its group left, nothing in TMPDIR, no file in the results folder. After KILL: the
# next long verb removes what was left and says so.

ONE_CASE='*WalkerSpecialisation.Generic*'
LEFTOVER_LINE='removed .*(left|half-written) by an interrupted nvbench'

interrupted_run() { # NAME POINT SIGNAL
    case_start "$1" || return 0
    ENV_EXTRA=()
    # The run's artifacts folder goes to the sandbox, except for SIGKILL: there it stays at its
    # default place in the checkout, which the next run sweeps.
    local art=(--artifacts "$SB/artifacts")
    [[ "$3" == KILL ]] && art=()
    case "$2" in
        start) start_nv run --dry --filter "$ONE_CASE" --out "$SB/out" "${art[@]}"; wait_for 'run of 1 case' ;;
        # In process: mid-measurement in seconds. The out-of-process cases are below.
        mid) start_nv run --quick --in-process --filter "$ONE_CASE" --out "$SB/out" "${art[@]}"; wait_for '^\[1/1\]' && sleep 0.5 ;;
        # The out-of-process toolchain first builds the benchmark project (dotnet build and its
        # MSBuild children), then runs each case in a child process.
        build) start_nv run --quick --filter "$ONE_CASE" --out "$SB/out" "${art[@]}"; wait_for 'building the benchmark project' && wait_for_child && sleep 2 ;;
        # Signalled as soon as the case's own process (BenchmarkDotNet's --benchmarkName child)
        # runs: a fixed sleep after "[1/1]" let a quick case on a quiet machine finish first.
        child) start_nv run --quick --filter "$ONE_CASE" --out "$SB/out" "${art[@]}"; wait_for '^\[1/1\]' 300 && wait_for_benchmark_process ;;
        write) ENV_EXTRA=(NVBENCH_TEST_PAUSE_AT=results-write)
            start_nv run --dry --filter "$ONE_CASE" --out "$SB/out" "${art[@]}"; wait_for 'test pause at results-write' ;;
    esac
    kill -"$3" "$PID" 2>/dev/null || true
    finish 60
    if [[ "$3" == KILL ]]; then
        expect_exit 137
        kill -KILL -- "-$PID" 2>/dev/null || true
        local partial
        partial="$(sed -n 's/.*; log: \(.*\)\/nvbench-run.log$/\1/p' "$SB/err")"
        [[ -n "$partial" && -d "$partial" ]] || fail "the killed run left no artifacts folder to sweep ('$partial')"
        ENV_EXTRA=()
        run_nv run --dry --filter "$ONE_CASE" --out "$SB/out" --artifacts "$SB/artifacts"
        expect_exit 0
        grep -Eq "$LEFTOVER_LINE" "$SB/err" || fail "the next run did not say it removed leftovers"
        [[ -z "$partial" || ! -e "$partial" ]] || fail "the killed run's unfinished artifacts folder is still there: $partial"
        expect_clean_tmp
        local files
        files="$(find "$SB/out" -type f -name '*.json' | wc -l)"
        [[ "$files" == 1 ]] || fail "$files files in the results folder after the next run, expected its 1 run: $(find "$SB/out" -type f)"
    else
        expect_exit "$(signal_number "$3")"
        expect_no_processes
        expect_clean_tmp
        expect_no_files "$SB/out"
        expect_no_files "$SB/artifacts"
        grep -q "interrupted by SIG$3" "$SB/err" || fail "no 'interrupted by SIG$3' line"
    fi
    case_end
}

interrupted_run run/start/INT start INT
interrupted_run run/start/TERM start TERM
interrupted_run run/mid/INT mid INT
interrupted_run run/mid/TERM mid TERM
interrupted_run run/mid/HUP mid HUP
interrupted_run run/write/INT write INT
interrupted_run run/write/TERM write TERM
interrupted_run run/mid/KILL mid KILL
interrupted_run run/write/KILL write KILL
interrupted_run run/out-of-process-build/TERM build TERM
interrupted_run run/out-of-process-case/INT child INT

# ab with a fake dotnet first on PATH: its build or benchmark run hangs (a child with a child
# of its own) until stopped, as a real one would for minutes. The worktrees are real.
fake_dotnet() {
    cat >"$SB/bin/dotnet" <<'FAKE'
#!/usr/bin/env bash
case "$1" in
    build) if [[ "${FAKE_HANG:-}" == build ]]; then sleep 300 & wait; fi ;;
    run) sleep 300 & wait ;;
esac
FAKE
    chmod +x "$SB/bin/dotnet"
}

worktrees_of_case() { git worktree list --porcelain | grep -c "$SB" || true; }

interrupted_ab() { # NAME HANG SIGNAL
    case_start "$1" || return 0
    fake_dotnet
    ENV_EXTRA=(PATH="$SB/bin:$PATH" FAKE_HANG="$2")
    start_nv ab HEAD HEAD --rounds 2
    if [[ "$2" == build ]]; then wait_for 'ab: building A'; else wait_for 'round 1/2: A'; fi
    wait_for_child && sleep 0.3
    [[ "$(worktrees_of_case)" == 2 ]] || fail "expected 2 worktrees while running, found $(worktrees_of_case)"
    kill -"$3" "$PID" 2>/dev/null || true
    finish 60
    if [[ "$3" == KILL ]]; then
        expect_exit 137
        kill -KILL -- "-$PID" 2>/dev/null || true
        ENV_EXTRA=()
        run_nv calibrate --device /dev/null
        grep -Eq "$LEFTOVER_LINE.*pruned its worktrees" "$SB/err" || fail "the next long verb did not say it removed and pruned the worktrees"
    else
        expect_exit "$(signal_number "$3")"
        expect_no_processes
    fi
    [[ "$(worktrees_of_case)" == 0 ]] || fail "$(worktrees_of_case) worktree(s) still registered"
    expect_clean_tmp
    case_end
}

interrupted_ab ab/build/TERM build TERM
interrupted_ab ab/round/INT run INT
interrupted_ab ab/round/HUP run HUP
interrupted_ab ab/round/KILL run KILL

# bisect: each step is an ab session of its own (worktrees of GOOD and the tested commit), so a
# signal in step 0 must remove that step's worktrees and stop its hanging child, like ab.
interrupted_bisect() { # NAME HANG SIGNAL
    case_start "$1" || return 0
    fake_dotnet
    ENV_EXTRA=(PATH="$SB/bin:$PATH" FAKE_HANG="$2")
    start_nv bisect HEAD~1 HEAD --filter '*' --rounds 2
    if [[ "$2" == build ]]; then wait_for 'ab: building A'; else wait_for 'round 1/2: A'; fi
    wait_for_child && sleep 0.3
    [[ "$(worktrees_of_case)" == 2 ]] || fail "expected 2 worktrees while running, found $(worktrees_of_case)"
    kill -"$3" "$PID" 2>/dev/null || true
    finish 60
    if [[ "$3" == KILL ]]; then
        expect_exit 137
        kill -KILL -- "-$PID" 2>/dev/null || true
        ENV_EXTRA=()
        run_nv calibrate --device /dev/null
        grep -Eq "$LEFTOVER_LINE.*pruned its worktrees" "$SB/err" || fail "the next long verb did not say it removed and pruned the worktrees"
    else
        expect_exit "$(signal_number "$3")"
        expect_no_processes
        grep -q "interrupted by SIG$3" "$SB/err" || fail "no 'interrupted by SIG$3' line"
    fi
    [[ "$(worktrees_of_case)" == 0 ]] || fail "$(worktrees_of_case) worktree(s) still registered"
    expect_clean_tmp
    case_end
}

interrupted_bisect bisect/build/TERM build TERM
interrupted_bisect bisect/round/INT run INT
interrupted_bisect bisect/round/HUP run HUP
interrupted_bisect bisect/round/KILL run KILL

interrupted_icount() { # NAME SIGNAL
    case_start "$1" || return 0
    if ! command -v valgrind >/dev/null; then
        echo "   skip  $CASE (valgrind not installed)"
        return 0
    fi
    ENV_EXTRA=()
    start_nv icount --iterations 1000 --jobs 1
    wait_for_child && sleep 1
    kill -"$2" "$PID" 2>/dev/null || true
    finish 30
    if [[ "$2" == KILL ]]; then
        expect_exit 137
        kill -KILL -- "-$PID" 2>/dev/null || true
        run_nv calibrate --device /dev/null
        grep -Eq "$LEFTOVER_LINE" "$SB/err" || fail "the next long verb did not say it removed leftovers"
    else
        expect_exit "$(signal_number "$2")"
        expect_no_processes
    fi
    expect_clean_tmp
    case_end
}

interrupted_icount icount/INT INT
interrupted_icount icount/TERM TERM
interrupted_icount icount/KILL KILL

interrupted_in_process() { # NAME SIGNAL WAIT-REGEX ARGS...
    local name="$1" signal="$2" ready="$3"
    shift 3
    case_start "$name" || return 0
    ENV_EXTRA=()
    start_nv "$@"
    if [[ "$ready" == sleep ]]; then sleep 1; else wait_for "$ready"; fi
    local t0=$SECONDS
    kill -"$signal" "$PID" 2>/dev/null || true
    finish 20
    expect_exit "$(signal_number "$signal")"
    ((SECONDS - t0 <= 10)) || fail "took $((SECONDS - t0)) s to stop"
    expect_no_processes
    expect_clean_tmp
    case_end
}

interrupted_in_process canary/INT INT '^ +1 ' canary --runs 20 --iteration-ms 20
interrupted_in_process canary/TERM TERM '^ +1 ' canary --runs 20 --iteration-ms 20
if [[ -e /dev/kvm ]]; then
    interrupted_in_process calibrate/TERM TERM sleep calibrate --batches 1000
    interrupted_in_process calibrate/INT INT sleep calibrate --batches 1000
fi

interrupted_gate_update() { # NAME SIGNAL
    case_start "$1" || return 0
    ENV_EXTRA=(NVBENCH_TEST_PAUSE_AT=results-write)
    start_nv gate --update --counters-only --baseline "$SB/out/baseline.json"
    wait_for 'test pause at results-write'
    kill -"$2" "$PID" 2>/dev/null || true
    finish 30
    if [[ "$2" == KILL ]]; then
        expect_exit 137
        ENV_EXTRA=()
        run_nv gate --update --counters-only --baseline "$SB/out/baseline.json"
        expect_exit 0
        grep -Eq "$LEFTOVER_LINE" "$SB/err" || fail "the next gate did not say it removed the half-written file"
        [[ "$(find "$SB/out" -type f)" == "$SB/out/baseline.json" ]] || fail "results folder holds: $(find "$SB/out" -type f)"
    else
        expect_exit "$(signal_number "$2")"
        expect_no_files "$SB/out"
    fi
    expect_clean_tmp
    case_end
}

interrupted_gate_update gate-update/write/INT INT
interrupted_gate_update gate-update/write/KILL KILL
