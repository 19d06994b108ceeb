using System.Runtime.InteropServices;
using NestedVirt.Harness.Lifecycle;

namespace NestedVirt.Harness.Tests.Lifecycle;

/// <summary>The one signal mechanism every long verb shares (issue 11 item 2).</summary>
public sealed class InterruptionTests
{
    private readonly StringWriter error = new();
    private readonly List<int> exits = [];
    private int stops;

    private Interruption Create(TimeSpan? grace = null) =>
        new(error, stopChildren: () => { stops++; return 2; }, exit: code => { lock (exits) { exits.Add(code); } })
        {
            Grace = grace ?? TimeSpan.FromSeconds(30),
        };

    [Theory]
    [InlineData(PosixSignal.SIGINT, 130)]
    [InlineData(PosixSignal.SIGTERM, 143)]
    [InlineData(PosixSignal.SIGHUP, 129)]
    public void ExitCodeIs128PlusTheSignalNumberAsAShellReportsIt(PosixSignal signal, int expected)
    {
        Assert.Equal(expected, Interruption.ExitCodeOf(signal));
    }

    [Fact]
    public void WithoutACooperatingVerbASignalStopsChildrenCleansUpNewestFirstAndExits()
    {
        Interruption interruption = Create();
        var order = new List<string>();
        interruption.OnInterrupt("temporary folder /a", () => order.Add("a"));
        interruption.OnInterrupt("temporary file /b", () => order.Add("b"));

        interruption.Raise(PosixSignal.SIGTERM);

        Assert.Equal(1, stops);
        Assert.Equal(["b", "a"], order);
        Assert.Equal([143], exits);
        Assert.True(interruption.Token.IsCancellationRequested);
        Assert.Equal(
            "nvbench: SIGTERM received: stopping child processes and removing temporary files\n" +
            "nvbench: interrupted by SIGTERM; stopped 2 child process(es); removed temporary file /b, temporary folder /a\n",
            error.ToString());
    }

    [Fact]
    public void ACooperatingVerbUnwindsItselfAndTheDispatcherFinishes()
    {
        Interruption interruption = Create();
        using (interruption.Cooperate())
        {
            interruption.Raise(PosixSignal.SIGINT);
            Assert.Empty(exits);
            Assert.Throws<OperationCanceledException>(interruption.ThrowIfRequested);
        }

        Assert.Equal(130, interruption.Finish());
        Assert.EndsWith("nvbench: interrupted by SIGINT; stopped 2 child process(es)\n", error.ToString());
    }

    [Fact]
    public void ACooperatingVerbThatDoesNotReturnWithinTheGraceIsEndedAnyway()
    {
        Interruption interruption = Create(TimeSpan.FromMilliseconds(50));
        bool removed = false;
        interruption.OnInterrupt("worktree /w", () => removed = true);
        using IDisposable cooperation = interruption.Cooperate();

        interruption.Raise(PosixSignal.SIGTERM);
        SpinWait.SpinUntil(() => { lock (exits) { return exits.Count > 0; } }, TimeSpan.FromSeconds(10));

        Assert.True(removed);
        Assert.Equal([143], exits);
    }

    [Fact]
    public void ASecondSignalDoesNotWaitForTheVerb()
    {
        Interruption interruption = Create();
        using IDisposable cooperation = interruption.Cooperate();

        interruption.Raise(PosixSignal.SIGINT);
        Assert.Empty(exits);
        interruption.Raise(PosixSignal.SIGINT);

        Assert.Equal([130], exits);
        Assert.Equal(PosixSignal.SIGINT, interruption.Signal);
    }

    [Fact]
    public void ACleanupRunsOnceWhoeverAsksFirst()
    {
        Interruption interruption = Create();
        int runs = 0;
        Cleanup entry = interruption.OnInterrupt("x", () => runs++);

        entry.Dispose();
        interruption.Raise(PosixSignal.SIGTERM);
        entry.Dispose();

        Assert.Equal(1, runs);
        Assert.Equal(0, interruption.Cleanups.Count);
    }

    [Fact]
    public void AFailingCleanupIsReportedAndTheOthersStillRun()
    {
        Interruption interruption = Create();
        bool other = false;
        interruption.OnInterrupt("folder /ok", () => other = true);
        interruption.OnInterrupt("folder /busy", () => throw new IOException("Device or resource busy"));

        interruption.Raise(PosixSignal.SIGHUP);

        Assert.True(other);
        Assert.Contains("could not remove folder /busy: Device or resource busy, folder /ok", error.ToString());
        Assert.Equal([129], exits);
    }

    [Fact]
    public void NoSignalMeansNothingRequested()
    {
        Interruption interruption = Create();

        Assert.False(interruption.Requested);
        Assert.Equal(0, interruption.ExitCode);
        interruption.ThrowIfRequested();
    }
}
