using System.Globalization;
using System.Text;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using NestedVirt.Benchmarks.Exits;
using NestedVirt.Benchmarks.Running;
using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Lifecycle;
using NestedVirt.X86;

namespace NestedVirt.Benchmarks.Commands;

/// <summary>
/// <c>nvbench nested-cost [--quick]</c>: the cost of an exit of a guest without nested
/// virtualization with nested code compiled in and compiled out, side by side in one
/// BenchmarkDotNet run (<see cref="NestedCostConfig"/>), so the build-time proposal's "no
/// functional change, no cost" claim is measured, not assumed.
/// </summary>
public sealed class NestedCostCommand : ICommand
{
    private readonly OptionSet options = new OptionSet()
        .Flag("quick", "10 iterations of 120 ms per case instead of 20 of 250 ms");

    /// <inheritdoc/>
    public string Name => "nested-cost";

    /// <inheritdoc/>
    public string Summary => "non-nested exit cost, nested code compiled in vs out";

    /// <inheritdoc/>
    public string Help =>
        "usage: nvbench nested-cost [--quick]\n\n" +
        "Runs the NonNestedExit suite (one exit of the realistic mix from a\n" +
        "guest without nested virtualization, handled by L0) under two jobs\n" +
        "in one BenchmarkDotNet run: the core built as usual, and the core\n" +
        "built with EnableNested=false. BenchmarkDotNet builds a project per\n" +
        "job (a minute or two each), then measures them in turn; the table\n" +
        "gives the medians and out/in. Exit 1 when a case failed.\n\n" +
        "options:\n" + options.Describe() + "\n" +
        "example:\n  nvbench nested-cost --quick\n";

    /// <inheritdoc/>
    public int Run(IReadOnlyList<string> args, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        ParsedArguments parsed = options.Parse(args);
        parsed.RejectPositionalsBeyond(0);

        // A long verb: a signal stops the benchmark processes and removes the artifacts folder,
        // which also holds BenchmarkDotNet's generated projects of both jobs.
        using LongVerb verb = LongVerb.Begin(context, cooperative: false);
        using TemporaryFolder scratch = verb.CreateFolder("nested-cost");
        string artifacts = scratch.Path;
        string log = Path.Combine(artifacts, "benchmarkdotnet.log");
        int cases = 2 * NonNestedExit.VendorCount;
        Summary summary;
        using (var logger = new ProgressLogger(context.Error, log, cases))
            summary = BenchmarkRunner.Run<NonNestedExit>(NestedCostConfig.Create(parsed.Has("quick"), context.RepositoryRoot, artifacts, logger));
        verb.Interruption.ThrowIfRequested();
        List<NestedCostRow> rows = NestedCostRow.From(summary);
        foreach (var error in summary.ValidationErrors)
        {
            if (error.IsCritical)
                context.Error.WriteLine("nested-cost: " + error.Message);
        }
        string? wrongBuild = CheckBuilds(File.ReadAllLines(log));
        if (wrongBuild is not null)
        {
            scratch.Keep();
            context.Error.WriteLine($"nested-cost: {wrongBuild}; log: {log}");
            return 1;
        }
        context.Out.Write(Table(rows));
        if (rows.Count == cases && !summary.HasCriticalValidationErrors)
            return 0;
        // Keep BenchmarkDotNet's log (build output included) for the person who has to look.
        scratch.Keep();
        context.Error.WriteLine($"nested-cost: {rows.Count} of {cases} cases measured; log: {log}");
        return 1;
    }

    /// <summary>
    /// Checks, from BenchmarkDotNet's log, that every benchmark process printed the switches of
    /// its job's build: EnableNested=true for nested-in, false for nested-out. Null when so.
    /// </summary>
    internal static string? CheckBuilds(IReadOnlyList<string> logLines)
    {
        string? job = null;
        int checkedProcesses = 0;
        foreach (string line in logLines)
        {
            if (line.StartsWith("// Benchmark: ", StringComparison.Ordinal))
            {
                job = line.Contains(": " + NestedCostConfig.NestedOutJob + "(", StringComparison.Ordinal) ? NestedCostConfig.NestedOutJob
                    : line.Contains(": " + NestedCostConfig.NestedInJob + "(", StringComparison.Ordinal) ? NestedCostConfig.NestedInJob
                    : null;
                continue;
            }
            if (job is null || !line.StartsWith(NonNestedExit.SwitchesLinePrefix, StringComparison.Ordinal))
                continue;
            bool nestedOn = line.Contains("EnableNested=true", StringComparison.Ordinal);
            if (nestedOn != (job == NestedCostConfig.NestedInJob))
                return $"job {job} ran a core built with {line[NonNestedExit.SwitchesLinePrefix.Length..]}";
            checkedProcesses++;
            job = null;
        }
        return checkedProcesses == 0 ? "no benchmark process reported its build" : null;
    }

    /// <summary>The 72-column table: per vendor, median ns per exit with nested in and out, and out/in.</summary>
    internal static string Table(IReadOnlyList<NestedCostRow> rows)
    {
        var text = new StringBuilder();
        text.Append("Non-nested exit, ns per exit of the mix (median; one run)\n");
        text.Append("vendor  nested in  nested out  out/in\n");
        foreach (CpuVendor vendor in new[] { CpuVendor.Intel, CpuVendor.Amd })
        {
            NestedCostRow? inRow = rows.FirstOrDefault(r => r.Vendor == vendor && r.Job == NestedCostConfig.NestedInJob);
            NestedCostRow? outRow = rows.FirstOrDefault(r => r.Vendor == vendor && r.Job == NestedCostConfig.NestedOutJob);
            if (inRow is null || outRow is null)
                continue;
            text.Append(CultureInfo.InvariantCulture,
                $"{(vendor == CpuVendor.Intel ? "VMX" : "SVM"),-6}  {inRow.MedianNs,9:0.00}  {outRow.MedianNs,10:0.00}  {outRow.MedianNs / inRow.MedianNs,5:0.00}x\n");
        }
        return text.ToString();
    }
}
