namespace NestedVirt.Benchmarks.Running;

/// <summary>
/// Keeps what <c>--disasm</c> and <c>--profile</c> produced beside the results file:
/// <c>results/&lt;machine&gt;/&lt;run id&gt;/disasm/&lt;Suite&gt;-asm.md</c> (BenchmarkDotNet's
/// DisassemblyDiagnoser, GitHub markdown) and <c>.../profile/&lt;case&gt;.nettrace</c> (its
/// EventPipeProfiler; open with PerfView, or <c>dotnet-trace convert --format speedscope</c>).
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
            written.Add(profile);
        return written;
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
