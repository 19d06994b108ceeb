using System.Diagnostics;
using System.Globalization;
using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Index;
using NestedVirt.Harness.Results;
using NestedVirt.Harness.Synthetic;

namespace NestedVirt.Benchmarks.Commands;

/// <summary><c>synth</c>: writes a fixed-seed synthetic fleet history with planted shifts (see <see cref="SyntheticHistory"/>).</summary>
public sealed class SynthCommand : ICommand
{
    private readonly OptionSet options = new OptionSet()
        .Option("out", "DIR", "where to write (must be missing or empty)")
        .Option("machines", "N", "machines, VMX and SVM hosts alternating (default 4)")
        .Option("commits", "N", "commits, each run once per machine (default 2500)")
        .Option("seed", "N", "random seed (default 14)")
        .Option("template", "FILE", "run to copy (default: newest run under results/)");

    /// <inheritdoc/>
    public string Name => "synth";

    /// <inheritdoc/>
    public OptionSet Options => options;

    /// <inheritdoc/>
    public string Summary => "write a synthetic fleet history with planted shifts";

    /// <inheritdoc/>
    public string Help =>
        "usage: nvbench synth --out DIR [options]\n\n"
        + "Writes DIR/repo (a git repository with one empty commit per commit),\n"
        + "DIR/results (one run per machine and commit, copied from a real run\n"
        + "with samples redrawn: per-machine speed, 1% noise, 5% outliers) and\n"
        + "DIR/planted-shifts.json (the level shifts history should find: relay\n"
        + "+15% on VMX hosts at 35%, 2-D walks -12% at 60%, switch dispatch\n"
        + "+25% on the first machine at 80% of the commits). The same seed gives\n"
        + "the same files. For measuring history, the index and the dashboard\n"
        + "at scale (scripts/measure-fleet-scale.sh) and for demos.\n\n"
        + "options:\n" + options.Describe() + "\n"
        + "example:\n  nvbench synth --out /tmp/fleet --machines 2 --commits 40\n";

    /// <inheritdoc/>
    public int Run(IReadOnlyList<string> args, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        ParsedArguments parsed = options.Parse(args);
        parsed.RejectPositionalsBeyond(0);
        string output = Path.GetFullPath(parsed.GetString("out") ?? throw new UsageException("synth needs --out DIR"));
        var shape = new SyntheticHistoryOptions
        {
            Machines = parsed.GetInt32("machines", 4, min: 1, max: 64),
            Commits = parsed.GetInt32("commits", 2500, min: 10, max: 1_000_000),
            Seed = parsed.GetInt32("seed", 14),
        };
        string template = parsed.GetString("template") ?? NewestRun(context.ResultsRoot);
        var clock = Stopwatch.StartNew();
        IReadOnlyList<PlantedShift> planted = SyntheticHistory.Generate(output, ResultsStore.Load(template), shape, context.Error);
        string seconds = clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
        context.Out.Write($"wrote {shape.Machines * shape.Commits} run(s) of {shape.Machines} machine(s) x {shape.Commits} commit(s) to {output} in {seconds} s\n");
        context.Out.Write($"template: {template}\n");
        foreach (PlantedShift shift in planted)
        {
            context.Out.Write(string.Create(
                CultureInfo.InvariantCulture,
                $"planted: {shift.Suite} {shift.Parameter}={shift.Value} x{shift.Ratio:0.00} at commit {shift.CommitIndex} ({shift.Commit[..12]}) on {shift.Machines.Count} machine(s)\n"));
        }

        return 0;
    }

    private static string NewestRun(string resultsRoot)
    {
        string? newest = null;
        if (Directory.Exists(resultsRoot))
        {
            foreach (string machine in Directory.EnumerateDirectories(resultsRoot))
            {
                foreach (string file in Directory.EnumerateFiles(machine, "*" + ResultsFileName.Extension))
                {
                    if (IndexScanner.IsRunFileName(Path.GetFileName(file))
                        && (newest is null || string.CompareOrdinal(Path.GetFileName(file), Path.GetFileName(newest)) > 0))
                    {
                        newest = file;
                    }
                }
            }
        }

        return newest ?? throw new HarnessException($"no run under '{resultsRoot}' to copy; pass --template FILE");
    }
}
