# The dashboard in a real browser: a synthetic history of two machines (fixed seed, planted
# shifts), nvbench report --html, then headless Chromium loads the page. It must log no console
# message, render one chart per machine and suite, run site.js to its end, and paint a
# non-blank screenshot. A page with a deliberate script error must fail the same check (so the
# check can fail). Skipped with a message where Chromium is absent.
source .ci/lib.sh
browser="$(command -v chromium || command -v chromium-browser || true)"
if [ -z "$browser" ]; then
    echo "skipped: chromium not installed (Debian package chromium; .ci/install-debian-packages)"
    exit 0
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
repo="$PWD"
nvbench synth --out "$work/fleet" --machines 2 --commits 40 --seed 14 >/dev/null
# From inside the synthetic repository, so history orders runs by its git ancestry.
(cd "$work/fleet/repo" && dotnet run -c Release --no-build --project "$repo/bench/NestedVirt.Benchmarks" -- \
    report --html "$work/site" --results "$work/fleet/results")

chrome() {
    local profile
    profile="$(mktemp -d "$work/profile.XXXX")"
    timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$profile" --enable-logging=stderr --v=0 --window-size=1400,3000 "$@"
}

check() {
    local site="$1"
    chrome --dump-dom "file://$site/index.html" >"$work/dom.html" 2>"$work/chrome.log"
    chrome --screenshot="$work/shot.png" "file://$site/index.html" >/dev/null 2>>"$work/chrome.log"
    python3 .ci/dashboard-check.py "$site" "$work/dom.html" "$work/chrome.log" "$work/shot.png"
}

check "$work/site"

# Negative control: the same site with a script error must be caught.
cp -r "$work/site" "$work/broken"
printf 'undefinedFunction();\n' >>"$work/broken/site.js"
if check "$work/broken" >"$work/broken.out"; then
    echo "dashboard check did not catch a deliberate script error:"; cat "$work/broken.out"; exit 1
fi
echo "negative control caught: $(head -n 1 "$work/broken.out")"
