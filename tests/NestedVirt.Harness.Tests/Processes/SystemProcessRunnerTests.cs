using System.Diagnostics;
using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Processes;

namespace NestedVirt.Harness.Tests.Processes;

public sealed class SystemProcessRunnerTests
{
    private static readonly string Here = Path.GetTempPath();

    [Fact]
    public void CapturesExitCodeAndBothStreams()
    {
        ProcessResult result = SystemProcessRunner.Instance.Run("sh", ["-c", "echo out; echo err >&2; exit 3"], Here, CancellationToken.None);

        Assert.Equal(3, result.ExitCode);
        Assert.Equal("out\n", result.StandardOutput);
        Assert.Equal("err\n", result.StandardError);
        Assert.False(result.Succeeded);
        Assert.Equal("err", result.LastLine());
    }

    [Fact]
    public void ArgumentsReachTheChildVerbatimWithoutAShell()
    {
        ProcessResult result = SystemProcessRunner.Instance.Run("printf", ["%s|", "a b", "$HOME", "*"], Here, CancellationToken.None);

        Assert.Equal("a b|$HOME|*|", result.StandardOutput);
    }

    [Fact]
    public void EnvironmentIsAddedToTheInheritedOne()
    {
        var request = new ProcessRequest("sh", ["-c", "echo \"$NVBENCH_TEST_VAR:${PATH:+path}\""], Here)
        {
            Environment = new Dictionary<string, string> { ["NVBENCH_TEST_VAR"] = "set" },
        };

        Assert.Equal("set:path\n", SystemProcessRunner.Instance.Run(request, CancellationToken.None).StandardOutput);
    }

    [Fact]
    public void StandardInputIsClosedSoAChildThatReadsItDoesNotHang()
    {
        var request = new ProcessRequest("cat", [], Here) { Timeout = TimeSpan.FromSeconds(30) };

        ProcessResult result = SystemProcessRunner.Instance.Run(request, CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.Equal("", result.StandardOutput);
    }

    [Fact]
    public void TimeLimitKillsTheChildAndSaysSo()
    {
        var request = new ProcessRequest("sleep", ["30"], Here) { Timeout = TimeSpan.FromMilliseconds(200) };
        var clock = Stopwatch.StartNew();

        ProcessResult result = SystemProcessRunner.Instance.Run(request, CancellationToken.None);

        Assert.True(result.TimedOut);
        Assert.False(result.Succeeded);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), clock.Elapsed.ToString());
    }

    [Fact]
    public void CancellationKillsTheChildAndThrows()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        Assert.ThrowsAny<OperationCanceledException>(() =>
            SystemProcessRunner.Instance.Run("sleep", ["30"], Here, cancel.Token));
    }

    [Fact]
    public void AMissingProgramIsAOneLineHarnessError()
    {
        var e = Assert.Throws<HarnessException>(() =>
            SystemProcessRunner.Instance.Run("nvbench-no-such-program", [], Here, CancellationToken.None));

        Assert.StartsWith("could not start nvbench-no-such-program", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void GitRunsNonInteractivelyInTheCLocale()
    {
        var recorder = new Recorder();

        recorder.Git(["status"], Here, CancellationToken.None, TimeSpan.FromSeconds(5));

        ProcessRequest request = Assert.Single(recorder.Requests);
        Assert.True(request.IsGit());
        Assert.Equal("0", request.Environment["GIT_TERMINAL_PROMPT"]);
        Assert.Equal("0", request.Environment["GIT_OPTIONAL_LOCKS"]);
        Assert.Equal("C", request.Environment["LC_ALL"]);
        Assert.Equal(TimeSpan.FromSeconds(5), request.Timeout);
    }

    private sealed class Recorder : IProcessRunner
    {
        public List<ProcessRequest> Requests { get; } = [];

        public ProcessResult Run(ProcessRequest request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            return new ProcessResult(0, "", "");
        }
    }
}
