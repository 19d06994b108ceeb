using NestedVirt.Harness.Processes;
using System.Runtime.InteropServices;
using NestedVirt.Harness.Instructions;

namespace NestedVirt.Harness.Tests.Instructions;

public sealed class CallgrindRunnerTests
{
    [Fact]
    public void WithSetarchValgrindRunsWithAddressRandomisationOff()
    {
        var tools = new RecordingTools();
        string work = Directory.CreateTempSubdirectory("nvbench-callgrind-test-").FullName;
        try
        {
            var runner = new CallgrindRunner("/fake/valgrind", tools, work, setarch: "/fake/setarch");

            long instructions = runner.Count("walk", "/fake/nvbench", ["drive", "walk.ept.1d.4l", "10"], new Dictionary<string, string>());

            Assert.Equal(1234, instructions);
            (string file, IReadOnlyList<string> args) = Assert.Single(tools.Calls);
            Assert.Equal("/fake/setarch", file);
            string machine = RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "aarch64" : "x86_64";
            Assert.Equal([machine, "-R", "/fake/valgrind", "--tool=callgrind"], args.Take(4));
            Assert.Equal(["/fake/nvbench", "drive", "walk.ept.1d.4l", "10"], args.Skip(5));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public void WithoutSetarchValgrindRunsDirectly()
    {
        var tools = new RecordingTools();
        string work = Directory.CreateTempSubdirectory("nvbench-callgrind-test-").FullName;
        try
        {
            new CallgrindRunner("/fake/valgrind", tools, work).Count("walk", "/fake/nvbench", ["drive"], new Dictionary<string, string>());

            (string file, IReadOnlyList<string> args) = Assert.Single(tools.Calls);
            Assert.Equal("/fake/valgrind", file);
            Assert.Equal("--tool=callgrind", args[0]);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private sealed class RecordingTools : IProcessRunner
    {
        public List<(string File, IReadOnlyList<string> Args)> Calls { get; } = [];

        public ProcessResult Run(ProcessRequest request, CancellationToken cancellationToken)
        {
            IReadOnlyList<string> arguments = request.Arguments;
            Calls.Add((request.FileName, arguments));
            string output = arguments.Single(a => a.StartsWith("--callgrind-out-file=", StringComparison.Ordinal))["--callgrind-out-file=".Length..];
            File.WriteAllText(output, "events: Ir\nsummary: 1234\n");
            return new ProcessResult(0, "", "");
        }
    }
}
