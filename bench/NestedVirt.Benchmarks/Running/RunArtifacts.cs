namespace NestedVirt.Benchmarks.Running;

/// <summary>
/// Keeps what <c>--disasm</c> and <c>--profile</c> produced beside the results file:
/// <c>results/&lt;machine&gt;/&lt;run id&gt;/disasm/&lt;Suite&gt;-asm.md</c> (BenchmarkDotNet's
/// DisassemblyDiagnoser, GitHub markdown) and <c>.../profile/&lt;case&gt;.nettrace</c> (its
/// EventPipeProfiler; open with PerfView, or <c>dotnet-trace convert --format speedscope</c>)
/// with <c>&lt;case&gt;.top.txt</c>, its hottest frames (<see cref="ProfileSummary"/>).
/// No <c>.json</c> goes there, so tools that look for results files never see one of these.
/// </summary>
public static class RunArtifacts
{
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
