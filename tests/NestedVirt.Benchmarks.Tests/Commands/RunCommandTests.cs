using NestedVirt.Harness.Tests.Commands;

namespace NestedVirt.Benchmarks.Tests.Commands;

/// <summary>
/// The run verb's refusals. Every case fails before any benchmark runs; none of these tests may
/// start a real run (minutes), so each asserts the specific refusal, not just exit code 2.
/// </summary>
public sealed class RunCommandTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    public static TheoryData<string[], string> BadCommandLines => new()
    {
        { ["--bogus"], "nvbench: unknown option --bogus" },
        { ["--fliter", "x"], "nvbench: unknown option --fliter (did you mean --filter?)" },
        { ["--filter", "nomatch*"], "nvbench: no benchmark matches --filter 'nomatch*' among the headline cases (--full runs all) (see 'nvbench list')" },
        { ["--job", "shrt"], "nvbench: option --job: 'shrt' is not one of default, dry, short, medium, long, verylong (did you mean short?)" },
        { ["--iterationCount", "x"], "nvbench: BenchmarkDotNet refused --iterationCount x: Option 'iterationCount' is defined with a bad format." },
        { ["--list", "flatt"], "nvbench: option --list: 'flatt' is not one of flat, tree (did you mean flat?)" },
        { ["--quick", "--dry"], "nvbench: choose one of --quick, --full, --dry" },
        { ["--dry", "extra"], "nvbench: unexpected argument 'extra'" },
        { ["--dry", "--filter"], "nvbench: option --filter needs a value (GLOB)" },
        { ["--in-process", "--out-of-process"], "nvbench: choose one of --in-process, --out-of-process" },
        { ["--inProcess", "--out-of-process"], "nvbench: choose one of --in-process, --out-of-process" },
        { ["--quick", "--in-process", "--disasm"], "nvbench: --disasm needs the out-of-process toolchain (in-process it crashes or hangs on .NET 10); drop --in-process" },
        { ["--dry", "--in-process", "--profile"], "nvbench: --profile needs the out-of-process toolchain (in-process it crashes or hangs on .NET 10); drop --in-process" },
        { ["--dry", "--in-process", "--profiler", "EP"], "nvbench: --profile needs the out-of-process toolchain (in-process it crashes or hangs on .NET 10); drop --in-process" },
        { ["--profiler", "ETW"], "nvbench: option --profiler: 'ETW' is not EP (EventPipe, the profiler BenchmarkDotNet has on Linux)" },
    };

    [Theory]
    [MemberData(nameof(BadCommandLines))]
    public void BadCommandLineIsOneLineExitTwoAndWritesNothing(string[] args, string expected)
    {
        string outDir = temp.File("out");

        (int exit, string output, string error) = Run([.. args, "--out", outDir]);

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Equal(expected + "\n", error);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void UnwritableOutFolderIsOneLineExitTwoAndWritesNothing()
    {
        string blocker = temp.File("blocker");
        File.WriteAllText(blocker, "a regular file, so no folder can be made below it");
        string outDir = Path.Combine(blocker, "results");

        (int exit, string output, string error) = Run("--dry", "--out", outDir);

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        string line = Assert.Single(error.TrimEnd('\n').Split('\n'));
        Assert.StartsWith($"nvbench: results folder '{outDir}' is not writable: ", line);
        Assert.Equal([blocker], Directory.GetFileSystemEntries(temp.Path));
    }

    [Fact]
    public void ListFlatPrintsTheNamesSeveralGlobsSelectAndRunsNothing()
    {
        string outDir = temp.File("out");

        (int exit, string output, string error) = Run("--list", "flat", "--filter", "rvr/intel/*", "*WalkerSpecialisation*", "--out", outDir);

        Assert.Equal(0, exit);
        Assert.Equal("", error);
        Assert.Equal(
            "rvr/intel/postmessage/relayed/clean\nrvr/intel/postmessage/reflected/clean\nrvr/intel/signalevent/relayed/clean\n"
            + "rvr/intel/signalevent/reflected/clean\nwalkerspecialisation/generic\nwalkerspecialisation/handspecialised\n",
            output);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void ListTreeDrawsTheNamesPartsAndCategoriesSelectLikeBenchmarkDotNet()
    {
        (int exit, string output, _) = Run("--full", "--list", "Tree", "--anycategories", "ExitRouting");

        Assert.Equal(0, exit);
        Assert.Equal("exitrouting\n`-- route\n    |-- intel\n    `-- amd\n", output);
    }

    [Fact]
    public void NamesListedAreNamesTheFilterSelects()
    {
        (_, string all, _) = Run("--full", "--list", "flat");
        string[] names = all.TrimEnd('\n').Split('\n');

        foreach (string name in names)
        {
            (int exit, string one, _) = Run("--full", "--list", "flat", "--filter", name);
            Assert.Equal(0, exit);
            Assert.Equal(name + "\n", one);
        }
    }

    private (int Exit, string Out, string Error) Run(params string[] args) =>
        temp.Dispatch(new NestedVirt.Benchmarks.Commands.RunCommand(), args);
}
