using System.Text.Json.Nodes;
using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Results;

namespace NestedVirt.Harness.Synthetic;

/// <summary>
/// A fixed-seed history of many machines and commits, for measuring the results index, history
/// and the dashboard at fleet scale and for checking that planted shifts are found. Every run
/// copies a real template run (its benchmarks, counters and BenchmarkDotNet reports, so files
/// have a real run's size) and redraws the samples: each benchmark at the template's median
/// times a per-machine speed, 1 % Gaussian noise per sample, 0.4 % per run, 5 % outliers, and
/// the <see cref="Plan"/>'s level shifts from their commit on.
/// Layout: <c>OUT/repo</c> (git, one empty commit per commit), <c>OUT/results</c>, and
/// <c>OUT/planted-shifts.json</c>.
/// </summary>
public static class SyntheticHistory
{
    /// <summary>The planted shifts as fractions of the history: where, which cases, how much, on which hosts.</summary>
    public static readonly IReadOnlyList<(double At, string Suite, string Parameter, string Value, double Ratio, string Hosts)> Plan =
    [
        (0.35, "RelayVsReflection", "Path", "Relayed", 1.15, "vmx"),
        (0.60, "NestedWalk", "Dimension", "TwoD", 0.88, "all"),
        (0.80, "ExitDispatch", "Strategy", "Switch", 1.25, "first"),
    ];

    /// <summary>Writes the history and returns the planted shifts.</summary>
    /// <param name="output">A folder that is missing or empty.</param>
    /// <param name="template">A real run to copy.</param>
    /// <param name="options">Seed and size.</param>
    /// <param name="progress">Progress lines, or null.</param>
    public static IReadOnlyList<PlantedShift> Generate(string output, ResultsEnvelope template, SyntheticHistoryOptions options, TextWriter? progress)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(options);
        if (Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any())
        {
            throw new HarnessException($"synthetic history folder '{output}' is not empty");
        }

        IReadOnlyList<string> commits = SyntheticRepository.Create(Path.Combine(output, "repo"), options.Commits, options.Start);
        var machines = new (string Id, MachineInfo Info, double Speed)[options.Machines];
        for (int m = 0; m < machines.Length; m++)
        {
            machines[m] = SyntheticMachines.Get(m, template.Machine);
            Directory.CreateDirectory(Path.Combine(output, "results", machines[m].Id));
        }

        IReadOnlyList<PlantedShift> planted = PlantShifts(template, machines, commits, progress);
        JsonObject? packed = template.BenchmarkDotNet.Count == 0
            ? null
            : PackedReports.Pack(System.Text.Json.JsonSerializer.SerializeToNode(template.BenchmarkDotNet, ResultsJson.Options)!.AsArray());
        int total = machines.Length * commits.Count;
        int written = 0;
        Parallel.For(0, total, n =>
        {
            int m = n % machines.Length;
            int i = n / machines.Length;
            ResultsEnvelope run = SyntheticRun.Create(template, machines[m], m, i, commits[i], planted, options);
            string path = Path.Combine(output, "results", run.MachineId, ResultsFileName.WithSuffix(ResultsFileName.BaseName(run), 1));
            using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
            {
                EnvelopeFileFormat.Write(run, file, packed);
            }

            int done = Interlocked.Increment(ref written);
            if (done % 1000 == 0)
            {
                progress?.WriteLine($"synth: {done} of {total} runs written");
            }
        });

        File.WriteAllText(Path.Combine(output, "planted-shifts.json"), ResultsJson.Serialize(planted), ResultsJson.Utf8);
        return planted;
    }

    private static List<PlantedShift> PlantShifts(ResultsEnvelope template, (string Id, MachineInfo Info, double Speed)[] machines, IReadOnlyList<string> commits, TextWriter? progress)
    {
        var planted = new List<PlantedShift>();
        foreach ((double at, string suite, string parameter, string value, double ratio, string hosts) in Plan)
        {
            var ids = template.Benchmarks
                .Where(b => b.Suite == suite && b.Parameters.TryGetValue(parameter, out string? v) && v == value)
                .Select(b => b.Id).ToList();
            if (ids.Count == 0)
            {
                // A template of other suites, or a renamed parameter: say so, never plant less in silence.
                progress?.WriteLine($"synth: no shift planted in {suite} {parameter}={value}: the template has no such benchmark");
                continue;
            }

            var on = machines.Where((m, index) => hosts switch
            {
                "vmx" => SyntheticMachines.IsVmx(m.Info),
                "first" => index == 0,
                _ => true,
            }).Select(m => m.Id).ToList();
            int commit = Math.Clamp((int)Math.Round(at * commits.Count), 1, commits.Count - 1);
            planted.Add(new PlantedShift(commit, commits[commit], suite, parameter, value, ratio, on, ids));
        }

        return planted;
    }
}
