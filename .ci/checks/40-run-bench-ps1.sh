# run-bench.ps1 with real PowerShell (the .NET tool pinned in dotnet-tools.json), called from
# bash through its shebang, from a folder outside the checkout, as the README shows it: every
# parameter maps to the right nvbench command (-WhatIf prints it), the cheap verbs really run,
# and stray words, conflicting switches and empty values are one line and exit 2.
source .ci/lib.sh
repo="$PWD"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/elsewhere"

# 'pwsh' for the shebang: the pinned tool, started where its manifest is, in the caller's folder.
cat >"$work/bin/pwsh" <<WRAPPER
#!/usr/bin/env bash
script="\$1"; shift
[[ "\$script" == /* ]] || script="\$PWD/\$script"
cd "$repo" && exec dotnet pwsh -NoProfile -NonInteractive -WorkingDirectory "\$OLDPWD" -File "\$script" "\$@"
WRAPPER
chmod +x "$work/bin/pwsh"
export PATH="$work/bin:$PATH"
cd "$work/elsewhere"
ps1="$repo/run-bench.ps1"

# Checks run three at a time (each is mostly PowerShell's start-up); verdicts print in order.
mkdir -p "$work/checks"
count=0
check() { # DESCRIPTION EXPECTED-EXIT REGEX -- ARGS...
    local what="$1" want="$2" pattern="$3" id
    shift 4
    count=$((count + 1))
    id="$(printf '%03d' "$count")"
    (
        code=0
        "$ps1" "$@" >"$work/checks/$id.out" 2>&1 || code=$?
        if [[ "$code" != "$want" ]] || ! grep -Eq -- "$pattern" "$work/checks/$id.out"; then
            echo "   FAIL  $what: exit $code (want $want), output:"
            sed 's/^/         | /' "$work/checks/$id.out" | head -8
        else
            echo "   ok    $what"
        fi
    ) >"$work/checks/$id.verdict" &
    while (($(jobs -rp | wc -l) >= 3)); do wait -n || true; done
}

mapped() { # ARGS... -> the nvbench command -WhatIf prints
    local expected="$1"
    shift
    check "maps $* to $expected" 0 "on target \"$(printf '%s' "$expected" | sed 's/[][*.^$]/\\&/g')\"" -- "$@" -WhatIf
}

# Every parameter, mapped (the expensive verbs are only mapped, not run).
mapped 'nvbench run'
mapped 'nvbench run --quick' -Quick
mapped 'nvbench run --full' -Full
mapped "nvbench run --dry --filter '*Walk*' --out /tmp/x" -Dry -Filter '*Walk*' -Out /tmp/x
mapped 'nvbench compare a b' -Compare a,b
mapped 'nvbench cover-letter a b' -CoverLetter a,b
mapped "nvbench ab main HEAD --filter '*Walk*'" -AB main,HEAD -Filter '*Walk*'
mapped 'nvbench history' -History
mapped 'nvbench check-machine' -CheckMachine
mapped 'nvbench calibrate' -Calibrate
mapped 'nvbench list' -List
mapped 'nvbench scenario' -Scenario all
mapped 'nvbench scenario vmx-relay svm-relay' -Scenario vmx-relay,svm-relay
mapped 'nvbench history --suite NestedWalk' -Verb 'history --suite NestedWalk'
check "-NoBuild skips the build" 0 'Performing the operation "run without building"' -- -List -NoBuild -WhatIf
check "-Help" 0 'SYNOPSIS' -- -Help

# The cheap verbs, really run from outside the checkout (results are found in it).
# Two committed runs of the development machine, by id (found in the checkout, not here).
machine="amd-epyc-2cpu-9a3288b3"
runs=("$repo/results/$machine"/*.json)
base="$(basename "${runs[0]}" .json)"
head="$(basename "${runs[1]}" .json)"
check "-List runs list" 0 'RelayVsReflection' -- -List -NoBuild
check "-Scenario runs the selftest" 0 'PASS vmx-relay' -- -Scenario vmx-relay -NoBuild
check "-Compare a,b from bash compares two runs" 1 "base .* -> head " -- -Compare "$base,$head" -NoBuild
check "-CoverLetter a,b from bash" 0 'Cover|Machine:' -- -CoverLetter "$base,$head" -NoBuild
check "-CheckMachine" 0 'WARN|OK' -- -CheckMachine -NoBuild
check "-Calibrate" 0 'calibrate:' -- -Calibrate -NoBuild
check "-Verb with options" 0 "history of machine $machine" -- -Verb "history --machine $machine --svg-dir $work/svg" -NoBuild
check "-Dry -Filter -Out stores one run" 0 'Results: ' -- -Dry -Filter '*WalkerSpecialisation.Generic*' -Out "$work/results" -NoBuild

# Bad input: one line naming the problem, exit 2.
check "a stray word" 2 "^run-bench.ps1: unexpected argument 'extra'" -- -Quick extra
check "conflicting verbs" 2 '^run-bench.ps1: choose one verb: -Compare, -History' -- -Compare a,b -History
check "conflicting modes" 2 '^run-bench.ps1: choose one of -Quick, -Full, -Dry' -- -Quick -Full
check "-Verb ''" 2 '^run-bench.ps1: -Verb needs a verb first' -- -Verb ''
check "nvbench's exit code passed through" 2 "unknown verb 'no-such-verb'" -- -Verb no-such-verb -NoBuild
check "one run for -Compare" 2 '^run-bench.ps1: -Compare needs two runs' -- -Compare a
check "space instead of comma" 2 "^run-bench.ps1: unexpected argument 'HEAD'" -- -AB main HEAD
check "-Filter on a verb without filters" 2 '^run-bench.ps1: -Filter applies to a run or -AB' -- -List -Filter x

wait
cat "$work/checks/"*.verdict
failures="$(cat "$work/checks/"*.verdict | grep -c '^   FAIL' || true)"
if [[ "$(find "$work/results" -name '*.json' | wc -l)" != 1 ]]; then
    echo "   FAIL  -Out: expected one results file under $work/results"
    failures=$((failures + 1))
fi

if ((failures > 0)); then
    echo "   run-bench.ps1: $failures check(s) failed"
    exit 1
fi
