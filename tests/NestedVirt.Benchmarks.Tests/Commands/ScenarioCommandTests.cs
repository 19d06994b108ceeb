using NestedVirt.Scenarios;

namespace NestedVirt.Benchmarks.Tests.Commands;

public sealed class ScenarioCommandTests
{
    [Fact]
    public void ScenarioWithoutNamesRunsEveryScenarioAndAllPass()
    {
        (int exit, string output, string error) = ProgramTests.Run("scenario");

        Assert.Equal(0, exit);
        Assert.Equal("", error);
        string[] lines = output.TrimEnd('\n').Split('\n');
        Assert.Equal(ScenarioCatalog.All.Count + 1, lines.Length);
        foreach (IScenario scenario in ScenarioCatalog.All)
            Assert.Contains(lines, l => l.StartsWith($"PASS {scenario.Name}: ", StringComparison.Ordinal));
        Assert.Equal($"{ScenarioCatalog.All.Count} passed, 0 failed", lines[^1]);
    }

    [Theory]
    [InlineData("vmx-relay", "relayed by L0, VMBus host answered, connected; 2 transitions")]
    [InlineData("svm-relay", "relayed by L0, VMBus host answered, connected; 2 transitions")]
    [InlineData("vmx-no-capability", "reflected to L1, dropped, vmbus never connects (bugcheck 0x7B)")]
    [InlineData("svm-gate-closed", "reflected to L1, dropped, vmbus never connects (bugcheck 0x7B)")]
    [InlineData("signal-event-only", "reflected to L1, dropped, vmbus never connects")]
    [InlineData("unknown-capability-bits", "KVM_ENABLE_CAP returned -22 (-EINVAL)")]
    public void NamedScenarioPrintsItsExpectedOutcome(string name, string expected)
    {
        (int exit, string output, _) = ProgramTests.Run("scenario", name);

        Assert.Equal(0, exit);
        string first = output.Split('\n')[0];
        Assert.StartsWith($"PASS {name}: ", first);
        Assert.Contains(expected, first);
    }

    [Fact]
    public void UnknownScenarioIsOneLineAndExitTwo()
    {
        (int exit, string output, string error) = ProgramTests.Run("scenario", "no-such-scenario");

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Equal("nvbench: unknown scenario 'no-such-scenario' (see 'nvbench scenario --list')\n", error.Replace("\r", ""));
    }
}
