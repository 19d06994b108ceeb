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
    public void TheCWalkerIsCompiledWithO2SelfTestedAndComparedWithTheCSharpWalk()
    {
        var tools = new FakeCallgrind { NativeCostPerOp = 300 };
        tools.CostPerOp["walk.ept.1d.4l"] = 540;
        tools.CostPerOp["walk.npt.2d.4x4"] = 3745;
        using var folder = new TempFolder();
        string source = folder.File("ept_walk.c");
        File.WriteAllText(source, "int main(void) { return 0; }\n");

        IcountReport report = Runner(tools).Run(new IcountOptions { HotPathIds = Ids, Iterations = 100, NativeSource = source });

        var compile = Assert.Single(tools.Calls, c => c.File == FakeCallgrind.Compiler);
        Assert.Equal("-O2", compile.Args[0]);
        Assert.Contains(tools.Calls, c => c.Args.SequenceEqual(["selftest"]));
        Assert.Equal(300.0, report.NativePerOperation);
        Assert.Equal(1.8, report.NativeRatio!.Value, 9);
        string text = IcountReportWriter.Text(report);
        Assert.Contains("walk.ept.1d.4l C#/C: 1.80x (target <= 1.5x: missed)\n", text);
        Assert.All(text.Split('\n'), line => Assert.True(line.Length <= 72, line));
        Assert.Contains("walk.ept.1d.4l.c", text);
    }

    [Fact]
    public void WithoutACompilerTheCWalkerIsSkippedWithAReason()
    {
        var tools = new FakeCallgrind();
        tools.CostPerOp["walk.ept.1d.4l"] = 549;
        tools.CostPerOp["walk.npt.2d.4x4"] = 3745;
        var runner = new IcountRunner(tools, name => name == "valgrind" ? FakeCallgrind.Valgrind : null, FakeCallgrind.Launcher, TextWriter.Null);

        IcountReport report = runner.Run(new IcountOptions { HotPathIds = Ids, Iterations = 100, NativeSource = "/any/ept_walk.c" });

        Assert.Empty(report.Native);
        Assert.Equal("no C compiler (cc) on PATH", report.NativeSkipped);
        Assert.Contains("C walker skipped: no C compiler (cc) on PATH", IcountReportWriter.Text(report));
    }

    [Fact]
    public void AFailingCWalkerSelfTestStopsTheRun()
    {
        var tools = new FakeCallgrind { SelfTestFails = true };
        using var folder = new TempFolder();
        string source = folder.File("ept_walk.c");
        File.WriteAllText(source, "");

        var error = Assert.Throws<HarnessException>(() =>
            Runner(tools).Run(new IcountOptions { HotPathIds = Ids, Iterations = 100, NativeSource = source }));
        Assert.Contains("self test failed", error.Message);
        Assert.Contains("WRONG", error.Message);
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
