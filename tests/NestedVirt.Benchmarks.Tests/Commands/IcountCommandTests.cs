using NestedVirt.Benchmarks.Commands;
using NestedVirt.Harness.Tests.Instructions;
using System.Text.Json;
using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Instructions;
using NestedVirt.Harness.Results;
using NestedVirt.Harness.Tests.Commands;

namespace NestedVirt.Benchmarks.Tests.Commands;

public sealed class IcountCommandTests
{
    private static readonly string[] Ids = ["walk.ept.1d.4l", "walk.npt.2d.4x4"];
    private static readonly string[] NativeIds = ["walk.ept.1d.4l.c", "walk.npt.2d.4x4.c"];

    [Fact]
    public void WithoutValgrindItPrintsOneSkippedLineAndExitsZero()
    {
        var tools = new FakeCallgrind();
        var command = new IcountCommand(Ids, tools, _ => null, FakeCallgrind.Launcher);
        using var folder = new TempFolder();
        var (context, output, error) = folder.Context();

        int code = command.Run([], context);

        Assert.Equal(0, code);
        Assert.Equal("icount: skipped: valgrind not found on PATH (Debian package valgrind)\n", output.ToString());
        Assert.Equal("", error.ToString());
        Assert.Empty(tools.Calls);
    }

    [Fact]
    public void EachHotPathIsCountedAtNAndAtZeroAndDividedByN()
    {
        var tools = new FakeCallgrind();
        tools.CostPerOp["walk.ept.1d.4l"] = 549;
        tools.CostPerOp["walk.npt.2d.4x4"] = 3745;
        IcountReport report = Runner(tools).Run(new IcountOptions { HotPathIds = Ids, Iterations = 1000 });

        Assert.Null(report.Skipped);
        Assert.Equal(549.0, report.PerOperation("walk.ept.1d.4l"));
        Assert.Equal(3745.0, report.PerOperation("walk.npt.2d.4x4"));
        var driverRuns = tools.Calls.Where(c => c.File == FakeCallgrind.Valgrind && c.Args[2] == FakeCallgrind.Driver).ToList();
        Assert.Equal(4, driverRuns.Count);
        Assert.Contains(driverRuns, c => c.Args.SequenceEqual(["--tool=callgrind", c.Args[1], FakeCallgrind.Driver, "drive", "walk.ept.1d.4l", "1000"]));
        Assert.Contains(driverRuns, c => c.Args.SequenceEqual(["--tool=callgrind", c.Args[1], FakeCallgrind.Driver, "drive", "walk.ept.1d.4l", "0"]));
        Assert.All(driverRuns, c => Assert.Equal("0", c.Env["DOTNET_TieredCompilation"]));
        Assert.All(driverRuns, c => Assert.Equal("0", c.Env["DOTNET_JitEnableOptionalRelocs"]));
    }

    [Fact]
    public void TheCWalkersAreDrivenLikeTheHotPathsAndComparedPairwise()
    {
        var tools = new FakeCallgrind();
        tools.CostPerOp["walk.ept.1d.4l"] = 540;
        tools.CostPerOp["walk.npt.2d.4x4"] = 3745;
        tools.CostPerOp["walk.ept.1d.4l.c"] = 300;
        tools.CostPerOp["walk.npt.2d.4x4.c"] = 1498;

        IcountReport report = Runner(tools).Run(new IcountOptions { HotPathIds = Ids, Iterations = 100, NativeIds = NativeIds });

        Assert.Contains(tools.Calls, c => c.Args.SequenceEqual(["--tool=callgrind", c.Args[1], FakeCallgrind.Driver, "drive", "walk.ept.1d.4l.c", "100"]));
        Assert.Equal(["walk.ept.1d.4l.c", "walk.npt.2d.4x4.c"], report.NativeIds());
        Assert.Equal(["walk.ept.1d.4l", "walk.npt.2d.4x4"], report.Ids());
        Assert.Equal(300.0, report.NativePerOperation("walk.ept.1d.4l.c"));
        Assert.Equal(1.8, report.NativeRatio("walk.ept.1d.4l")!.Value, 9);
        Assert.Equal(2.5, report.NativeRatio("walk.npt.2d.4x4")!.Value, 9);
        string text = IcountReportWriter.Text(report);
        Assert.Contains("walk.ept.1d.4l C#/C: 1.80x (target <= 1.2x: missed)\n", text);
        Assert.Contains("walk.npt.2d.4x4 C#/C: 2.50x\n", text);
        Assert.Contains("walk.npt.2d.4x4.c", text);
        Assert.All(text.Split('\n'), line => Assert.True(line.Length <= 72, line));
    }

    [Fact]
    public void WithoutTheCWalkersTheyAreSkippedWithTheReasonAndNothingIsRunForThem()
    {
        var tools = new FakeCallgrind();
        tools.CostPerOp["walk.ept.1d.4l"] = 549;
        tools.CostPerOp["walk.npt.2d.4x4"] = 3745;

        IcountReport report = Runner(tools).Run(new IcountOptions
        {
            HotPathIds = Ids,
            Iterations = 100,
            NativeIds = NativeIds,
            NativeSkipped = "libnvwalk is not built",
        });

        Assert.Empty(report.Native);
        Assert.DoesNotContain(tools.Calls, c => c.Args.Any(a => a.EndsWith(".c", StringComparison.Ordinal)));
        Assert.Equal("libnvwalk is not built", report.NativeSkipped);
        Assert.Contains("C walkers skipped: libnvwalk is not built", IcountReportWriter.Text(report));
        Assert.Equal(549.0, report.PerOperation("walk.ept.1d.4l"));
    }

    [Fact]
    public void AFailingCWalkerStopsTheRunWithItsLine()
    {
        var tools = new FakeCallgrind { FailingId = "walk.ept.1d.4l.c" };
        tools.CostPerOp["walk.ept.1d.4l"] = 549;
        tools.CostPerOp["walk.npt.2d.4x4"] = 3745;
        tools.CostPerOp["walk.npt.2d.4x4.c"] = 1498;

        var error = Assert.Throws<HarnessException>(() =>
            Runner(tools).Run(new IcountOptions { HotPathIds = Ids, Iterations = 100, NativeIds = NativeIds }));
        Assert.Contains("walk.ept.1d.4l.c", error.Message);
        Assert.Contains("self test", error.Message);
    }

    [Fact]
    public void JsonOutputCarriesEverySampleAndTheMachine()
    {
        var tools = new FakeCallgrind();
        tools.CostPerOp["walk.ept.1d.4l"] = 549;
        tools.CostPerOp["walk.npt.2d.4x4"] = 3745;
        var command = new IcountCommand(Ids, tools, FakeCallgrind.Find, FakeCallgrind.Launcher);
        using var folder = new TempFolder();
        var (context, output, _) = folder.Context();

        int code = command.Run(["--format", "json", "--iterations", "200", "--repeat", "2", "--jobs", "2"], context);

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output.ToString());
        Assert.Equal(200, json.RootElement.GetProperty("iterations").GetInt64());
        Assert.Equal(4, json.RootElement.GetProperty("samples").GetArrayLength());
        Assert.Equal(InstructionMachine.Runtime, json.RootElement.GetProperty("runtime").GetString());
        var report = ResultsJson.Deserialize<IcountReport>(output.ToString())!;
        Assert.Equal(3745.0, report.PerOperation("walk.npt.2d.4x4"));
    }

    private static IcountRunner Runner(FakeCallgrind tools) =>
        new(tools, FakeCallgrind.Find, FakeCallgrind.Launcher, TextWriter.Null);
}
