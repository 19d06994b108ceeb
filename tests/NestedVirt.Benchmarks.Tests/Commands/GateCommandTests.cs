using NestedVirt.Benchmarks.Commands;
using NestedVirt.Harness.Tests.Gate;
using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Gate;
using NestedVirt.Harness.Results;
using NestedVirt.Harness.Tests.Commands;

namespace NestedVirt.Benchmarks.Tests.Commands;

public sealed class GateCommandTests
{
    private const string Runtime = ".NET 10.0.1";
    private const string Cpu = "Test CPU";
    private const string CaseId = "walk/ept/oned";

    [Fact]
    public void IdenticalMeasurementPassesWithExitZero()
    {
        using var folder = new TempFolder();
        string baseline = WriteBaseline(folder, FakeGateSource.Sample());

        var (code, output, _) = Run(folder, new FakeGateSource(FakeGateSource.Sample()), "--baseline", baseline);

        Assert.Equal(0, code);
        Assert.StartsWith("gate: OK against ", output);
        Assert.Contains("counters of 2 case(s) identical", output);
        Assert.Contains("instructions of 2 case(s) identical", output);
        Assert.DoesNotContain("--update", output);
    }

    [Fact]
    public void AChangedCounterFailsWithADiffLineNamingIdFieldAndTheUpdateCommand()
    {
        using var folder = new TempFolder();
        string baseline = WriteBaseline(folder, FakeGateSource.Sample(walks: 1));

        var (code, output, _) = Run(folder, new FakeGateSource(FakeGateSource.Sample(walks: 2)), "--baseline", baseline);

        Assert.Equal(1, code);
        string[] lines = output.Split('\n');
        Assert.Equal("gate: FAILED: 1 difference(s) against " + baseline, lines[0]);
        Assert.Equal($"  {CaseId}  Walks  baseline 1  now 2  delta +1", lines[1]);
        Assert.Contains("  " + GateReportWriter.UpdateCommand + " --baseline " + baseline, lines);
    }

    [Fact]
    public void DefaultBaselineFailureNamesTheExactUpdateCommand()
    {
        using var folder = new TempFolder();
        WriteBaseline(folder, FakeGateSource.Sample(walks: 1), GateBaselineFile.DefaultRelativePath);

        var (code, output, _) = Run(folder, new FakeGateSource(FakeGateSource.Sample(walks: 3)));

        Assert.Equal(1, code);
        Assert.Contains("\n  dotnet run -c Release --project bench/NestedVirt.Benchmarks -- gate --update\n", output);
    }

    [Theory]
    [InlineData(556.0, "1%", 1)]  // +1.09%
    [InlineData(544.0, "1%", 1)]  // -1.09%
    [InlineData(554.0, "1%", 0)]  // +0.73%
    [InlineData(550.0, "1%", 0)]
    [InlineData(550.00002, null, 1)]  // exact by default: one instruction in 50,000 operations
    [InlineData(550.0, null, 0)]
    public void InstructionsMayMoveWithinTheThresholdOnly(double now, string? threshold, int expectedExit)
    {
        using var folder = new TempFolder();
        string baseline = WriteBaseline(folder, FakeGateSource.Sample(eptInstructions: 550));

        string[] args = threshold is null ? ["--baseline", baseline] : ["--baseline", baseline, "--threshold", threshold];
        var (code, output, _) = Run(folder, new FakeGateSource(FakeGateSource.Sample(eptInstructions: now)), args);

        Assert.Equal(expectedExit, code);
        if (expectedExit == 1)
        {
            Assert.Contains("  walk.ept.1d.4l  instructions/op  baseline 550.0  now " + now.ToString("0.0#####", System.Globalization.CultureInfo.InvariantCulture), output);
        }
    }

    [Fact]
    public void UpdateWritesAtomicallyAndTheNextGatePasses()
    {
        using var folder = new TempFolder();
        string baseline = Path.Combine(folder.Path, "results", "baseline", "ci-baseline.json");
        WriteBaseline(folder, FakeGateSource.Sample(walks: 7), Path.Combine("results", "baseline", "ci-baseline.json"));
        var source = new FakeGateSource(FakeGateSource.Sample());

        var (update, updateOutput, _) = Run(folder, source, "--update");
        var (gate, gateOutput, _) = Run(folder, source);

        Assert.Equal(0, update);
        Assert.StartsWith("gate: baseline written to " + GateBaselineFile.DefaultRelativePath, updateOutput);
        Assert.Equal(["ci-baseline.json"], Directory.GetFiles(Path.GetDirectoryName(baseline)!).Select(Path.GetFileName));
        Assert.Equal(1, GateBaselineFile.Load(baseline).Counters[CaseId]["Walks"]);
        Assert.Equal(0, gate);
        Assert.StartsWith("gate: OK", gateOutput);
    }

