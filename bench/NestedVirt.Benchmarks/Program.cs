using NestedVirt.Benchmarks.Canary;
using NestedVirt.Benchmarks.Commands;
using NestedVirt.Benchmarks.Drivers;
using NestedVirt.Benchmarks.Gate;
using NestedVirt.Benchmarks.Running;
using NestedVirt.Harness.Build;
using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Gate;
using NestedVirt.Harness.Instructions;
using NestedVirt.Harness.Kvm;
using NestedVirt.Harness.Machine;

namespace NestedVirt.Benchmarks;

/// <summary>The <c>nvbench</c> command line: every verb is a small <see cref="ICommand"/>.</summary>
internal static class Program
{
    private static int Main(string[] args) => CreateDispatcher().RunConsole(args);

    /// <summary>All verbs, in the order help lists them.</summary>
    internal static CommandDispatcher CreateDispatcher() => new(
    [
        new RunCommand(),
        new ListCommand(),
        new ScenarioCommand(),
        new CompareCommand(),
        new AbCommand(),
        new BisectCommand(),
        new HistoryCommand(),
        new CoverLetterCommand(),
        new IndexCommand(),
        new ImportCommand(),
        new PublishCommand(),
        new ReportCommand(),
        new SynthCommand(),
        new CheckMachineCommand(),
        new CapabilitiesCommand(),
        new CoreSizeCommand(),
        new NestedCostCommand(),
        new CalibrateCommand(),
        new IcountCommand(HotPathCatalog.Ids, nativeIds: HotPathCatalog.NativeIds, nativeSkipReason: () => NativeCases.SkipReason,
            headlineIds: BenchmarkCaseHotPath.HeadlineIds, operationsPerIteration: HotPathCatalog.OperationsPerIteration),
        new GateCommand(new SuiteGateSource()),
        new CanaryCommand(),
        new DriveCommand(),
        new ExportCommand(),
        new CompletionCommand(static () => CreateDispatcher().Commands),
    ]);
}
