# Smoke run of every benchmark (dry job, in-process); 'run' exits 1 if any benchmark fails or
# allocates. Tiering off so the allocation check sees optimised code from the first call, not
# call-counting stubs.
source .ci/lib.sh
smoke="$(mktemp -d)"
trap 'rm -rf "$smoke"' EXIT
DOTNET_TieredCompilation=0 nvbench run --dry --out "$smoke"
