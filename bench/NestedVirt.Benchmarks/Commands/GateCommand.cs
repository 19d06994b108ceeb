using NestedVirt.Harness.Gate;
using System.Globalization;
using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Instructions;
using NestedVirt.Harness.Lifecycle;

namespace NestedVirt.Benchmarks.Commands;

/// <summary>
/// <c>nvbench gate [--baseline FILE] [--update]</c>: the CI gate. Measures the headline cases'
/// model counters and the instruction counts of the hot paths and every headline case, and
/// compares them with the committed baseline, both exactly (or instructions within
/// <c>--threshold</c> when one is given). Exit 0 when nothing
/// changed, 1 with a diff and the update command when something did, 2 on bad input. With
/// <c>--update</c> it rewrites the baseline atomically instead, so a model change is
/// acknowledged in a commit of its own.
/// </summary>
public sealed class GateCommand : ICommand
{
    private readonly IGateSource source;
    private readonly Func<(string Runtime, string Cpu)> machine;
    private readonly OptionSet options = new OptionSet()
        .Option("baseline", "FILE", "baseline (default results/baseline/ci-baseline.json)")
        .Flag("update", "measure and rewrite the baseline instead of comparing")
        .Option("threshold", "PCT", "allowed instruction change (default 0: exact)")
        .Option("iterations", "N", $"N of the instruction counts (default {IcountOptions.DefaultIterations})")
        .Flag("counters-only", "skip instruction counts (fast; no valgrind needed)");

    /// <summary>Creates the verb.</summary>
    /// <param name="source">Measures counters and instructions.</param>
    /// <param name="machine">This machine's runtime and CPU; default: <see cref="InstructionMachine"/>.</param>
    public GateCommand(IGateSource source, Func<(string Runtime, string Cpu)>? machine = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        this.source = source;
        this.machine = machine ?? (static () => (InstructionMachine.Runtime, InstructionMachine.Cpu));
    }

    /// <inheritdoc/>
    public string Name => "gate";

    /// <inheritdoc/>
    public OptionSet Options => options;

    /// <inheritdoc/>
    public string Summary => "CI gate: counters and instructions vs the baseline";

    /// <inheritdoc/>
    public string Help =>
        "usage: nvbench gate [--baseline FILE] [--update] [--threshold P]\n\n" +
        "Measures the model counters of every headline case and the\n" +
        "instructions per operation of every hot path and headline case\n" +
        "(callgrind, one process, as 'nvbench icount --headline'), and\n" +
        "compares them with the committed baseline: counters exactly,\n" +
        "instructions exactly (or within P percent with --threshold).\n" +
        "Instruction counts are compared on any CPU with the baseline's\n" +
        "runtime, ISA pin and counting setup; on another CPU model than\n" +
        "the baseline's, within 0.1 % (exactness across models is not\n" +
        "measured).\n" +
        "Exit 0 unchanged, 1 changed (a diff and the update command follow),\n" +
        "2 bad input. --update rewrites the baseline atomically: commit it on\n" +
        "its own, so every model change is acknowledged.\n\n" +
        "options:\n" + options.Describe() + "\n" +
        "example (update the baseline after a model change):\n  dotnet run -c Release --project bench/NestedVirt.Benchmarks \\\n    -- gate --update\n";

    /// <inheritdoc/>
    public int Run(IReadOnlyList<string> args, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        ParsedArguments parsed = options.Parse(args);
        parsed.RejectPositionalsBeyond(0);
        string? baselineArgument = parsed.GetString("baseline");
        string path = baselineArgument ?? Path.Combine(context.RepositoryRoot, GateBaselineFile.DefaultRelativePath);
        string shown = baselineArgument ?? GateBaselineFile.DefaultRelativePath;
        double threshold = parsed.GetPercent("threshold", GateComparer.DefaultThresholdPercent, 0, 100);
        long iterations = parsed.GetInt32("iterations", IcountOptions.DefaultIterations, 1, 100_000_000);
        bool countersOnly = parsed.Has("counters-only");
        string updateCommand = GateReportWriter.UpdateCommandFor(baselineArgument);
        (string runtime, string cpu) = machine();

        // Minutes under callgrind: signals stop valgrind and remove its work folder (shared handler).
        using LongVerb verb = LongVerb.Begin(context, cooperative: false, Path.GetDirectoryName(Path.GetFullPath(path))!);

        if (parsed.Has("update"))
        {
            // Before minutes of measuring: --update replaces only a gate baseline (issue 11).
            GateBaselineFile.CheckReplaceable(path);
            GateBaseline measured = source.Measure(!countersOnly, iterations, context.RepositoryRoot, context.Error);
            GateBaselineFile.Save(path, measured);
            context.Out.Write(string.Create(CultureInfo.InvariantCulture,
                $"gate: baseline written to {shown}: counters of {measured.Counters.Count} case(s), instructions of {measured.Instructions.Count} hot path(s) ({measured.Runtime} / {measured.Cpu}).\n"));
            if (measured.Instructions.Count == 0)
            {
                context.Out.Write($"note: no instruction counts: {measured.InstructionsNote ?? "not counted"}.\n");
            }

            return 0;
        }

        if (!File.Exists(path))
        {
            throw new HarnessException($"no baseline at '{shown}'; create it with: {updateCommand}");
        }

        GateBaseline baseline = GateBaselineFile.Load(path);
        // Counting instructions takes minutes: skip it when the baseline's cannot be compared here.
        bool count = !countersOnly && GateComparer.InstructionSkipReason(baseline, runtime, cpu) is null;
        GateBaseline now = source.Measure(count, iterations, context.RepositoryRoot, context.Error);
        if (countersOnly)
        {
            now = WithoutInstructions(now, "--counters-only");
        }

        GateReport report = GateComparer.Compare(baseline, now, threshold);
        context.Out.Write(GateReportWriter.Text(report, shown, updateCommand));
        return report.Passed ? 0 : 1;
    }

    private static GateBaseline WithoutInstructions(GateBaseline measured, string note) => new()
    {
        Runtime = measured.Runtime,
        Cpu = measured.Cpu,
        Counters = measured.Counters,
        InstructionsNote = note,
    };
}
