# Disks and folders: a results folder that fills up at the end of a run (a small tmpfs, root
# only), TMPDIR missing, a file or read-only, an unwritable results folder, and two writers at
# once. Bad folders are one line and exit 2 before any benchmark runs; a full disk prints the
# summary first and keeps the run in a fallback folder it names.

ONE_CASE='*WalkerSpecialisation.Generic*'

if case_start disk/full-at-the-end; then
    if [[ "$(id -u)" != 0 ]]; then
        echo "   skip  $CASE (needs root to mount a small tmpfs)"
    else
        mkdir -p "$SB/full"
        mount -t tmpfs -o size=1m tmpfs "$SB/full"
        # Fill every block: the start-up probe (an empty file, an inode only) passes, the results file does not.
        free_kb=$(df -k --output=avail "$SB/full" | tail -1)
        dd if=/dev/zero of="$SB/full/filler" bs=1k count="$free_kb" status=none 2>/dev/null
        ENV_EXTRA=()
        run_nv run --dry --filter "$ONE_CASE" --out "$SB/full" --artifacts "$SB/artifacts"
        expect_exit 2
        grep -q 'Allocation check' "$SB/stdout" || fail "the summary was not printed"
        kept="$(sed -n "s/.*the run is kept in '\([^']*\)'.*/\1/p" "$SB/err")"
        [[ -n "$kept" && -f "$kept" ]] || fail "no kept file named on stderr"
        [[ "$kept" == "$SB/tmp/nvbench-unsaved/"* ]] || fail "kept outside TMPDIR's fallback: $kept"
        grep -q 'No space left on device' "$SB/err" || fail "stderr does not say the disk is full"
        if [[ -n "$kept" && -f "$kept" ]]; then
            "$NV" compare --include-smoke "$kept" "$kept" >/dev/null 2>&1 || fail "the kept run does not load"
        fi
        left="$(find "$SB/full" -type f ! -name filler)"
        [[ -z "$left" ]] || fail "left on the full disk: $left"
        umount "$SB/full"
        rm -rf "$SB/tmp/nvbench-unsaved"
        expect_clean_tmp
    fi
    case_end
fi

bad_tmpdir() { # NAME TMPDIR-KIND VERB...
    local name="$1" kind="$2"
    shift 2
    case_start "$name" || return 0
    local tmp
    case "$kind" in
        missing) tmp="$SB/no/such/tmp" ;;
        file) tmp="$SB/a-file"; echo "not a folder" >"$tmp" ;;
        read-only)
            if [[ "$(id -u)" != 0 ]]; then
                chmod 555 "$SB/tmp"
            else
                mount -t tmpfs -o ro,size=64k tmpfs "$SB/tmp"
            fi
            tmp="$SB/tmp" ;;
    esac
    local args=("${@//@OUT@/$SB/out}")
    set -m
    env TMPDIR="$tmp" "$NV" "${args[@]}" >"$SB/stdout" 2>"$SB/err" &
    PID=$!
    set +m
    finish 60
    expect_one_line_error 'TMPDIR'
    [[ ! -e "$SB/no" ]] || fail "a missing TMPDIR was created"
    expect_no_files "$SB/out"
    if [[ "$kind" == read-only ]]; then
        if [[ "$(id -u)" != 0 ]]; then chmod 755 "$SB/tmp"; else umount "$SB/tmp"; fi
    fi
    case_end
}

bad_tmpdir tmpdir/missing/run missing run --dry --filter "$ONE_CASE" --out @OUT@ --artifacts @OUT@/../artifacts
bad_tmpdir tmpdir/file/run file run --dry --filter "$ONE_CASE" --out @OUT@ --artifacts @OUT@/../artifacts
bad_tmpdir tmpdir/read-only/run read-only run --dry --filter "$ONE_CASE" --out @OUT@ --artifacts @OUT@/../artifacts
if command -v valgrind >/dev/null; then
    bad_tmpdir tmpdir/file/icount file icount --iterations 10
    bad_tmpdir tmpdir/missing/icount missing icount --iterations 10
