using NestedVirt.Benchmarks.Running;

namespace NestedVirt.Benchmarks.Tests.Running;

public sealed class ProfileSummaryTests
{
    // One thread: Run (0..10) calls Walk (2..8), which has 5 ms of CPU_TIME; Run's own 4 ms are
    // CPU_TIME too. Shape as TraceEvent's speedscope writer emits it (evented, O/C per frame).
    private const string Trace = """
        {"shared":{"frames":[{"name":"Run"},{"name":"Walk"},{"name":"CPU_TIME"}]},
         "profiles":[{"type":"evented","name":"Thread (1)","unit":"milliseconds","startValue":0,"endValue":10,
           "events":[{"type":"O","frame":0,"at":0},{"type":"O","frame":2,"at":0},{"type":"C","frame":2,"at":2},
                     {"type":"O","frame":1,"at":2},{"type":"O","frame":2,"at":2},{"type":"C","frame":2,"at":7},
                     {"type":"C","frame":1,"at":8},{"type":"O","frame":2,"at":8},{"type":"C","frame":2,"at":10},
                     {"type":"C","frame":0,"at":10}]}]}
        """;

    [Fact]
    public void SelfTimeExcludesCalleesAndCountsCpuTimeLeavesAsTheCallersOwn()
    {
        string summary = ProfileSummary.Format(Trace)!;

        Assert.Equal(
            "  self  incl  frame\n" +
            " 60.0%  60.0%  Walk\n" +
            " 40.0% 100.0%  Run\n",
            summary);
    }

    [Fact]
    public void ATraceWithoutEventedProfilesHasNoSummary()
    {
        Assert.Null(ProfileSummary.Format("""{"shared":{"frames":[]},"profiles":[{"type":"sampled","samples":[],"weights":[]}]}"""));
    }
}
