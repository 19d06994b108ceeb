using System.Diagnostics;
using System.Globalization;

namespace NestedVirt.Harness.Lifecycle;

/// <summary>
/// Stops every process this one started, directly or not: builds and benchmark runs of
/// <c>ab</c>, BenchmarkDotNet's out-of-process benchmark hosts, valgrind under <c>icount</c>.
/// Descendants are found through the parent ids in <c>/proc/*/stat</c>, so no verb has to
/// register what it starts. Each gets SIGTERM (a .NET child then exits through its own
/// handlers), and whatever is left after a grace period gets SIGKILL.
/// </summary>
public static class ChildProcesses
{
    /// <summary>How long children get to exit after SIGTERM before SIGKILL.</summary>
    public static readonly TimeSpan TermGrace = TimeSpan.FromSeconds(3);

    /// <summary>Stops every descendant of this process.</summary>
    /// <returns>How many processes were signalled.</returns>
    public static int StopAll() => Stop(Environment.ProcessId, TermGrace);

    /// <summary>Stops every descendant of <paramref name="root"/>: SIGTERM, then SIGKILL after <paramref name="grace"/>.</summary>
    /// <param name="root">The ancestor (not signalled itself).</param>
    /// <param name="grace">How long to wait between the two signals.</param>
    /// <returns>How many processes were signalled.</returns>
    public static int Stop(int root, TimeSpan grace)
    {
        List<ProcessIdentity> children = Descendants(root);
        foreach (ProcessIdentity child in children)
        {
            _ = PosixKill.Send(child.Pid, PosixKill.SigTerm);
        }

        var clock = Stopwatch.StartNew();
        while (children.Exists(static c => c.IsAlive()) && clock.Elapsed < grace)
        {
            Thread.Sleep(50);
        }

        // A descendant started meanwhile (a build spawning a compiler) is caught here too.
        foreach (ProcessIdentity straggler in Descendants(root))
        {
            _ = PosixKill.Send(straggler.Pid, PosixKill.SigKill);
            if (!children.Contains(straggler))
            {
                children.Add(straggler);
            }
        }

        foreach (ProcessIdentity child in children)
        {
            if (child.IsAlive())
            {
                _ = PosixKill.Send(child.Pid, PosixKill.SigKill);
            }
        }

        return children.Count;
    }

    /// <summary>Every process below <paramref name="root"/> in the parent tree, children first.</summary>
    /// <param name="root">The ancestor.</param>
    /// <returns>Empty where /proc is unavailable.</returns>
    public static List<ProcessIdentity> Descendants(int root)
    {
        var childrenOf = new Dictionary<int, List<int>>();
        foreach (int pid in AllPids())
        {
            if (ProcStat.ParentOf(pid) is int parent)
            {
                if (!childrenOf.TryGetValue(parent, out List<int>? list))
                {
                    list = [];
                    childrenOf[parent] = list;
                }

                list.Add(pid);
            }
        }

        var found = new List<ProcessIdentity>();
        var pending = new Queue<int>();
        pending.Enqueue(root);
        while (pending.Count > 0 && found.Count < 100_000)
        {
            if (!childrenOf.TryGetValue(pending.Dequeue(), out List<int>? kids))
            {
                continue;
            }

            foreach (int kid in kids)
            {
                found.Add(ProcessIdentity.Of(kid));
                pending.Enqueue(kid);
            }
        }

        return found;
    }

    private static IEnumerable<int> AllPids()
    {
        if (!Directory.Exists("/proc"))
        {
            yield break;
        }

        foreach (string dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out int pid))
            {
                yield return pid;
            }
        }
    }
}