    [Fact]
    public void AFailedWriteLeavesTheOldBaselineWholeAndNoTemporaryFile()
    {
        using var folder = new TempFolder();
        string path = WriteBaseline(folder, FakeGateSource.Sample(walks: 7));
        string before = File.ReadAllText(path);

        Assert.Throws<HarnessException>(() => GateBaselineFile.Save(path, FakeGateSource.Sample(walks: 1),
            stream => new NestedVirt.Harness.Tests.Results.ThrowingStream(stream, 100, () => new IOException("disk full"))));

        Assert.Equal(before, File.ReadAllText(path));
        Assert.Equal([Path.GetFileName(path)], Directory.GetFiles(folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void BaselineFromAnotherRuntimeComparesCountersOnlyAndSaysWhy()
    {
        using var folder = new TempFolder();
        string baseline = WriteBaseline(folder, FakeGateSource.Sample(runtime: ".NET 9.0.4", eptInstructions: 400));
        var source = new FakeGateSource(FakeGateSource.Sample(eptInstructions: 550));

        var (code, output, _) = Run(folder, source, "--baseline", baseline);

        Assert.Equal(0, code);
        Assert.Equal([false], source.InstructionRequests);
        Assert.Contains("note: instruction counts skipped: the baseline was counted on .NET 9.0.4 / Test CPU, this machine is .NET 10.0.1 / Test CPU", output);
        Assert.Contains("counters compared only", output);
    }

    [Fact]
    public void BaselineFromAnotherCpuStillFailsOnACounterChange()
    {
        using var folder = new TempFolder();
        string baseline = WriteBaseline(folder, FakeGateSource.Sample(cpu: "Other CPU", walks: 1));

        var (code, output, _) = Run(folder, new FakeGateSource(FakeGateSource.Sample(walks: 2)), "--baseline", baseline);

        Assert.Equal(1, code);
        Assert.Contains($"  {CaseId}  Walks  baseline 1  now 2  delta +1", output);
        Assert.Contains("Other CPU", output);
    }

    [Fact]
    public void ACaseOnlyOnOneSideIsADifference()
    {
        using var folder = new TempFolder();
        GateBaseline measured = FakeGateSource.Sample();
        measured.Counters["Relay.Hypercall(Vendor=Vmx)"] = new(StringComparer.Ordinal) { ["Walks"] = 1 };
        string baseline = WriteBaseline(folder, FakeGateSource.Sample());

        var (code, output, _) = Run(folder, new FakeGateSource(measured), "--baseline", baseline);

        Assert.Equal(1, code);
        Assert.Contains("  Relay.Hypercall(Vendor=Vmx)  (case)  baseline absent  now present  delta -", output);
    }

    [Fact]
    public void MissingBaselineExitsTwoWithTheCommandThatCreatesIt()
    {
        using var folder = new TempFolder();
        var (code, _, error) = Run(folder, new FakeGateSource(FakeGateSource.Sample()));

        Assert.Equal(2, code);
        Assert.Equal($"nvbench: no baseline at '{GateBaselineFile.DefaultRelativePath}'; create it with: {GateReportWriter.UpdateCommand}\n", error);
    }

    [Fact]
    public void BaselineFileRoundTripsEveryNumberExactly()
    {
        using var folder = new TempFolder();
        GateBaseline sample = FakeGateSource.Sample();
        sample.Counters[CaseId]["GuestEntriesRead"] = 0.46875;
        sample.Counters[CaseId]["Walks"] = 1.0 / 3.0;
        string path = WriteBaseline(folder, sample);

        GateBaseline loaded = GateBaselineFile.Load(path);

        Assert.Empty(GateComparer.Compare(sample, loaded).Differences);
        Assert.Equal(1.0 / 3.0, loaded.Counters[CaseId]["Walks"]);
    }

    private static string WriteBaseline(TempFolder folder, GateBaseline baseline, string relative = "baseline.json")
    {
        string path = Path.Combine(folder.Path, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, ResultsJson.Serialize(baseline));
        return path;
    }

    private static (int Code, string Output, string Error) Run(TempFolder folder, IGateSource source, params string[] args)
    {
        var (context, output, error) = folder.Context();
        var dispatcher = new CommandDispatcher([new GateCommand(source, () => (Runtime, Cpu))]);
        int code = dispatcher.Run(["gate", .. args], context);
        return (code, output.ToString(), error.ToString());
    }
}
