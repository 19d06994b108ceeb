using System.Text.Json;
using NestedVirt.Harness.Kvm;

namespace NestedVirt.Harness.Results;

/// <summary>
/// One stored benchmark run: BenchmarkDotNet's full JSON wrapped in what is needed to trust
/// and compare it later (commit, machine, machine state, job, counters, cost table). Stored as
/// <c>results/&lt;machine-id&gt;/&lt;UTC time&gt;-&lt;short commit&gt;[-dirty].json</c>.
/// </summary>
public sealed class ResultsEnvelope
{
    /// <summary>The schema this file follows; readers refuse a newer major.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>Schema version of this file.</summary>
    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>Tool name and version that wrote the file.</summary>
    public string HarnessVersion { get; init; } = "";

    /// <summary>When the run started, UTC.</summary>
    public DateTimeOffset TimestampUtc { get; init; }

    /// <summary>Source revision the benchmarks were built from.</summary>
    public GitInfo Git { get; init; } = new();

    /// <summary>Stable identifier of the machine (see <see cref="MachineInfo"/>).</summary>
    public string MachineId { get; init; } = "";

    /// <summary>What the machine is (does not change between runs).</summary>
    public MachineInfo Machine { get; init; } = new();

    /// <summary>How the machine was tuned when the run started (changes between runs).</summary>
    public MachineState State { get; init; } = new();

    /// <summary>Job name: <c>quick</c>, <c>full</c>, <c>dry</c>, <c>ab</c>.</summary>
    public string Job { get; init; } = "";

    /// <summary>
    /// True for a run whose numbers mean nothing (the dry job: one cold call per case, a CI
    /// smoke test). compare, history and cover-letter leave smoke runs out unless asked
    /// (<c>--include-smoke</c>). Files written before this field existed are smoke runs when
    /// their job is <c>dry</c> (<see cref="IsSmokeRun"/>).
    /// </summary>
    public bool Smoke { get; init; }

    /// <summary>True when this run is marked smoke or its job is the dry job.</summary>
    public bool IsSmokeRun => Smoke || string.Equals(Job, "dry", StringComparison.Ordinal);

    /// <summary>
    /// Where the benchmarks ran: <c>in-process</c> or <c>out-of-process</c> (one process per case,
    /// built from the project). Null in files written before the harness recorded it, all of
    /// which ran in process.
    /// </summary>
    public string? Toolchain { get; init; }

    /// <summary>The BenchmarkDotNet version that measured (<c>0.15.8</c>), or null in older files.</summary>
    public string? BenchmarkDotNetVersion { get; init; }

    /// <summary>The command line as typed, for cover letters.</summary>
    public string Command { get; init; } = "";

    /// <summary>Which per-event cost table gave the modelled latencies.</summary>
    public CostTableInfo CostTable { get; init; } = new();

    /// <summary>Flattened per-benchmark results, the part <c>compare</c> and <c>history</c> read.</summary>
    public List<BenchmarkResult> Benchmarks { get; init; } = [];

    /// <summary>Exit costs measured through /dev/kvm at the start of the run (<c>run --calibrate</c>), or null.</summary>
    public ExitCostCalibration? Calibration { get; init; }

    /// <summary>Instruction counts per operation from callgrind, when measured.</summary>
    public List<InstructionCount> InstructionCounts { get; init; } = [];

    /// <summary>BenchmarkDotNet's own full JSON reports, one element per benchmark class, unmodified.</summary>
    public List<JsonElement> BenchmarkDotNet { get; init; } = [];
}

/// <summary>The source revision of a run.</summary>
public sealed class GitInfo
{
    /// <summary>Full commit hash, or <c>unknown</c> outside a git checkout.</summary>
    public string Commit { get; init; } = "unknown";

    /// <summary>Abbreviated hash (12 hex digits).</summary>
    public string ShortCommit { get; init; } = "unknown";

    /// <summary>Branch name, or <c>HEAD</c> when detached.</summary>
    public string Branch { get; init; } = "";

    /// <summary>True when the work tree had uncommitted changes to tracked files.</summary>
    public bool Dirty { get; init; }

    /// <summary>
    /// Why <see cref="Commit"/> is <c>unknown</c> (git missing, not a checkout, no commits), or
    /// null when it is known. Such a run is never placed in history; older files without the
    /// field are recognised by the commit alone.
    /// </summary>
    public string? UnknownReason { get; init; }
}

/// <summary>Fixed facts about the machine. The machine id is derived from these.</summary>
public sealed class MachineInfo
{
    /// <summary>CPU model name as /proc/cpuinfo gives it.</summary>
    public string CpuModel { get; init; } = "";

    /// <summary>Logical CPUs of the machine (<c>processor</c> entries in /proc/cpuinfo; the process's count when that is unreadable).</summary>
    public int LogicalCores { get; init; }

    /// <summary>CPU vendor as /proc/cpuinfo gives it (<c>GenuineIntel</c>, <c>AuthenticAMD</c>), or null.</summary>
    public string? CpuVendor { get; init; }

    /// <summary>MemTotal from /proc/meminfo, bytes, or null.</summary>
    public long? MemoryTotalBytes { get; init; }

    /// <summary>Kernel release (uname -r).</summary>
    public string Kernel { get; init; } = "";

    /// <summary>Operating system description.</summary>
    public string Os { get; init; } = "";

    /// <summary>.NET runtime version.</summary>
    public string Runtime { get; init; } = "";

    /// <summary><c>vm</c>, <c>bare-metal</c> or <c>unknown</c>.</summary>
    public string Virtualization { get; init; } = "unknown";

