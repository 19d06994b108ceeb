using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Parameters;
using NestedVirt.Benchmarks.Running;
using NestedVirt.Counters;
using NestedVirt.Exits;
using NestedVirt.X86;

namespace NestedVirt.Benchmarks.Exits;

/// <summary>
/// The routing decision alone (L0 or L1), per exit of the realistic mix: VMX's two predicates
/// (D-02, D-03) against SVM's tri-state (D-10..D-12), bitmaps read from L1's memory.
/// </summary>
[BenchmarkCategory("ExitRouting", "Exits")]
public class ExitRouting : ICountedBenchmark, IHeadlineSuite
{
    private const int StreamLength = 4096;
    private ExitFixture fixture = null!;
    private ExitInfo[] stream = [];
    private bool svm;

    /// <summary>VMX (Intel) or SVM (AMD): the vendors this build compiles in.</summary>
    [ParamsSource(typeof(CompiledVendors), nameof(CompiledVendors.All))]
    public CpuVendor Vendor { get; set; } = CompiledVendors.First;

    /// <inheritdoc/>
    public static bool IsHeadline(ParameterInstances parameters) => true;

    /// <summary>Builds the stream and the state.</summary>
    [GlobalSetup]
    public void Setup()
    {
        svm = Vendor == CpuVendor.Amd;
        fixture = new ExitFixture(Vendor);
        stream = ExitMix.Create(svm, StreamLength);
    }

    /// <summary>Routes the whole stream; returns a checksum of the routes.</summary>
    [Benchmark(OperationsPerInvoke = StreamLength)]
    public int Route()
    {
        var counters = default(PathCounters);
        int sum = 0;
        for (int i = 0; i < stream.Length; i++)
            sum += (int)RouteOne(stream[i], ref counters);
        return sum;
    }

    /// <inheritdoc/>
    public int CountOperations(ref PathCounters counters)
    {
        for (int i = 0; i < stream.Length; i++)
            RouteOne(stream[i], ref counters);
        return stream.Length;
    }

    private ExitRoute RouteOne(in ExitInfo exit, ref PathCounters counters) => RouteOne(fixture, svm, exit, ref counters);

    /// <summary>One exit of the mix routed with no L0 interest, as this suite and the <c>route.*.mix</c> hot paths do it.</summary>
    internal static ExitRoute RouteOne(ExitFixture fixture, bool svm, in ExitInfo exit, ref PathCounters counters)
    {
        var context = new L0ExitContext(L0ExitFlags.None, (ushort)exit.Operand);
#if INTEL_VMX && AMD_SVM
        return svm
            ? SvmExitRouter.Route(exit, context, fixture.Topology.Svm!, fixture.Memory, SvmVmmcallPolicy.Upstream2026InjectUd, ref counters)
            : VmxExitRouter.Route(exit, context, fixture.Topology.Vmx!, fixture.Memory, ref counters);
#elif INTEL_VMX
        return VmxExitRouter.Route(exit, context, fixture.Topology.Vmx!, fixture.Memory, ref counters);
#else
        return SvmExitRouter.Route(exit, context, fixture.Topology.Svm!, fixture.Memory, SvmVmmcallPolicy.Upstream2026InjectUd, ref counters);
#endif
    }
}
