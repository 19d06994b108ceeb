# Bad input: hostile, corrupt, truncated, huge and endless results files, folders where files
# belong, filters that select nothing, a missing git, and nvbench run from outside the checkout.
# Every bad input is one line naming the problem and exit 2, never a stack trace.

hostile() { # NAME MUTATION REGEX: MUTATION is a GNU sed script applied to a committed run, or a word below
    case_start "input/$1" || return 0
    local file="$SB/hostile.json"
    case "$2" in
        truncated) head -c 5000 "$SAMPLE_RUN" >"$file" ;;
        empty) : >"$file" ;;
        binary) head -c 4096 /dev/urandom >"$file" ;;
        deep) printf '%*s' 100000 '' | tr ' ' '[' >"$file" ;;
        array) echo '[1, 2, 3]' >"$file" ;;
        huge) truncate -s 65M "$file" ;;
        endless) file=/dev/zero ;;
        folder) file="$SB/out" ;;
        duplicate)
            local first
            first="$(grep -m1 '^      "id": ' "$SAMPLE_RUN")"
            awk -v first="$first" '/^      "id": / { if (++n == 2) { print first; next } } 1' "$SAMPLE_RUN" >"$file" ;;
        *) sed -e "$2" "$SAMPLE_RUN" >"$file" ;;
    esac
    ENV_EXTRA=()
    for verb in compare cover-letter; do
        start_nv "$verb" "$SAMPLE_RUN" "$file"
        finish 60
        expect_one_line_error "$3"
    done
    case_end
}

# The results file is indented JSON, one number per line in arrays: the sed scripts rely on it.
hostile sample-1e40 '/"samplesNs": \[/{n;s/[-0-9.eE+]\+/1e40/}' "samplesNs\[0\]' should be a finite number of ns"
hostile sample-negative '/"samplesNs": \[/{n;n;n;n;s/[-0-9.eE+]\+/-5/}' "samplesNs\[3\]' should be"
hostile sample-nan '/"samplesNs": \[/{n;s/[-0-9.eE+]\+/"NaN"/}' "samplesNs\[0\]' should be"
hostile median-infinity 's/"medianNs": [^,]*/"medianNs": "Infinity"/' "medianNs' should be"
hostile counter-huge 's/"Walks": [^,]*/"Walks": 1e300/' "counters.Walks' should be"
hostile load-negative 's/"loadAverage1": [^,]*/"loadAverage1": -1/' "loadAverage1' should be"
hostile cost-nan '/"nanosecondsPerEvent": {/{n;s/: [^,]*/: "NaN"/}' "nanosecondsPerEvent\..*' should be"
hostile duplicate-id duplicate "twice"
hostile schema-future 's/"schemaVersion": 1,/"schemaVersion": 99,/' "newer than"
hostile no-benchmarks-field 's/^  "benchmarks": /  "renamedBenchmarks": /' "missing required field 'benchmarks'"
hostile wrong-type 's/^  "job": [^,]*/  "job": {"a": 1}/' "bad value"
hostile truncated truncated "is truncated"
hostile empty empty "is empty"
hostile binary binary "not valid JSON"
hostile deep deep "not valid JSON"
hostile array array "not a results envelope"
hostile huge huge "larger than 64 MiB"
hostile endless endless "larger than 64 MiB"
hostile folder folder "is a folder, not a results file"

if case_start input/gate-baseline-is-a-results-file; then
    cp "$SAMPLE_RUN" "$SB/out/run.json"
    before="$(sha256sum <"$SB/out/run.json")"
    ENV_EXTRA=()
    run_nv gate --counters-only --baseline "$SB/out/run.json"
    expect_one_line_error "is a results file, not a gate baseline"
    run_nv gate --update --counters-only --baseline "$SB/out/run.json"
    expect_one_line_error "refusing to replace"
    [[ "$(sha256sum <"$SB/out/run.json")" == "$before" ]] || fail "the results file was changed"
    case_end
fi

selects_nothing() { # NAME REGEX ARGS... (@OUT@ stands for the case's results folder)
    local name="$1" pattern="$2"
    shift 2
    case_start "filter/$name" || return 0
    ENV_EXTRA=()
    run_nv "${@//@OUT@/$SB/out}"
    expect_one_line_error "$pattern"
    expect_clean_tmp
    case_end
}

machine="$(basename "$(dirname "$SAMPLE_RUN")")"
selects_nothing run-filter "no benchmark matches --filter" run --dry --filter '*NoSuchBenchmark*' --out @OUT@ --artifacts @OUT@/../artifacts
selects_nothing history-suite "no benchmark of suite 'NestedWlak'" history --machine "$machine" --suite NestedWlak --svg-dir @OUT@/svg
selects_nothing history-machine "no results for machine 'no-such-machine'.*machines with results: " history --machine no-such-machine
selects_nothing calibrate-device "option --device: '/dev/kvmm' does not exist" calibrate --device /dev/kvmm

# From another folder the checkout is the tool's: run ids resolve in its results/.
if case_start elsewhere/compare-by-id; then
    ids=($(ls "$(dirname "$SAMPLE_RUN")" | head -2))
    ENV_EXTRA=()
    (cd "$SB" && start_nv compare "${ids[0]%.json}" "${ids[1]%.json}" && finish 60 && echo "$RC" >"$SB/rc")
    RC="$(cat "$SB/rc")"
    [[ "$RC" == 0 || "$RC" == 1 ]] || fail "exit code $RC: $(head -1 "$SB/err")"
    grep -q '^base ' "$SB/stdout" || fail "no comparison printed"
    case_end
fi

# Without git the run is stored, with a warning and the reason in the file.
if case_start git/missing; then
    mkdir -p "$SB/nogit"
    ln -s "$(command -v dotnet)" "$SB/nogit/dotnet"
    ENV_EXTRA=(PATH="$SB/nogit")
    run_nv run --dry --filter '*WalkerSpecialisation.Generic*' --out "$SB/out" --artifacts "$SB/artifacts"
    expect_exit 0
    grep -q "warning: no commit for this run" "$SB/err" || fail "no warning about the missing commit"
    stored="$(find "$SB/out" -name '*-unknown.json')"
    [[ -n "$stored" ]] || fail "no run stored as -unknown"
    [[ -n "$stored" ]] && { grep -q '"unknownReason": "cannot run' "$stored" || fail "the run does not say why its commit is unknown"; }
    case_end
fi
