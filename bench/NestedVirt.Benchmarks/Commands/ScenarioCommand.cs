using NestedVirt.Harness.Cli;
using NestedVirt.Scenarios;

namespace NestedVirt.Benchmarks.Commands;

/// <summary>
/// <c>nvbench scenario [NAME...]</c>: the relay proposal's selftest, "a nested Windows root
/// brings up vmbus", one outcome line per scenario. Exit 0 when every scenario ends as the
/// proposal predicts, 1 otherwise, 2 for an unknown name.
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
    public string Summary => "run the vmbus bring-up selftest (relay vs reflection)";

    /// <inheritdoc/>
    public string Help =>
        "usage: nvbench scenario [--list] [NAME...]\n\n" +
        "Models L2 (a Windows root) posting VMBus InitiateContact with the\n" +
        "nested bit, on L1 (Hyper-V) on L0 (KVM), and prints one line per\n" +
        "scenario: PASS or FAIL against the proposal's prediction, the path\n" +
        "taken, and the hardware transitions it cost. With no NAME, runs all.\n" +
        "Exit 0 when all pass, 1 when one fails, 2 for an unknown name.\n\n" +
        "options:\n" + options.Describe() + "\n" +
        "example:\n  nvbench scenario vmx-relay svm-relay\n";

    /// <inheritdoc/>
    public int Run(IReadOnlyList<string> args, CommandContext context)
    {
        ParsedArguments parsed = options.Parse(args);
        if (parsed.Has("list"))
        {
            foreach (BringUpScenario scenario in VmbusBringUp.All)
                context.Out.WriteLine($"{scenario.Name,-24} {scenario.Description}");
            return 0;
        }

        var selected = new List<BringUpScenario>();
        foreach (string name in parsed.Positionals)
        {
            selected.Add(VmbusBringUp.Find(name)
                ?? throw new UsageException($"unknown scenario '{name}' (see 'nvbench scenario --list')"));
        }
        if (selected.Count == 0)
            selected.AddRange(VmbusBringUp.All);

        int failed = 0;
        foreach (BringUpScenario scenario in selected)
        {
            BringUpResult result = VmbusBringUp.Run(scenario);
            context.Out.WriteLine(VmbusBringUp.Describe(result));
            failed += result.Passed ? 0 : 1;
        }
        context.Out.WriteLine($"{selected.Count - failed} passed, {failed} failed");
        return failed == 0 ? 0 : 1;
    }
}
