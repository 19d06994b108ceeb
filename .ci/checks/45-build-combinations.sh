# Every valid combination of the core's build switches (build/NestedVirt.Features.props; issue 9,
# docs/model B-01, B-02): EnableNested on/off x VMX only, SVM only, both. The default (nested, both
# vendors) was built and fully tested by .ci/run's first step. Each other combination builds only
# what it needs (.ci/combination.slnf: the core's tests, which follow the switches, and nvbench,
# whose suites follow them too) in one build into a folder of its own, then runs those tests; the builds without nested code also run
# their scenarios and capabilities, and one runs the stub tests in Debug, where an unreachable stub
# must throw. Both vendors off must fail with one clear line. Last, the core's size per build.
source .ci/lib.sh
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cores=(src/NestedVirt.Core/bin/Release/net10.0/NestedVirt.Core.dll)

combination() {  # nested vmx svm
    local dir="$work/$1-$2-$3" args=(-c Release -p:EnableNested="$1" -p:EnableVmx="$2" -p:EnableSvm="$3" --artifacts-path "$work/$1-$2-$3")
    echo "-- EnableNested=$1 EnableVmx=$2 EnableSvm=$3"
    local log
    if ! log="$(dotnet build .ci/combination.slnf "${args[@]}" -nologo -v q -clp:ErrorsOnly 2>&1)"; then
        echo "$log"; return 1
    fi
    dotnet test tests/NestedVirt.Core.Tests "${args[@]}" --no-build -nologo -v q | grep -E '^(Passed|Failed)!' || return 1
    if [ "$1" = false ]; then
        dotnet "$dir/bin/NestedVirt.Benchmarks/release/nvbench.dll" scenario
        dotnet "$dir/bin/NestedVirt.Benchmarks/release/nvbench.dll" capabilities | head -1
    fi
    cores+=("$dir/bin/NestedVirt.Core/release/NestedVirt.Core.dll")
}

combination true true false
combination true false true
combination false true true
combination false true false
combination false false true

echo "-- EnableNested=false, Debug: unreachable stubs fail loudly"
dotnet test tests/NestedVirt.Core.Tests -c Debug -p:EnableNested=false --artifacts-path "$work/debug" -nologo -v q \
    --filter 'FullyQualifiedName~NestedVirt.Tests.L0' | grep -E '^(Passed|Failed)!'

echo "-- EnableVmx=false EnableSvm=false: refused with one message"
if out="$(dotnet build src/NestedVirt.Core -c Release -p:EnableVmx=false -p:EnableSvm=false --artifacts-path "$work/none" -nologo 2>&1)"; then
    echo "FAIL: a core without any vendor built"; exit 1
fi
count="$(grep -c 'the core needs at least one vendor' <<<"$out" || true)"
# MSBuild repeats each error once in its summary.
if [ "$count" -ne 2 ]; then
    echo "FAIL: expected the vendor message once (twice with the summary), saw it $count times:"; echo "$out"; exit 1
fi
grep -m1 'error :' <<<"$out" | sed 's/^.*error : /refused: /; s/ \[.*//'

echo "-- core size by build"
nvbench core-size "${cores[@]}"
