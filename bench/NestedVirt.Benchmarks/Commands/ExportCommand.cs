using System.Text;
using System.Text.Json;
using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Machine;
using NestedVirt.Harness.Reporting;
using NestedVirt.Harness.Reporting.Exporters;
using NestedVirt.Harness.Results;

namespace NestedVirt.Benchmarks.Commands;

/// <summary>
/// <c>nvbench export RUN --format bdn|github-action-benchmark|markdown</c>: writes a stored run
/// in a form other tools read. <c>bdn</c> writes BenchmarkDotNet's own full JSON reports, named
/// as BenchmarkDotNet names them, for dotnet/performance's ResultsComparer (a folder) or, with
/// <c>--join</c>, as one joined report for github-action-benchmark's <c>benchmarkdotnet</c>
/// tool; <c>github-action-benchmark</c> writes its custom "smaller is better" JSON with the
/// median and the model counters; <c>markdown</c> a table for a job summary.
/// </summary>
public sealed class ExportCommand : ICommand
{
    /// <summary>The formats, as <c>--format</c> takes them.</summary>
    public static readonly string[] Formats = ["bdn", "github-action-benchmark", "markdown"];

    private readonly Func<string> currentMachineId;
    private readonly OptionSet options = new OptionSet()
        .Option("format", "FORMAT", "bdn (default), github-action-benchmark, markdown", choices: Formats)
        .Option("out", "PATH", "bdn: a folder; else a file (default stdout)")
        .Flag("join", "bdn: one joined report, as --join writes")
        .Option("results", "DIR", "where RUN ids are found (default results/)");

    /// <summary>Creates the verb.</summary>
    /// <param name="currentMachineId">This machine's id, for <c>latest</c>; default: <see cref="MachineProbe"/>.</param>
    public ExportCommand(Func<string>? currentMachineId = null)
    {
        this.currentMachineId = currentMachineId ?? (static () => new MachineProbe().Probe().Id);
    }

    /// <inheritdoc/>
    public string Name => "export";

    /// <inheritdoc/>
    public OptionSet Options => options;

    /// <inheritdoc/>
    public string Summary => "write a stored run for BDN tools and CI dashboards";

    /// <inheritdoc/>
    public string Help =>
        "usage: nvbench export RUN [--format FORMAT] [--out PATH] [--join]\n" +
        "                      [--results DIR]\n\n" +
        "Writes the stored run RUN (a results file, run id, unique id prefix,\n" +
        "or 'latest' for this machine's newest run) for other tools:\n" +
        "  bdn  BenchmarkDotNet's full JSON reports as it names them, into\n" +
        "       the folder --out (default artifacts/export/RUN/); what\n" +
        "       dotnet/performance's ResultsComparer compares (--base and\n" +
        "       --diff folders). --join writes one joined report, which\n" +
        "       github-action-benchmark's 'benchmarkdotnet' tool reads (it\n" +
        "       takes BenchmarkDotNet's mean).\n" +
        "  github-action-benchmark  its 'customSmallerIsBetter' JSON: value\n" +
        "       is the median ns/op, extra carries samples, allocation,\n" +
        "       modelled ns and counters.\n" +
        "  markdown  a table of the run for a pull request or job summary.\n" +
        "Benchmarks carry the names 'nvbench list' prints (BenchmarkDotNet's\n" +
        "reports keep BenchmarkDotNet's own full names). An earlier export is\n" +
        "replaced; a results file never is.\n\n" +
        "options:\n" + options.Describe() + "\n" +
        "examples:\n" +
        "  nvbench export latest --format bdn --out base-reports\n" +
        "  nvbench export latest --format github-action-benchmark --out gab.json\n";

    /// <inheritdoc/>
    public int Run(IReadOnlyList<string> args, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        ParsedArguments parsed = options.Parse(args);
        string which = parsed.Positional(0, "RUN");
        parsed.RejectPositionalsBeyond(1);
        string format = parsed.GetChoice("format", "bdn", Formats);
        string? output = parsed.GetString("out");
        if (parsed.Has("join") && format != "bdn")
        {
            throw new UsageException("--join applies to --format bdn only");
        }

        string resultsRoot = Path.GetFullPath(parsed.GetString("results") ?? context.ResultsRoot);
        if (output is not null and not "-" && IsInside(Path.GetFullPath(output), resultsRoot))
        {
            // Every .json there is read as a stored run: an export would make the store unreadable.
            throw new UsageException($"--out '{output}' is inside the results folder {resultsRoot}; export elsewhere");
        }

        (string id, ResultsEnvelope run) = Find(which, resultsRoot);
        switch (format)
        {
            case "bdn":
                foreach (string file in WriteReports(run, id, parsed.Has("join"), output ?? Path.Combine(context.RepositoryRoot, "artifacts", "export", id)))
                {
                    context.Out.WriteLine(file);
                }

                break;
            default:
                IReportExporter exporter = format == "markdown" ? new MarkdownExporter() : new GitHubActionBenchmarkExporter();
                var text = new StringWriter();
                exporter.Export(ReportModel.Of(run), text);
                if (output is null or "-")
                {
                    context.Out.Write(text.ToString());
                }
                else
                {
                    ExportFile.Write(output, stream => stream.Write(Encoding.UTF8.GetBytes(text.ToString())));
                    context.Error.WriteLine($"export: {format} of {id} written to {output}");
                }

                break;
        }

        return 0;
    }

    private static bool IsInside(string path, string folder)
    {
        string relative = Path.GetRelativePath(folder, path);
        return relative == "." || !(relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative));
    }

    private (string Id, ResultsEnvelope Run) Find(string which, string resultsRoot)
    {
        if (which == "latest")
        {
            string machine = currentMachineId();
            IReadOnlyList<StoredRun> runs = ResultsStore.ListRuns(resultsRoot, machine);
            StoredRun newest = runs.Count > 0
                ? runs[^1]
                : throw new HarnessException($"no stored run of machine {machine} under {resultsRoot}");
            return (newest.Id, newest.Envelope);
        }

        string path = ResultsStore.Resolve(which, resultsRoot);
        return (Path.GetFileNameWithoutExtension(path), ResultsStore.Load(path));
    }

    private static List<string> WriteReports(ResultsEnvelope run, string id, bool join, string folder)
    {
        IReadOnlyList<BenchmarkDotNetReport> reports = BenchmarkDotNetReports.Read(run);
        if (reports.Count == 0)
        {
            throw new HarnessException($"run {id} holds no BenchmarkDotNet reports");
        }

        if (join)
        {
            reports = [BenchmarkDotNetReports.Join(reports, run.TimestampUtc)];
        }

        var written = new List<string>();
        foreach (BenchmarkDotNetReport report in reports)
        {
            string path = Path.Combine(folder, report.FileName);
            ExportFile.Write(path, stream =>
            {
                using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
                report.Json.WriteTo(json);
            });
            written.Add(path);
        }

        return written;
    }
}
