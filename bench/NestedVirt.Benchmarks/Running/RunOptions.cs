namespace NestedVirt.Benchmarks.Running;

/// <summary>
/// What <c>nvbench run</c> was asked to do, parsed: the seam between the command line (which
/// owns the spelling) and <see cref="HarnessConfig"/> (which owns what each setting does).
/// Options with BenchmarkDotNet's names keep BenchmarkDotNet's meaning.
/// </summary>
public sealed record RunOptions
{
    /// <summary>Job mode, toolchain and diagnosers (<c>--quick</c>/<c>--full</c>/<c>--dry</c>, <c>--in-process</c>, <c>--disasm</c>, <c>--profile</c>).</summary>
    public RunSettings Settings { get; init; } = RunSettings.For(RunMode.Quick);

    /// <summary>Quick (headline cases), full or dry.</summary>
    public RunMode Mode => Settings.Mode;

    /// <summary><c>--job</c>: a BenchmarkDotNet job preset (default, dry, short, medium, long, verylong) instead of the mode's job; null for the mode's.</summary>
    public string? Job { get; init; }

    /// <summary><c>--filter</c>: globs matched against the benchmark's name, BenchmarkDotNet's full name or its Type.Method; any may match.</summary>
    public IReadOnlyList<string> Filters { get; init; } = [];

    /// <summary><c>--anyCategories</c>: run a benchmark in any of these categories.</summary>
    public IReadOnlyList<string> AnyCategories { get; init; } = [];

    /// <summary><c>--allCategories</c>: run a benchmark in all of these categories.</summary>
    public IReadOnlyList<string> AllCategories { get; init; } = [];

    /// <summary><c>--attribute</c>: run benchmarks carrying one of these attributes (by name).</summary>
    public IReadOnlyList<string> Attributes { get; init; } = [];

    /// <summary><c>--list flat|tree</c>: print the selected names instead of running.</summary>
    public ListMode List { get; init; } = ListMode.None;

    /// <summary><c>--calibrate</c>: measure exit costs through /dev/kvm first and model with them.</summary>
    public bool Calibrate { get; init; }

    /// <summary><c>--icount</c>: count every selected case's instructions per operation under callgrind (one process) and store them.</summary>
    public bool Icount { get; init; }

    /// <summary><c>--out</c>: the results root; null for <c>results/</c> in the checkout.</summary>
    public string? ResultsRoot { get; init; }

    /// <summary><c>--artifacts</c>: the run's artifacts folder; null for <c>artifacts/runs/&lt;run id&gt;/</c> in the checkout.</summary>
    public string? ArtifactsPath { get; init; }

    /// <summary>
    /// Every other BenchmarkDotNet option with its values, verbatim, for BenchmarkDotNet's own
    /// parser (<c>--memory</c>, <c>--join</c>, <c>--exporters</c>, <c>--iterationCount</c>, ...).
    /// </summary>
    public IReadOnlyList<string> BenchmarkDotNetArguments { get; init; } = [];
}

/// <summary>What <c>run --list</c> prints.</summary>
public enum ListMode
{
    /// <summary>Run, do not list.</summary>
    None,

    /// <summary>One name per line.</summary>
    Flat,

    /// <summary>Names as a tree of their <c>/</c>-separated parts.</summary>
    Tree,
}
