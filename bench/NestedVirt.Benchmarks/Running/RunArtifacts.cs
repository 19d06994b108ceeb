using NestedVirt.Harness.Results;

namespace NestedVirt.Benchmarks.Running;

/// <summary>
/// What a run keeps besides its results file. BenchmarkDotNet writes into the run's artifacts
/// folder, <c>artifacts/runs/&lt;machine-id&gt;/&lt;run id&gt;/</c> in the checkout unless
/// <c>--artifacts</c> says otherwise (the run id is the results file's name), and leaves its
/// reports in <c>results/</c> below it, named as it names them (<c>&lt;Type&gt;-report-full.json</c>,
/// <c>-report-github.md</c>, <c>-report.csv</c>). What <c>--disasm</c> and <c>--profile</c>
/// produced is copied beside the results file:
/// <c>results/&lt;machine&gt;/&lt;run id&gt;/disasm/&lt;Suite&gt;-asm.md</c> (BenchmarkDotNet's
/// DisassemblyDiagnoser, GitHub markdown) and <c>.../profile/&lt;case&gt;.nettrace</c> (its
/// EventPipeProfiler; open with PerfView, or <c>dotnet-trace convert --format speedscope</c>)
/// with <c>&lt;case&gt;.top.txt</c>, its hottest frames (<see cref="ProfileSummary"/>).
/// No <c>.json</c> goes there, so tools that look for results files never see one of these.
/// </summary>
public static class RunArtifacts
{
    /// <summary>Where the default artifacts folders are, relative to the checkout.</summary>
    public static readonly string RunsFolder = Path.Combine("artifacts", "runs");

    /// <summary>The default artifacts folder of a run that starts now.</summary>
    /// <param name="repositoryRoot">The checkout.</param>
    /// <param name="machineId">This machine's id.</param>
    /// <param name="started">The run's start time (the results file is named by it).</param>
    /// <param name="git">The run's commit.</param>
    public static string DefaultFolder(string repositoryRoot, string machineId, DateTimeOffset started, GitInfo git) =>
        Path.Combine(repositoryRoot, RunsFolder, machineId, ResultsFileName.BaseName(new ResultsEnvelope { TimestampUtc = started, Git = git }));

    /// <summary>BenchmarkDotNet's reports folder inside an artifacts folder.</summary>
    /// <param name="artifacts">The run's artifacts folder.</param>
    public static string ReportsFolder(string artifacts) => Path.Combine(artifacts, "results");

    /// <summary>The folder for <paramref name="resultsFile"/>'s artifacts: its path without <c>.json</c>.</summary>
    public static string FolderFor(string resultsFile) =>
        Path.Combine(Path.GetDirectoryName(resultsFile)!, Path.GetFileNameWithoutExtension(resultsFile));

    /// <summary>Copies the diagnosers' files from BenchmarkDotNet's <paramref name="artifactsPath"/>; returns the folders written.</summary>
    public static IReadOnlyList<string> Save(string artifactsPath, string resultsFile, RunSettings settings)
    {
        var written = new List<string>();
        if (settings.Disassembly && Copy(artifactsPath, "*-asm.md", Path.Combine(FolderFor(resultsFile), "disasm")) is { } disasm)
            written.Add(disasm);
        if (settings.Profile && Copy(artifactsPath, "*.nettrace", Path.Combine(FolderFor(resultsFile), "profile")) is { } profile)
        {
            SummariseProfiles(artifactsPath, profile);
            written.Add(profile);
        }
        return written;
    }

    // <case>.top.txt beside each trace: its hottest frames (ProfileSummary). The speedscope JSON
    // itself is not kept: results folders hold no .json but results files.
    private static void SummariseProfiles(string artifactsPath, string profileFolder)
    {
        foreach (string speedscope in Directory.GetFiles(artifactsPath, "*.speedscope.json", SearchOption.AllDirectories))
        {
            string? summary = ProfileSummary.Format(File.ReadAllText(speedscope));
            if (summary is null)
                continue;
            string name = Path.GetFileName(speedscope)[..^".speedscope.json".Length] + ".top.txt";
            File.WriteAllText(Path.Combine(profileFolder, name), summary);
        }
    }

    private static string? Copy(string from, string pattern, string to)
    {
        string[] files = Directory.Exists(from) ? Directory.GetFiles(from, pattern, SearchOption.AllDirectories) : [];
        if (files.Length == 0)
            return null;
        Directory.CreateDirectory(to);
        foreach (string file in files)
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: false);
        return to;
    }
}
