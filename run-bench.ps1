#!/usr/bin/env pwsh

<#
.SYNOPSIS
Thin PowerShell front for nvbench: maps parameters to one nvbench verb and its options, runs it
once through 'dotnet run' and returns its exit code.

.DESCRIPTION
All logic lives in the C# command line (bench/NestedVirt.Benchmarks); this script only chooses
the verb. Lists take commas, as PowerShell writes them and as bash passes them in one word:
-Compare a,b. Exactly one verb per call: conflicting switches (-Compare with -History, -Quick
with -Full) and words that belong to no parameter are refused with one line and exit code 2.
Any other nvbench command goes in one quoted -Verb: -Verb 'history --suite NestedWalk'. The
checkout is the folder of this script, wherever it is run from.

.PARAMETER Quick
nvbench run --quick: the headline cases, 10 iterations each (the default run).

.PARAMETER Full
nvbench run --full: every case, 20 iterations each.

.PARAMETER Dry
nvbench run --dry: one cold call per case, a smoke test.

.PARAMETER Filter
Only benchmarks matching this glob, for a run or for -AB.

.PARAMETER Out
Results root of a run (default: results/ in the checkout).

.PARAMETER Compare
nvbench compare BASE,HEAD: two results files, run ids or unique id prefixes.

.PARAMETER CoverLetter
nvbench cover-letter BASE,HEAD.

.PARAMETER AB
nvbench ab REV_A,REV_B: interleaved runs of two revisions (with -Filter).

.PARAMETER History
nvbench history.

.PARAMETER CheckMachine
nvbench check-machine.

.PARAMETER Calibrate
nvbench calibrate.

.PARAMETER List
nvbench list.

.PARAMETER Scenario
nvbench scenario NAME,...; 'all' runs every scenario.

.PARAMETER Verb
Any nvbench verb with its options, in one quoted word split at spaces:
-Verb 'history --suite NestedWalk'. (PowerShell reads a bare --suite as a parameter of this
script, so options cannot follow as separate words.)

.PARAMETER NoBuild
Run what is built (dotnet run --no-build) instead of building first.

.PARAMETER Help
This help (also -h, --help, -?).

.EXAMPLE
./run-bench.ps1 -Quick

.EXAMPLE
./run-bench.ps1 -Full -Filter '*Relay*'

.EXAMPLE
./run-bench.ps1 -Compare 20261122T051515Z,20261122T052001Z

.EXAMPLE
./run-bench.ps1 -AB main,HEAD -Filter '*NestedWalk*'

.EXAMPLE
./run-bench.ps1 -Verb 'history --suite NestedWalk'

.EXAMPLE
./run-bench.ps1 -AB main,HEAD -WhatIf
Prints the nvbench command line instead of running it.
#>
[CmdletBinding(PositionalBinding = $false, SupportsShouldProcess = $true)]
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
    [string[]]$Scenario,
    [string]$Verb,
    [switch]$NoBuild,
    [Alias('h')]
    [switch]$Help,
    [Parameter(ValueFromRemainingArguments = $true, DontShow = $true)]
    [string[]]$Rest
)

$ErrorActionPreference = 'Stop'

# One line on stderr and exit 2, as nvbench does for bad input.
function Fail([string]$message) {
    [Console]::Error.WriteLine("run-bench.ps1: $message")
    exit 2
}

# The script's parameters as given ($PSBoundParameters inside a function would be the function's).
$given = $PSBoundParameters
function Bound([string]$name) { $given.ContainsKey($name) }

# "a,b" arrives as one word from bash and as two from PowerShell: split both the same way.
function Pair([string]$name, [string[]]$values, [string]$what) {
    $items = @($values | ForEach-Object { $_ -split ',' } | ForEach-Object { $_.Trim() } | Where-Object { $_ })
    if ($items.Count -ne 2) {
        Fail "-$name needs two $($what)s, comma-separated: -$name A,B (got $($items.Count))"
    }
    return $items
}