    /// <summary>Hypervisor vendor when running in a VM and known.</summary>
    public string? Hypervisor { get; init; }

    /// <summary>Whether /dev/kvm exists.</summary>
    public bool KvmPresent { get; init; }
}

/// <summary>Tuning state of the machine at the start of a run (pyperf-style system check).</summary>
public sealed class MachineState
{
    /// <summary>cpufreq scaling governor, or null when not exposed. Several distinct governors are comma-separated.</summary>
    public string? Governor { get; init; }

    /// <summary>cpufreq scaling driver (<c>intel_pstate</c>, <c>acpi-cpufreq</c>, <c>amd-pstate-epp</c>), or null.</summary>
    public string? ScalingDriver { get; init; }

    /// <summary>Turbo/boost enabled, or null when unknown.</summary>
    public bool? Turbo { get; init; }

    /// <summary>SMT active, or null when unknown.</summary>
    public bool? Smt { get; init; }

    /// <summary>isolcpus list, or null/empty.</summary>
    public string? IsolatedCpus { get; init; }

    /// <summary>nohz_full list, or null/empty.</summary>
    public string? NohzFull { get; init; }

    /// <summary>kernel.randomize_va_space value, or null.</summary>
    public int? Aslr { get; init; }

    /// <summary>1-minute load average at start.</summary>
    public double? LoadAverage1 { get; init; }

    /// <summary>Swap in use, bytes.</summary>
    public long? SwapUsedBytes { get; init; }

    /// <summary>Whether /dev/kvm could be opened read-write.</summary>
    public bool? KvmAccessible { get; init; }

    /// <summary>kvm / kvm_intel / kvm_amd module parameters that matter here, keyed <c>module.parameter</c> (<c>kvm_intel.nested</c>, <c>kvm_intel.ept</c>, <c>kvm_amd.npt</c>, <c>kvm_intel.enlightened_vmcs</c>, ...).</summary>
    public Dictionary<string, string> KvmParameters { get; init; } = [];
}

/// <summary>The cost table used to turn counters into a modelled latency.</summary>
public sealed class CostTableInfo
{
    /// <summary>Short name, e.g. <c>published-2026</c> or <c>calibrated</c>.</summary>
    public string Name { get; init; } = "";

    /// <summary>Where the numbers come from, in words, with citations.</summary>
    public string Source { get; init; } = "";

    /// <summary>True when the numbers were measured on this machine, false for published figures.</summary>
    public bool Calibrated { get; init; }

    /// <summary>Cost per event in nanoseconds, by counter name.</summary>
    public Dictionary<string, double> NanosecondsPerEvent { get; init; } = [];
}

/// <summary>One benchmark case's result, flattened from BenchmarkDotNet's report.</summary>
public sealed record BenchmarkResult
{
    /// <summary>The benchmark's name (<see cref="BenchmarkName"/>), e.g. <c>rvr/intel/postmessage/relayed/clean</c>. Compare matches on this.</summary>
    public string Id { get; init; } = "";

    /// <summary>Suite (benchmark class) name.</summary>
    public string Suite { get; init; } = "";

    /// <summary>Benchmark method name.</summary>
    public string Method { get; init; } = "";

    /// <summary>Parameter values by name, formatted invariantly.</summary>
    public Dictionary<string, string> Parameters { get; init; } = [];

    /// <summary>Categories of the case.</summary>
    public List<string> Categories { get; init; } = [];

    /// <summary>Per-iteration nanoseconds per operation (workload actual iterations, outliers kept).</summary>
    public double[] SamplesNs { get; init; } = [];

    /// <summary>Median of <see cref="SamplesNs"/>.</summary>
    public double MedianNs { get; init; }

    /// <summary>Mean of <see cref="SamplesNs"/>.</summary>
    public double MeanNs { get; init; }

    /// <summary>Managed bytes allocated per operation, or null when not measured.</summary>
    public long? AllocatedBytesPerOp { get; init; }

    /// <summary>Deterministic model counters per operation, by PathCounters field name.</summary>
    public Dictionary<string, double> Counters { get; init; } = [];

    /// <summary>Counters times the cost table, nanoseconds, or null when the case has no counters.</summary>
    public double? ModelledNs { get; init; }

    /// <summary>Id of the suite's baseline case with the same parameters (e.g. the C walker for the C# walker), or null.</summary>
    public string? BaselineId { get; init; }

    /// <summary>This case's median over its baseline's, from the same run (C#/C time), or null without a baseline.</summary>
    public double? RatioToBaseline { get; init; }
}

/// <summary>Instructions per operation of one headline hot path, counted by callgrind.</summary>
public sealed class InstructionCount
{
    /// <summary>Hot-path id (stable, e.g. <c>walk.ept.4level</c>).</summary>
    public string Id { get; init; } = "";

    /// <summary>Instructions per operation: <see cref="Instructions"/> / <see cref="Iterations"/>, unrounded (files before exact counts: rounded to 0.1).</summary>
    public double InstructionsPerOp { get; init; }

    /// <summary>Operations counted (the driver's calls times the case's operations per call).</summary>
    public long Iterations { get; init; }

    /// <summary>Exact instructions of those <see cref="Iterations"/> operations (callgrind window of 2N minus window of N); 0 in files before exact counts.</summary>
    public long Instructions { get; init; }

    /// <summary>
    /// Runtime and JIT instruction-set pin the count was made with (e.g. <c>.NET 10.0.0,
    /// x86-64-v2 (DOTNET_EnableAVX=0)</c>); counts are compared only between equal setups.
    /// Empty in files written before it was recorded.
    /// </summary>
    public string Setup { get; init; } = "";
}
