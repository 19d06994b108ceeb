using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Results;

namespace NestedVirt.Harness.Tests.Results;

public sealed class ResultsStoreWriteTests
{
    [Fact]
    public void RunIsStoredUnderMachineFolderWithUtcTimeAndShortCommit()
    {
        using var scratch = new ScratchFolder();
        var local = new DateTimeOffset(2026, 3, 14, 11, 15, 7, TimeSpan.FromHours(2));

        string clean = ResultsStore.Write(EnvelopeSamples.Full(time: local, dirty: false), scratch.Path);
        string dirty = ResultsStore.Write(EnvelopeSamples.Full(time: local, dirty: true), scratch.Path);

        Assert.Equal(scratch.Combine("amd-epyc-2cpu-0badcafe", "20260314T091507Z-0123456789ab.json"), clean);
        Assert.Equal(scratch.Combine("amd-epyc-2cpu-0badcafe", "20260314T091507Z-0123456789ab-dirty.json"), dirty);
    }

    [Fact]
    public void SecondWriteWithSameTimeAndCommitNeverOverwrites()
    {
        using var scratch = new ScratchFolder();
        ResultsEnvelope first = EnvelopeSamples.Full(dirty: false);
        var second = new ResultsEnvelope { MachineId = first.MachineId, TimestampUtc = first.TimestampUtc, Git = first.Git, Job = "second" };
        var third = new ResultsEnvelope { MachineId = first.MachineId, TimestampUtc = first.TimestampUtc, Git = first.Git, Job = "third" };

        string a = ResultsStore.Write(first, scratch.Path);
        string b = ResultsStore.Write(second, scratch.Path);
        string c = ResultsStore.Write(third, scratch.Path);

        Assert.EndsWith("20260314T091500Z-0123456789ab.json", a);
        Assert.EndsWith("20260314T091500Z-0123456789ab-2.json", b);
        Assert.EndsWith("20260314T091500Z-0123456789ab-3.json", c);
        Assert.Equal("quick", ResultsStore.Load(a).Job);
        Assert.Equal("second", ResultsStore.Load(b).Job);
        Assert.Equal("third", ResultsStore.Load(c).Job);
        Assert.Equal(3, scratch.Snapshot().Keys.Count(static k => k.EndsWith(".json", StringComparison.Ordinal)));
    }

    [Fact]
    public void NameTakenByAnotherFileIsSkippedNotReplaced()
    {
        using var scratch = new ScratchFolder();
        string squatter = scratch.Write("amd-epyc-2cpu-0badcafe/20260314T091500Z-0123456789ab-dirty.json", "not ours");

        string written = ResultsStore.Write(EnvelopeSamples.Full(), scratch.Path);

        Assert.EndsWith("-dirty-2.json", written);
        Assert.Equal("not ours", File.ReadAllText(squatter));
    }

    public static TheoryData<double> FailurePoints => new() { 0.0, 0.01, 0.5, 0.99 };

    [Theory]
    [MemberData(nameof(FailurePoints))]
    public void FailureMidWriteLeavesFolderAsItWas(double fraction)
    {
        using var scratch = new ScratchFolder();
        scratch.Write("amd-epyc-2cpu-0badcafe/20250101T000000Z-aaaaaaaaaaaa.json", "{\"older\": true}");
        ResultsEnvelope envelope = EnvelopeSamples.Full();
        long size = EnvelopeFileFormat.ToBytes(envelope).Length;
        var before = scratch.Snapshot();

        var ex = Assert.Throws<HarnessException>(() => ResultsStore.Write(
            envelope, scratch.Path, s => new ThrowingStream(s, (long)(size * fraction), static () => new IOException("No space left on device"))));

        Assert.Equal(before, scratch.Snapshot());
        Assert.DoesNotContain('\n', ex.Message);
        Assert.Contains("No space left on device", ex.Message);
        Assert.Contains(scratch.Combine("amd-epyc-2cpu-0badcafe"), ex.Message);
        Assert.Equal(2, ex.ExitCode);
    }

    [Fact]
    public void FailureInNewMachineFolderLeavesNothingBehind()
    {
        using var scratch = new ScratchFolder();

        Assert.Throws<HarnessException>(() => ResultsStore.Write(
            EnvelopeSamples.Full(), scratch.Path, s => new ThrowingStream(s, 10, static () => new IOException("injected"))));

        Assert.Empty(Directory.EnumerateFileSystemEntries(scratch.Path));
    }

    [Fact]
    public void BugDuringWritePropagatesButStillRemovesTemporaryFile()
    {
        using var scratch = new ScratchFolder();

        Assert.Throws<InvalidOperationException>(() => ResultsStore.Write(
            EnvelopeSamples.Full(), scratch.Path, s => new ThrowingStream(s, 100, static () => new InvalidOperationException("bug"))));

        Assert.Empty(scratch.Snapshot());
    }

    [Fact]
    public void UnwritableRootIsOneLineHarnessExceptionNamingThePath()
    {
        using var scratch = new ScratchFolder();
        string file = scratch.Write("plain-file", "x");
        string root = Path.Combine(file, "results");

        var ex = Assert.Throws<HarnessException>(() => ResultsStore.Write(EnvelopeSamples.Full(), root));

        Assert.Contains(root, ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
        Assert.Equal(2, ex.ExitCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData(".hidden")]
    public void MachineIdThatIsNotOneFolderNameIsRefused(string machineId)
    {
        using var scratch = new ScratchFolder();

        var ex = Assert.Throws<HarnessException>(() => ResultsStore.Write(EnvelopeSamples.Full(machineId: machineId), scratch.Path));

        Assert.Contains("machine id", ex.Message);
        Assert.Empty(scratch.Snapshot());
    }

    [Fact]
    public void StrangeShortCommitCannotEscapeTheFileName()
    {
        using var scratch = new ScratchFolder();

        string path = ResultsStore.Write(EnvelopeSamples.Full(shortCommit: "../../X y", dirty: false), scratch.Path);

        Assert.Equal(scratch.Combine("amd-epyc-2cpu-0badcafe", "20260314T091500Z-xy.json"), path);
    }
}
