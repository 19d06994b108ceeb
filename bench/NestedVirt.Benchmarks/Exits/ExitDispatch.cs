using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Parameters;
using NestedVirt.Benchmarks.Running;
using NestedVirt.Counters;
using NestedVirt.Exits;
using NestedVirt.Exits.Dispatch;
using NestedVirt.X86;

namespace NestedVirt.Benchmarks.Exits;

/// <summary>
/// Cost per L2 exit over a fixed-seed realistic mix (VMX): route it (L0 or L1, model 01 D-01..D-04)
/// and, when L0 keeps it, dispatch to L0's handler by a dense switch, a table of function
/// pointers, or hot-exits-first compares.
/// </summary>
[BenchmarkCategory("ExitDispatch", "Exits")]
public class ExitDispatch : ICountedBenchmark, IHeadlineSuite
{
    private const int StreamLength = 4096;
    private ExitFixture fixture = null!;
    private ExitInfo[] stream = [];
    private VmxExitDispatcher dispatcher = null!;

    /// <summary>How L0 finds the handler.</summary>
    [Params(DispatchStrategy.Switch, DispatchStrategy.FunctionTable, DispatchStrategy.HotFirst)]
    public DispatchStrategy Strategy { get; set; }

    /// <inheritdoc/>
    public static bool IsHeadline(ParameterInstances parameters) =>
        (DispatchStrategy)parameters["Strategy"] is DispatchStrategy.Switch or DispatchStrategy.FunctionTable;

    /// <summary>Builds the stream and the state.</summary>
    [GlobalSetup]
    public void Setup()
    {
        fixture = new ExitFixture(CpuVendor.Intel);
        stream = ExitMix.Create(svm: false, StreamLength);
        dispatcher = new VmxExitDispatcher();
    }

    /// <summary>Routes and dispatches the whole stream; returns a checksum of the actions.</summary>
    [Benchmark(OperationsPerInvoke = StreamLength)]
    public int RouteAndDispatch()
    {
        var counters = default(PathCounters);
        int sum = 0;
        for (int i = 0; i < stream.Length; i++)
            sum += (int)Handle(stream[i], ref counters);
        return sum;
    }

    /// <inheritdoc/>
    public int CountOperations(ref PathCounters counters)
    {
        for (int i = 0; i < stream.Length; i++)
            Handle(stream[i], ref counters);
        return stream.Length;
    }

    private ExitAction Handle(in ExitInfo exit, ref PathCounters counters)
    {
        var context = new L0ExitContext(L0ExitFlags.None, (ushort)exit.Operand);
        ExitRoute route = VmxExitRouter.Route(exit, context, fixture.Topology.Vmx!, fixture.Memory, ref counters);
        return route is ExitRoute.HandleInL0 or ExitRoute.HandleInL0NotInterceptedByL1
            ? dispatcher.Dispatch(exit, Strategy)
            : ExitAction.ReflectToL1;
    }
}
