using System.Globalization;
using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Instructions;
using NestedVirt.Harness.Processes;

namespace NestedVirt.Harness.Tests.Instructions;

/// <summary>
/// One callgrind process, many cases: callgrind's per-mark dump files (<c>out.K-01</c>, thread 1)
/// read in order, and each case's count the window of 2N minus the window of N.
/// </summary>
public sealed class MarkedWindowsTests
{
    [Fact]
    public void PartsAreReadInMarkOrderPastNine()
    {
        var valgrind = new DumpingValgrind(Enumerable.Range(1, 12).Select(k => (long)k * 1000).ToArray());
        string work = Directory.CreateTempSubdirectory("nvbench-marked-test-").FullName;
        try
        {
            long[] parts = new CallgrindRunner("/fake/valgrind", valgrind, work).CountParts("marked", "/fake/nvbench", ["drive", "--marked"], new Dictionary<string, string>(), "*getppid", 12);

            Assert.Equal(Enumerable.Range(1, 12).Select(k => (long)k * 1000), parts);
            IReadOnlyList<string> args = Assert.Single(valgrind.Calls);
            Assert.Contains("--dump-before=*getppid", args);
            Assert.Contains("--separate-threads=yes", args);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public void AnotherNumberOfPartsIsAnErrorNotAShiftedCount()
    {
        var valgrind = new DumpingValgrind([100, 200, 300, 400]);
        string work = Directory.CreateTempSubdirectory("nvbench-marked-test-").FullName;
        try
        {
            var runner = new CallgrindRunner("/fake/valgrind", valgrind, work);

            var e = Assert.Throws<HarnessException>(() => runner.CountParts("marked", "/fake/nvbench", [], new Dictionary<string, string>(), "*getppid", 3));
            Assert.Contains("wrote 4 part(s) for 3 mark(s)", e.Message);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public void EachCaseIsTheSecondWindowMinusTheFirst()
    {
        // Per case: prepare (anything), N calls, 2N calls; each window also pays a fixed 47. The
        // walk does 4 operations per call, so it is called 10 times for N = 40 operations.
        var valgrind = new DumpingValgrind([900_000, 47 + (40 * 1320), 47 + (80 * 1320), 800_000, 47 + (10 * 4 * 481), 47 + (20 * 4 * 481)]);
        var runner = new IcountRunner(valgrind, name => name == "valgrind" ? "/fake/valgrind" : null, new DriverLauncher("/fake/nvbench", []), TextWriter.Null);

        IcountReport report = runner.Run(new IcountOptions
        {
            HotPathIds = ["rvr/x", "walk/y"],
            Iterations = 40,
            OneProcess = true,
            OperationsPerIteration = id => id == "walk/y" ? 4 : 1,
        });

        Assert.Equal(["rvr/x", "walk/y"], report.Samples.Select(s => s.Id));
        Assert.Equal(1320.0, report.Samples[0].InstructionsPerOp);
        Assert.Equal(40, report.Samples[0].Iterations);
        Assert.Equal(481.0, report.Samples[1].InstructionsPerOp);
        Assert.Equal(40, report.Samples[1].Iterations);
        Assert.Equal(["drive", "--marked", "rvr/x=40", "walk/y=10"], valgrind.Calls[0].SkipWhile(a => a != "drive"));
    }

    /// <summary>Writes callgrind's per-dump files for thread 1, one per given count, as --dump-before does.</summary>
    private sealed class DumpingValgrind(long[] parts) : IProcessRunner
    {
        public List<IReadOnlyList<string>> Calls { get; } = [];

        public ProcessResult Run(ProcessRequest request, CancellationToken cancellationToken)
        {
            Calls.Add(request.Arguments);
            string output = request.Arguments.Single(a => a.StartsWith("--callgrind-out-file=", StringComparison.Ordinal))["--callgrind-out-file=".Length..];
            File.WriteAllText(output + "-01", "events: Ir\nsummary: 1\n");
            for (int k = 0; k < parts.Length; k++)
            {
                File.WriteAllText(string.Create(CultureInfo.InvariantCulture, $"{output}.{k + 1}-01"), string.Create(CultureInfo.InvariantCulture, $"events: Ir\nsummary: {parts[k]}\n"));
            }

            return new ProcessResult(0, "", "");
        }
    }
}
