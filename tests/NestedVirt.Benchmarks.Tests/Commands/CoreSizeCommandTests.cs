using NestedVirt.Harness.Build;
using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Processes;
using NestedVirt.Benchmarks.Commands;
using NestedVirt.Harness.Tests.Commands;

namespace NestedVirt.Benchmarks.Tests.Commands;

/// <summary><c>nvbench core-size</c>: the core's size per build switch, read from the DLL's metadata.</summary>
public sealed class CoreSizeCommandTests
{
    private static string CoreDll => Path.Combine(AppContext.BaseDirectory, "NestedVirt.Core.dll");

    [Fact]
    public void TheCoreRecordsTheSwitchesThatBuiltIt()
    {
        AssemblySize size = AssemblySizeReader.Read(CoreDll);

        Assert.Equal("EnableNested=true EnableVmx=true EnableSvm=true", size.Switches);
        Assert.True(size.Types > 100, $"{size.Types} types");
        Assert.True(size.Methods > size.Types, $"{size.Methods} methods");
        Assert.InRange(size.IlBytes, 1, size.FileBytes - 1);
    }

    [Fact]
    public void AnAssemblyWithoutTheRecordHasNoSwitches()
    {
        // The harness is not built with the core's switches metadata.
        AssemblySize size = AssemblySizeReader.Read(typeof(AssemblySizeReader).Assembly.Location);

        Assert.Equal("", size.Switches);
        Assert.True(size.Types > 0);
    }

    [Fact]
    public void TheTableGivesEachBuildItsShareOfTheFullCore()
    {
        var full = new AssemblySize("a", new BuildCombination(true, true, true).Switches, 180, 960, 40_000, 150_000);
        var flat = new AssemblySize("b", new BuildCombination(false, true, false).Switches, 100, 500, 10_000, 80_000);

        string text = CoreSizeCommand.Text([full, flat]);

        Assert.Equal(
            "NestedVirt.Core by build switch\n" +
            "nested  vmx  svm   types  methods   IL bytes  of full  DLL bytes\n" +
            "on      on   on      180      960     40,000   100.0%    150,000\n" +
            "off     on   off     100      500     10,000    25.0%     80,000\n", text);
        Assert.All(text.Split('\n'), line => Assert.True(line.Length <= 72, line));
    }

    [Fact]
    public void ReadingTheBuiltCorePrintsItsRow()
    {
        (int exit, string output, string error) = ProgramTests.Run("core-size", CoreDll);

        Assert.Equal(0, exit);
        Assert.Equal("", error);
        Assert.Contains("\non      on   on   ", output, StringComparison.Ordinal);
        Assert.Contains("100.0%", output, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingDllIsOneLineAndExit2()
    {
        string missing = Path.Combine(Path.GetTempPath(), "no-such-core.dll");

        (int exit, string output, string error) = ProgramTests.Run("core-size", missing);

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Equal($"nvbench: {missing}: no such file", error.TrimEnd('\n'));
    }

    [Fact]
    public void AFailedBuildNamesTheCombinationAndTheCompilerError()
    {
        var command = new CoreSizeCommand(new FakeProcessRunner((_, _, _) => new ProcessResult(1, "Foo.cs(1,1): error CS0103: nope\nBuild FAILED.", "")));
        var output = new StringWriter();
        var error = new StringWriter();

        var e = Assert.Throws<HarnessException>(() => command.Run([], new CommandContext(output, error, Path.GetTempPath())));

        Assert.Equal("core-size: building EnableNested=true EnableVmx=true EnableSvm=true failed: Foo.cs(1,1): error CS0103: nope", e.Message);
        Assert.Equal("core-size: building EnableNested=true EnableVmx=true EnableSvm=true (1/6)\n", error.ToString().Replace("\r", ""));
    }
}
