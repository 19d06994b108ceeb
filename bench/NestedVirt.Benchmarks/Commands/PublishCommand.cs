using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Fleet;
using NestedVirt.Harness.Index;
using NestedVirt.Harness.Machine;

namespace NestedVirt.Benchmarks.Commands;

/// <summary><c>publish</c>: this machine's results to a shared results branch (see <see cref="ResultsPublisher"/>).</summary>
public sealed class PublishCommand : ICommand
{
    private readonly OptionSet options = new OptionSet()
        .Option("remote", "NAME", "remote to push to (default origin)")
        .Option("branch", "NAME", "results branch (default nvbench-results)")
        .Option("machine", "ID", "machine to publish (default this one; repeatable)")
        .Flag("all", "publish every machine folder under results/")
        .Option("results", "DIR", "results folder (default results/)");

    private readonly Func<string> currentMachineId;

    /// <summary>Creates the verb.</summary>
    /// <param name="currentMachineId">This machine's id; default: <see cref="MachineProbe"/>.</param>
    public PublishCommand(Func<string>? currentMachineId = null) =>
        this.currentMachineId = currentMachineId ?? (static () => new MachineProbe().Probe().Id);

    /// <inheritdoc/>
    public string Name => "publish";

    /// <inheritdoc/>
    public OptionSet Options => options;

    /// <inheritdoc/>
    public string Summary => "push this machine's new results to a results branch";

    /// <inheritdoc/>
    public string Help =>
        "usage: nvbench publish [options]\n\n"
        + "Adds this machine's results files that the results branch lacks to\n"
        + "it, as <machine-id>/<run>.json, in one commit pushed without force.\n"
        + "The checkout's branch, index and work tree are not touched. When\n"
        + "another machine pushed first the commit is rebuilt on top of its\n"
        + "and pushed again; run names are unique per machine, so nothing is\n"
        + "lost. A name on the branch holding other bytes is reported and left\n"
        + "alone (exit code 1). Other machines read the branch with\n"
        + "nvbench import --branch.\n\n"
        + "options:\n" + options.Describe() + "\n"
        + "example:\n  nvbench publish --remote origin --branch nvbench-results\n";

    /// <inheritdoc/>
    public int Run(IReadOnlyList<string> args, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        ParsedArguments parsed = options.Parse(args);
        parsed.RejectPositionalsBeyond(0);
        string root = parsed.GetString("results") ?? context.ResultsRoot;
        string remote = parsed.GetString("remote") ?? "origin";
        string branch = parsed.GetString("branch") ?? "nvbench-results";
        using ResultsIndex index = ResultsIndex.Open(root, context.Error);
        IReadOnlyList<string> machines = parsed.Has("all") ? index.Machines() : parsed.GetAll("machine");
        if (machines.Count == 0)
        {
            machines = [currentMachineId()];
        }

        var files = new List<(string Path, string BranchPath)>();
        foreach (string machine in machines)
        {
            // Runs() names a corrupt file and refuses: a broken file must not reach other machines.
            foreach (IndexedRun run in index.Runs(machine))
            {
                files.Add((run.Path, $"{machine}/{Path.GetFileName(run.Path)}"));
            }
        }

        if (files.Count == 0)
        {
            throw new HarnessException($"nothing to publish: no runs of {string.Join(", ", machines)} under '{index.ResultsRoot}'");
        }

        PublishReport report = new ResultsPublisher(context.RepositoryRoot, remote, branch).Publish(files, context.Error);
        string commit = report.Commit is null ? "nothing new" : $"commit {report.Commit[..12]}, attempt {report.Attempts}";
        context.Out.Write($"publish: {report.Published.Count} new run(s) to {remote} {branch} ({commit}); {report.AlreadyThere} already there\n");
        foreach (string conflict in report.Conflicts)
        {
            context.Out.Write($"conflict: {conflict} differs on the branch; left as it is\n");
        }

        return report.Conflicts.Count == 0 ? 0 : 1;
    }
}
