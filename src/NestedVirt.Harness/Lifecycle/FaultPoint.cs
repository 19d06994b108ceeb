namespace NestedVirt.Harness.Lifecycle;

/// <summary>
/// Named places where the fault-injection suite (<c>.ci/checks/50-faults.sh</c>) holds the
/// process still so it can send a signal at exactly that moment: with
/// <c>NVBENCH_TEST_PAUSE_AT=&lt;name&gt;</c> in the environment, reaching the point prints
/// <c>nvbench: test pause at &lt;name&gt;</c> on stderr and sleeps up to a minute. Without the
/// variable a point costs one environment lookup.
/// </summary>
public static class FaultPoint
{
    /// <summary>The environment variable naming the point to pause at.</summary>
    public const string Variable = "NVBENCH_TEST_PAUSE_AT";

    /// <summary>A results or baseline file's temporary file was just created, still empty.</summary>
    public const string ResultsWrite = "results-write";

    /// <summary>How long a pause lasts at most.</summary>
    public static readonly TimeSpan Pause = TimeSpan.FromMinutes(1);

    /// <summary>Pauses here when the environment asks for <paramref name="name"/>.</summary>
    /// <param name="name">The point's name.</param>
    public static void Reach(string name)
    {
        if (Environment.GetEnvironmentVariable(Variable) != name)
        {
            return;
        }

        Console.Error.WriteLine($"nvbench: test pause at {name}");
        Console.Error.Flush();
        Thread.Sleep(Pause);
    }
}
