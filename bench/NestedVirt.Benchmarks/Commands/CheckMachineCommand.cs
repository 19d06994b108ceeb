using NestedVirt.Harness.Machine;
using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Results;

namespace NestedVirt.Benchmarks.Commands;

/// <summary>
/// <c>nvbench check-machine [--strict] [--format text|json]</c>: a pyperf-style report of how
/// well the machine is tuned for benchmarking. Exit code 0, or 2 under <c>--strict</c> when any
/// check warns, so CI can refuse to record numbers from an untuned machine.
/// </summary>
public sealed class CheckMachineCommand : ICommand
{
    private static readonly string[] Formats = ["text", "json"];

    private readonly MachineProbe probe;
    private readonly OptionSet options = new OptionSet()
        .Flag("strict", "exit 2 when any check warns (for CI gates)")
        .Option("format", "text|json", "output format (default text)");

    /// <summary>Creates the verb over this machine (<c>/</c>).</summary>
    public CheckMachineCommand()
        : this(new MachineProbe())
    {
    }

    /// <summary>Creates the verb over a given probe (tests pass one rooted at a fake tree).</summary>
    /// <param name="probe">Where machine facts come from.</param>
    public CheckMachineCommand(MachineProbe probe)
    {
        this.probe = probe;
    }

    /// <inheritdoc/>
    public string Name => "check-machine";

    /// <inheritdoc/>
    public OptionSet Options => options;

    /// <inheritdoc/>
    public string Summary => "report whether this machine is tuned for benchmarking";

    /// <inheritdoc/>
    public string Help =>
        "usage: nvbench check-machine [--strict] [--format text|json]\n\n" +
        "Checks the noise sources pyperf's 'system show' checks, plus KVM:\n" +
        "cpu governor, turbo/boost, SMT, isolated CPUs, nohz_full, ASLR, load\n" +
        "average, swap, /dev/kvm access, KVM module parameters (nested, ept,\n" +
        "npt, enlightened_vmcs), VM or bare metal. Each check prints OK, WARN\n" +
        "followed by one line of advice, or N/A when it cannot be read.\n\n" +
        "options:\n" + options.Describe() + "\n" +
        "example:\n  nvbench check-machine --strict\n";

    /// <inheritdoc/>
    public int Run(IReadOnlyList<string> args, CommandContext context)
    {
        ParsedArguments parsed = options.Parse(args);
        parsed.RejectPositionalsBeyond(0);
        string format = parsed.GetChoice("format", "text", Formats);
        bool strict = parsed.Has("strict");

        MachineSnapshot snapshot = probe.Probe();
        IReadOnlyList<MachineCheck> checks = MachineChecks.Evaluate(snapshot.Info, snapshot.State);
        int warnings = 0;
        foreach (MachineCheck check in checks)
        {
            warnings += check.Status == CheckStatus.Warn ? 1 : 0;
        }

        if (format == "json")
        {
            var report = new MachineCheckReport(snapshot.Id, snapshot.Info, snapshot.State, checks, warnings, warnings == 0);
            context.Out.Write(ResultsJson.Serialize(report));
        }
        else
        {
            context.Out.Write(MachineCheckText.Format(snapshot, checks));
        }

        return strict && warnings > 0 ? HarnessException.FailureExitCode : 0;
    }
}
