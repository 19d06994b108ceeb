using System.Diagnostics;
using NestedVirt.Harness.Results;
using NestedVirt.Harness.Tests.Results;
using static NestedVirt.Harness.Tests.Statistics.SyntheticResults;

namespace NestedVirt.Harness.Tests.Fleet;

/// <summary>A local bare repository as the shared remote, and clones of it as machines, each with its own results folder.</summary>
internal sealed class SharedRemote : IDisposable
{
    private readonly ScratchFolder scratch = new();
    private int runs;

    public SharedRemote()
    {
        Git(scratch.Path, "init", "--quiet", "--bare", "--initial-branch=main", "shared.git");
        Git(scratch.Path, "clone", "--quiet", Bare, "seed");
        string seed = scratch.Combine("seed");
        File.WriteAllText(Path.Combine(seed, "README"), "project\n");
        Git(seed, "add", "README");
        Git(seed, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "--quiet", "-m", "project");
        Git(seed, "push", "--quiet", "origin", "main");
    }

    public string Bare => scratch.Combine("shared.git");

    /// <summary>A new clone: a machine's checkout.</summary>
    public string Machine(string name)
    {
        Git(scratch.Path, "clone", "--quiet", Bare, name);
        return scratch.Combine(name);
    }

    /// <summary>Stores a new run of <paramref name="machineId"/> in the checkout's results folder.</summary>
    public string StoreRun(string checkout, string machineId)
    {
        int n = Interlocked.Increment(ref runs);
        ResultsEnvelope run = Envelope($"{n:x12}", [Simple("A", Samples(100, 10, phase: n))], machineId, timestamp: new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(n));
        return ResultsStore.Write(run, Path.Combine(checkout, "results"));
    }

    /// <summary>Branch paths of the files on the bare repository's branch.</summary>
    public SortedSet<string> BranchFiles(string branch)
    {
        string listing = Git(Bare, "ls-tree", "-r", "--name-only", branch);
        return new SortedSet<string>(listing.Split('\n', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);
    }

    public static string Git(string folder, params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"git {string.Join(' ', args)} failed: {error}");
        return output;
    }

    public void Dispose() => scratch.Dispose();
}