fi

if case_start results/unwritable; then
    echo "a file where a folder should be" >"$SB/blocker"
    ENV_EXTRA=()
    run_nv run --dry --filter "$ONE_CASE" --out "$SB/blocker/results" --artifacts "$SB/artifacts"
    expect_one_line_error "results folder '$SB/blocker/results' is not writable"
    expect_clean_tmp
    case_end
fi

if case_start results/concurrent-writers; then
    # Exit 1 would be a case that allocated under the dry job's cold code (see 20-smoke.sh);
    # what matters here is that both runs are stored, under two names, with no temporary file,
    # and that their default artifacts folders (same second, same commit) do not collide.
    ENV_EXTRA=(DOTNET_TieredCompilation=0)
    touch "$SB/started"
    start_nv run --dry --filter "$ONE_CASE" --out "$SB/out"
    first=$PID
    mv "$SB/err" "$SB/err.first" # the open file keeps receiving the first run's lines
    start_nv run --dry --filter "$ONE_CASE" --out "$SB/out"
    second=$PID
    PID=$first; finish 120; rc1=$RC
    PID=$second; finish 120; rc2=$RC
    [[ "$rc1$rc2" =~ ^[01][01]$ ]] || fail "exit codes $rc1 and $rc2"
    stored="$(find "$SB/out" -type f -name '*.json' ! -name '.*' | wc -l)"
    [[ "$stored" == 2 ]] || fail "$stored stored runs, expected 2"
    [[ -z "$(find "$SB/out" -name '.*.tmp-*')" ]] || fail "temporary files left: $(find "$SB/out" -name '.*.tmp-*')"
    expect_clean_tmp
    # The two runs' artifacts folders in the checkout: distinct, then removed.
    folders="$(find artifacts/runs -name nvbench-run.log -newer "$SB/started" -printf '%h\n' 2>/dev/null | sort -u)"
    if [[ "$(echo "$folders" | grep -c .)" -lt 2 ]]; then
        fail "expected two artifacts folders, found: $folders"
        fail "first run: $(tr '\n' ' ' <"$SB/err.first")"
        fail "new under artifacts/runs: $(find artifacts/runs -newer "$SB/started" | tr '\n' ' ')"
    fi
    echo "$folders" | xargs -r rm -rf
    case_end
fi

if case_start results/shared-artifacts-folder; then
    ENV_EXTRA=()
    start_nv run --quick --in-process --filter "$ONE_CASE" --out "$SB/out" --artifacts "$SB/artifacts"
    first=$PID
    wait_for 'run of 1 case'
    mv "$SB/err" "$SB/err.first"
    run_nv run --dry --filter "$ONE_CASE" --out "$SB/out" --artifacts "$SB/artifacts"
    expect_one_line_error "folder '$SB/artifacts' is in use by another nvbench \\(pid $first\\)"
    PID=$first; finish 120
    [[ "$RC" =~ ^[01]$ ]] || fail "the first run exited $RC"
    case_end
fi

if case_start gate/concurrent-updates; then
    ENV_EXTRA=()
    start_nv gate --update --counters-only --baseline "$SB/out/baseline.json"
    first=$PID
    start_nv gate --update --counters-only --baseline "$SB/out/baseline.json"
    PID=$first; finish 60; rc1=$RC
    PID=$!; finish 60; rc2=$RC
    [[ "$rc1$rc2" == 00 ]] || fail "exit codes $rc1 and $rc2"
    [[ "$(find "$SB/out" -type f)" == "$SB/out/baseline.json" ]] || fail "results folder holds: $(find "$SB/out" -type f)"
    run_nv gate --counters-only --baseline "$SB/out/baseline.json"
    expect_exit 0
    case_end
fi
