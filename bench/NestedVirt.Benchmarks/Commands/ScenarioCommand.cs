using NestedVirt.Harness.Cli;
using NestedVirt.Scenarios;

namespace NestedVirt.Benchmarks.Commands;

/// <summary>
/// <c>nvbench scenario [NAME...]</c>: the relay proposal's selftest, "a nested Windows root
/// brings up vmbus", and what a guest sees when nested virtualization is unavailable (KVM's
/// nested=0, or a core built with EnableNested=false), one outcome line per scenario this build
/// has. Exit 0 when every scenario ends as predicted, 1 otherwise, 2 for an unknown name.
/// </summary>
public sealed class ScenarioCommand : ICommand
{
    private readonly OptionSet options = new OptionSet()
        .Flag("list", "list the scenario names and what each shows");

    /// <inheritdoc/>
    public string Name => "scenario";

    /// <inheritdoc/>
    public OptionSet Options => options;

    /// <inheritdoc/>
    public string Summary => "run the vmbus bring-up and nested-unavailable scenarios";

    /// <inheritdoc/>
    public string Help =>
        "usage: nvbench scenario [--list] [NAME...]\n\n" +
        "Models L2 (a Windows root) posting VMBus InitiateContact with the\n" +
        "nested bit, on L1 (Hyper-V) on L0 (KVM), and prints one line per\n" +
        "scenario: PASS or FAIL against the proposal's prediction, the path\n" +
        "taken, and the hardware transitions it cost. Then, per vendor, what\n" +
        "L1 sees without nested virtualization (kvm nested=0, or a build with\n" +
        "EnableNested=false). With no NAME, runs all this build has.\n" +
        "Exit 0 when all pass, 1 when one fails, 2 for an unknown name.\n\n" +
        "options:\n" + options.Describe() + "\n" +
        "example:\n  nvbench scenario vmx-relay svm-relay\n";

    /// <inheritdoc/>
    public int Run(IReadOnlyList<string> args, CommandContext context)
    {
        ParsedArguments parsed = options.Parse(args);
        if (parsed.Has("list"))
        {
            foreach (IScenario scenario in ScenarioCatalog.All)
                context.Out.WriteLine($"{scenario.Name,-24} {scenario.Description}");
            return 0;
        }

        var selected = new List<IScenario>();
        foreach (string name in parsed.Positionals)
        {
            selected.Add(ScenarioCatalog.Find(name)
                ?? throw new UsageException($"unknown scenario '{name}' (see 'nvbench scenario --list')"));
        }
        if (selected.Count == 0)
            selected.AddRange(ScenarioCatalog.All);

        int failed = 0;
        foreach (IScenario scenario in selected)
        {
            ScenarioReport report = scenario.Run();
            context.Out.WriteLine(report.Line);
            failed += report.Passed ? 0 : 1;
        }
        context.Out.WriteLine($"{selected.Count - failed} passed, {failed} failed");
        return failed == 0 ? 0 : 1;
    }
}