if ($Help -or ($Rest | Where-Object { $_ -in '--help', '-h', '-?', '/?' })) {
    Get-Help -Detailed $PSCommandPath | Out-String -Width 100 | Write-Output
    exit 0
}

# Every parameter that names a verb, and the verb it names.
$chosen = [ordered]@{}
foreach ($mode in 'Quick', 'Full', 'Dry') { if (Bound $mode) { $chosen[$mode] = 'run' } }
if (Bound 'Out') { $chosen['Out'] = 'run' }
foreach ($pair in @(
        @('Compare', 'compare'), @('CoverLetter', 'cover-letter'), @('AB', 'ab'), @('History', 'history'),
        @('CheckMachine', 'check-machine'), @('Calibrate', 'calibrate'), @('List', 'list'),
        @('Scenario', 'scenario'), @('Verb', 'verb'))) {
    if (Bound $pair[0]) { $chosen[$pair[0]] = $pair[1] }
}

$verbs = @($chosen.Values | Select-Object -Unique)
if ($verbs.Count -gt 1) {
    $names = ($chosen.Keys | ForEach-Object { "-$_" }) -join ', '
    Fail "choose one verb: $names name different ones"
}
$modes = @('Quick', 'Full', 'Dry' | Where-Object { Bound $_ })
if ($modes.Count -gt 1) {
    Fail "choose one of -Quick, -Full, -Dry (got $(($modes | ForEach-Object { "-$_" }) -join ', '))"
}
$chosenVerb = if ($verbs.Count -eq 1) { $verbs[0] } else { 'run' }

if ((Bound 'Filter') -and $chosenVerb -notin 'run', 'ab') {
    Fail "-Filter applies to a run or -AB, not to $chosenVerb"
}
if ($Rest) {
    Fail "unexpected argument '$($Rest[0])'; other nvbench options go in one quoted -Verb 'VERB OPTIONS' (see -Help)"
}

$nvbench = @(switch ($chosenVerb) {
    'run' {
        $a = @('run')
        if ($modes.Count -eq 1) { $a += '--' + $modes[0].ToLowerInvariant() }
        if (Bound 'Filter') { $a += @('--filter', $Filter) }
        if (Bound 'Out') { $a += @('--out', $Out) }
        $a
    }
    'compare' { @('compare') + (Pair 'Compare' $Compare 'run') }
    'cover-letter' { @('cover-letter') + (Pair 'CoverLetter' $CoverLetter 'run') }
    'ab' {
        $a = @('ab') + (Pair 'AB' $AB 'revision')
        if (Bound 'Filter') { $a += @('--filter', $Filter) }
        $a
    }
    'scenario' {
        $names = @($Scenario | ForEach-Object { $_ -split ',' } | ForEach-Object { $_.Trim() } | Where-Object { $_ })
        if ($names.Count -eq 0) { Fail "-Scenario needs a name, or 'all' (list them with -Verb scenario -- --list)" }
        if ($names -contains 'all') { @('scenario') } else { @('scenario') + $names }
    }
    'verb' {
        $words = @($Verb -split '\s+' | Where-Object { $_ })
        if ($words.Count -eq 0 -or $words[0].StartsWith('-')) {
            Fail "-Verb needs a verb first, e.g. -Verb 'history --suite NestedWalk' (list them with -Verb help)"
        }
        $words
    }
    default { @($chosenVerb) }
})

$project = Join-Path $PSScriptRoot 'bench/NestedVirt.Benchmarks'
$dotnet = @('run', '-c', 'Release', '--project', $project)
if ($NoBuild) { $dotnet += '--no-build' }
$shown = 'nvbench ' + (($nvbench | ForEach-Object { if ($_ -match '[\s*?''"]') { "'$_'" } else { $_ } }) -join ' ')
$action = if ($NoBuild) { 'run without building' } else { 'build and run' }
if (-not $PSCmdlet.ShouldProcess($shown, $action)) {
    exit 0
}
& dotnet @dotnet -- @nvbench
exit $LASTEXITCODE
