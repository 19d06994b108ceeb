using System.Globalization;
using NestedVirt.Harness.Instructions;
using NestedVirt.Harness.Processes;
using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Lifecycle;
using NestedVirt.Harness.Results;

namespace NestedVirt.Benchmarks.Commands;

/// <summary>
/// <c>nvbench icount [--iterations N] [--format text|json]</c>: instructions per operation of
/// the headline hot paths under callgrind (deterministic numbers for CI), with the plain C
/// EPT walker beside the C# one. Exit 0 (also when valgrind is absent: one line says it was
/// skipped), 2 when a driver or the compiler fails.
/// </summary>
public sealed class IcountCommand : ICommand
{
    private readonly IReadOnlyList<string> hotPathIds;
    private readonly IReadOnlyList<string> nativeIds;
    private readonly Func<string?> nativeSkipReason;
    private readonly IProcessRunner processes;
    private readonly Func<string, string?> findExecutable;
    private readonly DriverLauncher? driver;
    private readonly OptionSet options = new OptionSet()
        .Option("iterations", "N", $"operations in the counted run (default {IcountOptions.DefaultIterations})")
        .Option("format", "text|json", "output format (default text)")
        .Option("repeat", "K", "count K times and show the spread (default 1)")
        .Option("jobs", "J", "callgrind runs at once (default: cores, at most 4)")
        .Flag("headline", "every headline case, in one callgrind process");
    private readonly IReadOnlyList<string> headlineIds;
    private readonly Func<string, int>? operationsPerIteration;

    /// <summary>Creates the verb.</summary>
    /// <param name="hotPathIds">The ids <c>nvbench drive</c> knows.</param>
    /// <param name="processes">Starts valgrind and cc; default: real processes.</param>
    /// <param name="findExecutable">Finds programs on PATH; default: <see cref="ExecutableLocator.Find"/>.</param>
    /// <param name="driver">How to start <c>nvbench drive</c>; default: this process.</param>
    /// <param name="nativeIds">The C reference walkers the driver knows (counted beside the hot paths); default none.</param>
    /// <param name="nativeSkipReason">Why the C walkers cannot run, or null when they can; asked only when counting.</param>
    /// <param name="headlineIds">Benchmark ids of the headline cases (<c>--headline</c>); none by default.</param>
    /// <param name="operationsPerIteration">Operations one driver call does, per id (a walk benchmark walks a stream); 1 by default.</param>
    public IcountCommand(IReadOnlyList<string> hotPathIds, IProcessRunner? processes = null, Func<string, string?>? findExecutable = null, DriverLauncher? driver = null,
        IReadOnlyList<string>? nativeIds = null, Func<string?>? nativeSkipReason = null, IReadOnlyList<string>? headlineIds = null, Func<string, int>? operationsPerIteration = null)
    {
        ArgumentNullException.ThrowIfNull(hotPathIds);
        this.hotPathIds = hotPathIds;
        this.headlineIds = headlineIds ?? [];
        this.operationsPerIteration = operationsPerIteration;
        this.nativeIds = nativeIds ?? [];
        this.nativeSkipReason = nativeSkipReason ?? (() => null);
        this.processes = processes ?? SystemProcessRunner.Instance;
        this.findExecutable = findExecutable ?? ExecutableLocator.Find;
        this.driver = driver ?? DriverLauncher.ForCurrentProcess();
    }

    /// <inheritdoc/>
    public string Name => "icount";

    /// <inheritdoc/>
    public OptionSet Options => options;

    /// <inheritdoc/>
    public string Summary => "instructions per operation of the hot paths (callgrind)";

    /// <inheritdoc/>
    public string Help =>
        "usage: nvbench icount [--iterations N] [--format text|json]\n\n" +
        "Runs 'nvbench drive <id> N' and 'nvbench drive <id> 0' under\n" +
        "valgrind --tool=callgrind for every headline hot path and prints\n" +
        "(Ir(N) - Ir(0)) / N: instructions per operation, the same on every\n" +
        "run of the same build, runtime and CPU. The drivers run with tiered\n" +
        "compilation and PGO off. The C reference walkers (bench/native/,\n" +
        "built with cc -O2 when nvbench is built) are counted the same way,\n" +
        "over the same tables and stream, for the C#/C ratio of each walk.\n" +
        "Without valgrind it prints one line and exits 0.\n" +
        "--headline counts every headline benchmark case instead, all in one\n" +
        "callgrind process: each case runs between marks (drive --marked),\n" +
        "and 2 x calls minus calls gives its instructions per operation.\n" +
        "With --repeat K, exit 1 when the repeats differ by any instruction.\n\n" +
        "options:\n" + options.Describe() + "\n" +
        "example:\n  nvbench icount --repeat 2\n";

    /// <inheritdoc/>
    public int Run(IReadOnlyList<string> args, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        ParsedArguments parsed = options.Parse(args);
        parsed.RejectPositionalsBeyond(0);
        string format = parsed.GetChoice("format", "text", ["text", "json"]);
        bool headline = parsed.Has("headline");
        var icount = new IcountOptions
        {
            HotPathIds = headline ? headlineIds : hotPathIds,
            OneProcess = headline,
            OperationsPerIteration = operationsPerIteration,
            Iterations = parsed.GetInt32("iterations", IcountOptions.DefaultIterations, 1, 100_000_000),
            Repeat = parsed.GetInt32("repeat", 1, 1, 10),
            Jobs = parsed.GetInt32("jobs", IcountOptions.DefaultJobs, 1, 64),
            NativeIds = nativeIds,
            NativeSkipped = nativeIds.Count == 0 ? null : nativeSkipReason(),
        };

        using LongVerb verb = LongVerb.Begin(context, cooperative: false);
        IcountReport report = new IcountRunner(processes, findExecutable, driver, context.Error, context.Interruption, context.TemporaryRoot).Run(icount);
        context.Out.Write(format == "json" ? ResultsJson.Serialize(report) : IcountReportWriter.Text(report));
        return headline ? CheckRepeatsEqual(report, context.Error) : 0;
    }

    // One-process counts are exact: with --repeat, any instruction of difference between repeats
    // is nondeterminism in the counting itself, which CI must see (exit 1), not average away.
    private static int CheckRepeatsEqual(IcountReport report, TextWriter error)
    {
        int differing = 0;
        foreach (IGrouping<string, IcountSample> samples in report.Samples.GroupBy(s => s.Id, StringComparer.Ordinal))
        {
            long[] counts = [.. samples.Select(s => s.InstructionsAtN - s.InstructionsAtZero).Distinct()];
            if (counts.Length > 1)
            {
                differing++;
                error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"icount: {samples.Key}: repeats counted {string.Join(" / ", counts)} instructions, not one number"));
            }
        }

        if (differing > 0)
        {
            error.WriteLine($"icount: {differing} case(s) not exact between repeats (exit 1)");
        }

        return differing > 0 ? 1 : 0;
    }
}
