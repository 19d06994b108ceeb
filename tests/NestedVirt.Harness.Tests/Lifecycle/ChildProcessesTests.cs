using System.Diagnostics;
using NestedVirt.Harness.Lifecycle;

namespace NestedVirt.Harness.Tests.Lifecycle;

/// <summary>
/// Stopping descendants found through /proc. The tests stop the descendants of a shell they
/// start, never of the test host (other tests' children run there).
/// </summary>
public sealed class ChildProcessesTests
{
    [Fact]
    public void StopsEveryDescendantOfTheRootIncludingGrandchildren()
    {
        if (!Directory.Exists("/proc/self"))
        {
            return; // No /proc: the sweep falls back to doing nothing, which there is nothing to test of.
        }

        using Process shell = Start("sleep 60 & (sleep 61 & wait) & wait");
        SpinWait.SpinUntil(() => ChildProcesses.Descendants(shell.Id).Count >= 3, TimeSpan.FromSeconds(10));
        List<ProcessIdentity> before = ChildProcesses.Descendants(shell.Id);

        int stopped = ChildProcesses.Stop(shell.Id, TimeSpan.FromSeconds(2));

        Assert.True(stopped >= 3, $"stopped {stopped}");
        Assert.All(before, p => Assert.False(p.IsAlive(), $"pid {p.Pid} still alive"));
        Assert.True(shell.WaitForExit(10_000));
    }

    [Fact]
    public void AProcessWithoutChildrenHasNoDescendants()
    {
        using Process shell = Start("exec sleep 60");
        try
        {
            Assert.Empty(ChildProcesses.Descendants(shell.Id));
        }
        finally
        {
            shell.Kill();
            shell.WaitForExit();
        }
    }

    [Fact]
    public void AnIdentityOutlivesItsProcessOnlyAsDead()
    {
        using Process shell = Start("exit 0");
        ProcessIdentity identity = ProcessIdentity.Of(shell.Id);
        shell.WaitForExit();

        Assert.False(identity.IsAlive());
        Assert.True(ProcessIdentity.Current.IsAlive());
        Assert.True(ProcessIdentity.TryParse(ProcessIdentity.Current.ToString(), out ProcessIdentity parsed));
        Assert.Equal(ProcessIdentity.Current, parsed);
    }

    private static Process Start(string script)
    {
        var start = new ProcessStartInfo("bash") { ArgumentList = { "-c", script }, UseShellExecute = false };
        return Process.Start(start)!;
    }
}
