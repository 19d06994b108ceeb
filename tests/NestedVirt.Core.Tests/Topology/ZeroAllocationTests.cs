using NestedVirt.L0;
using NestedVirt.Counters;
using NestedVirt.Hypercalls;
using NestedVirt.Topology;
using NestedVirt.X86;

namespace NestedVirt.Tests.Topology;

/// <summary>
/// One L2 hypercall exit handled to completion allocates nothing on any path: warmed up, then
/// 10,000 calls with L2's registers reset from a template each time (the VMBus host keeps its
/// connected state) and a zero delta of <see cref="GC.GetAllocatedBytesForCurrentThread"/>.
/// </summary>
public class ZeroAllocationTests
{
    private const int WarmUp = 200;
    private const int Iterations = 10_000;

    public static TheoryData<string> Paths()
    {
        var data = new TheoryData<string>();
        if (NestedVirtBuild.Vmx)
        {
            data.Add("vmx-relay");
            data.Add("vmx-reflect-drop");
            data.Add("vmx-reflect-forward");
        }
        if (NestedVirtBuild.Svm)
        {
            data.Add("svm-relay");
            data.Add("svm-reflect");
            data.Add("svm-relay-no-nrips");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void OneHypercallExitAllocatesNothing(string path)
    {
        (TopologyOptions options, L2HypercallPath expected) = path switch
        {
            "vmx-relay" => (new TopologyOptions { Vendor = CpuVendor.Intel, RelayMask = Stack.PostBit }, L2HypercallPath.Relayed),
            "vmx-reflect-drop" => (new TopologyOptions { Vendor = CpuVendor.Intel }, L2HypercallPath.Reflected),
            "vmx-reflect-forward" => (new TopologyOptions { Vendor = CpuVendor.Intel, L1Policy = L1Policy.ForwardsToL0 }, L2HypercallPath.Reflected),
            "svm-relay" => (new TopologyOptions { Vendor = CpuVendor.Amd, RelayMask = Stack.PostBit }, L2HypercallPath.Relayed),
            "svm-reflect" => (new TopologyOptions { Vendor = CpuVendor.Amd }, L2HypercallPath.Reflected),
            "svm-relay-no-nrips" => (new TopologyOptions { Vendor = CpuVendor.Amd, RelayMask = Stack.PostBit, Nrips = false }, L2HypercallPath.Relayed),
            _ => throw new ArgumentOutOfRangeException(nameof(path)),
        };
        var stack = NestedTopology.Create(options);
        HypercallRegisters template = Stack.InitiateContact(stack);
        var counters = default(PathCounters);
        int wrongPath = 0;

        for (int i = 0; i < WarmUp; i++)
            wrongPath += RunOnce(stack, template, expected, ref counters);
        long allocated = Allocations.During(() =>
        {
            for (int i = 0; i < Iterations; i++)
                wrongPath += RunOnce(stack, template, expected, ref counters);
        });

        Assert.Equal(0L, allocated);
        Assert.Equal(0, wrongPath);
        Assert.Equal(WarmUp + Iterations, counters.L2ToL0Exits);
    }

    private static int RunOnce(NestedTopology stack, in HypercallRegisters template, L2HypercallPath expected, ref PathCounters counters)
    {
        HypercallRegisters regs = template;
        L2HypercallResult result = stack.HandleL2Hypercall(ref regs, ref counters);
        bool ok = result.Path == expected && regs.Rip == template.Rip + 3;
        return ok ? 0 : 1;
    }
}
