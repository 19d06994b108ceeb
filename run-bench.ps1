#!/usr/bin/env pwsh
# Thin PowerShell front for nvbench. All logic lives in the C# command line
# (bench/NestedVirt.Benchmarks, verbs under Commands/ and src/NestedVirt.Harness);
# this script only maps parameters to a verb and its options, runs it once and
# returns its exit code.
#
#   ./run-bench.ps1 -Quick                      # nvbench run --quick
#   ./run-bench.ps1 -Full -Filter '*Relay*'     # nvbench run --full --filter ...
#   ./run-bench.ps1 -Compare base.json,head.json
#   ./run-bench.ps1 -CoverLetter base,head
#   ./run-bench.ps1 -AB main,HEAD
#   ./run-bench.ps1 -Verb history               # any verb, options after --
[CmdletBinding()]
param(
    [switch]$Quick,
    [switch]$Full,
    [switch]$Dry,
    [string]$Filter,
    [string]$Out,
    [string[]]$Compare,
    [string[]]$CoverLetter,
    [string[]]$AB,
    [switch]$History,
    [switch]$CheckMachine,
    [switch]$Calibrate,
    [switch]$List,
    [string]$Scenario,
    [string]$Verb,
    [Parameter(ValueFromRemainingArguments = $true)]
    [string[]]$Rest
)

$nvbench = @()
if ($Compare)          { $nvbench = @('compare') + $Compare }
elseif ($CoverLetter)  { $nvbench = @('cover-letter') + $CoverLetter }
elseif ($AB)           { $nvbench = @('ab') + $AB }
elseif ($History)      { $nvbench = @('history') }
elseif ($CheckMachine) { $nvbench = @('check-machine') }
elseif ($Calibrate)    { $nvbench = @('calibrate') }
elseif ($List)         { $nvbench = @('list') }
elseif ($PSBoundParameters.ContainsKey('Scenario')) { $nvbench = @('scenario') + @($Scenario | Where-Object { $_ }) }
elseif ($Verb)         { $nvbench = @($Verb) }
else {
    $nvbench = @('run')
    if ($Quick) { $nvbench += '--quick' }
    if ($Full)  { $nvbench += '--full' }
    if ($Dry)   { $nvbench += '--dry' }
    if ($Filter) { $nvbench += @('--filter', $Filter) }
    if ($Out)    { $nvbench += @('--out', $Out) }
}
if ($AB -and $Filter) { $nvbench += @('--filter', $Filter) }
if ($Rest)   { $nvbench += $Rest }

$project = Join-Path $PSScriptRoot 'bench/NestedVirt.Benchmarks'
& dotnet run -c Release --project $project -- @nvbench
exit $LASTEXITCODE
