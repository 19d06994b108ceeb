# Shared by the scripts in .ci/checks/: run from the repository root after the README's test
# command has built the solution in Release.
set -euo pipefail
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
nvbench() { dotnet run -c Release --no-build --project bench/NestedVirt.Benchmarks -- "$@"; }
# run-bench.ps1 through the PowerShell pinned in dotnet-tools.json (.ci/run restores it).
runbench() { dotnet pwsh -NoLogo -NoProfile -NonInteractive -File ./run-bench.ps1 "$@"; }
