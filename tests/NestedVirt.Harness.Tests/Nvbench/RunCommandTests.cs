using NestedVirt.Harness.Tests.Commands;

namespace NestedVirt.Harness.Tests.Nvbench;

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
        { ["--quick", "--dry"], "nvbench: choose one of --quick, --full, --dry" },
        { ["--dry", "extra"], "nvbench: unexpected argument 'extra'" },
        { ["--dry", "--filter"], "nvbench: option --filter needs a value (GLOB)" },
        { ["--in-process", "--out-of-process"], "nvbench: choose one of --in-process, --out-of-process" },
        { ["--quick", "--in-process", "--disasm"], "nvbench: --disasm needs the out-of-process toolchain (in-process it crashes or hangs on .NET 10); drop --in-process" },
        { ["--dry", "--in-process", "--profile"], "nvbench: --profile needs the out-of-process toolchain (in-process it crashes or hangs on .NET 10); drop --in-process" },
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

    private (int Exit, string Out, string Error) Run(params string[] args) =>
        temp.Dispatch(new NestedVirt.Benchmarks.Commands.RunCommand(), args);
}
