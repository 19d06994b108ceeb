using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Fleet;
using NestedVirt.Harness.Index;

namespace NestedVirt.Benchmarks.Commands;

/// <summary><c>import PATH... | --branch NAME</c>: results of other machines into this results folder (see <see cref="ResultsImporter"/>).</summary>
public sealed class ImportCommand : ICommand
{
    private readonly OptionSet options = new OptionSet()
        .Option("branch", "NAME", "import a results branch (see nvbench publish)")
        .Option("remote", "NAME", "remote of --branch (default origin; . = local)")
        .Option("results", "DIR", "results folder to import into (default results/)");

    /// <inheritdoc/>
    public string Name => "import";

    /// <inheritdoc/>
    public OptionSet Options => options;

    /// <inheritdoc/>
    public string Summary => "copy other machines' results in (files, a branch)";

    /// <inheritdoc/>
    public string Help =>
        "usage: nvbench import PATH... [options]\n"
        + "       nvbench import --branch NAME [--remote NAME]\n\n"
        + "Copies results files into results/<machine-id>/ as each file's own\n"
        + "envelope names the machine: PATH is a results file or a folder\n"
        + "(searched for run files, e.g. another machine's results/), or with\n"
        + "--branch the results branch that nvbench publish pushes to, fetched\n"
        + "from the remote first. Every file is checked before it is copied,\n"
        + "byte for byte; files already here are skipped, a name taken by\n"
        + "other bytes keeps both, nothing here is replaced. Exit code 2 when a\n"
        + "file is not a valid results file (the others are still imported).\n\n"
        + "options:\n" + options.Describe() + "\n"
        + "examples:\n  nvbench import /mnt/svm-host/results\n"
        + "  nvbench import --branch nvbench-results\n";

    /// <inheritdoc/>
    public int Run(IReadOnlyList<string> args, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        ParsedArguments parsed = options.Parse(args);
        string? branch = parsed.GetString("branch");
        if (branch is null && parsed.Positionals.Count == 0)
        {
            throw new UsageException("import needs a PATH or --branch NAME");
        }

        string root = Path.GetFullPath(parsed.GetString("results") ?? context.ResultsRoot);
        Directory.CreateDirectory(root);
        var importer = new ResultsImporter(root);
        foreach (string path in parsed.Positionals)
        {
            importer.ImportPath(path);
        }

        if (branch is not null)
        {
            ImportBranch(importer, context.RepositoryRoot, parsed.GetString("remote") ?? "origin", branch);
        }

        ImportReport report = importer.Report;
        context.Out.Write($"import: {report.Imported} new run(s), {report.AlreadyPresent} already here, {report.Renamed} kept under a new name, {report.Rejected.Count} rejected\n");
        foreach (string reason in report.Rejected)
        {
            context.Error.Write($"nvbench: import: {reason}\n");
        }

        using ResultsIndex index = ResultsIndex.Open(root, context.Error);
        context.Out.Write($"index: {index.LastSync.Added} run(s) added\n");
        return report.Rejected.Count == 0 ? 0 : HarnessException.FailureExitCode;
    }

    private static void ImportBranch(ResultsImporter importer, string repositoryRoot, string remote, string branch)
    {
        var git = new GitRepository(repositoryRoot);
        string reference = $"refs/heads/{branch}";
        if (remote != ".")
        {
            reference = $"refs/nvbench/import/{branch}";
            GitProcessFetch(git, remote, branch, reference);
        }

        string archive = Path.Combine(Path.GetTempPath(), $"nvbench-import-{Guid.NewGuid():N}.tar");
        using NestedVirt.Harness.Lifecycle.Cleanup onSignal = NestedVirt.Harness.Lifecycle.Interruption.Current.OnInterrupt($"temporary file {archive}", () => File.Delete(archive));
        try
        {
            git.Run(["archive", "--format=tar", "-o", archive, reference]);
            using FileStream stream = File.OpenRead(archive);
            importer.ImportTar(stream, remote == "." ? branch : $"{remote}/{branch}");
        }
        finally
        {
            File.Delete(archive);
        }
    }

    private static void GitProcessFetch(GitRepository git, string remote, string branch, string reference)
    {
        NestedVirt.Harness.Git.GitProcess.Result fetch = git.Try(["fetch", "--quiet", "--no-tags", remote, $"+refs/heads/{branch}:{reference}"]);
        if (fetch.ExitCode != 0)
        {
            throw new HarnessException($"cannot fetch branch '{branch}' from {remote}: {HarnessException.OneLine(fetch.Error)}");
        }
    }
}
