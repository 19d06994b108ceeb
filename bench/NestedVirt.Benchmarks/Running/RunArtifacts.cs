using NestedVirt.Harness.Results;

namespace NestedVirt.Benchmarks.Running;

/// <summary>
/// Where a run keeps what BenchmarkDotNet writes: <c>artifacts/runs/&lt;machine-id&gt;/&lt;run id&gt;/</c>
/// in the checkout (the run id is the results file's name), unless <c>--artifacts</c> says
/// otherwise. BenchmarkDotNet puts its reports in <c>results/</c> below it, named as it names
/// them (<c>&lt;Type&gt;-report-full.json</c>, <c>-report-github.md</c>, <c>-report.csv</c>).
/// </summary>
public static class RunArtifacts
{
    /// <summary>The default artifacts folder of a run that starts now.</summary>
    /// <param name="repositoryRoot">The checkout.</param>
    /// <param name="machineId">This machine's id.</param>
    /// <param name="started">The run's start time (the results file is named by it).</param>
    /// <param name="git">The run's commit.</param>
    public static string DefaultFolder(string repositoryRoot, string machineId, DateTimeOffset started, GitInfo git) =>
        Path.Combine(repositoryRoot, "artifacts", "runs", machineId, ResultsFileName.BaseName(new ResultsEnvelope { TimestampUtc = started, Git = git }));

    /// <summary>BenchmarkDotNet's reports folder inside an artifacts folder.</summary>
    /// <param name="artifacts">The run's artifacts folder.</param>
    public static string ReportsFolder(string artifacts) => Path.Combine(artifacts, "results");
}
