using NestedVirt.Counters;
using NestedVirt.Exits;
using NestedVirt.Hypercalls;
using NestedVirt.Nested;
using NestedVirt.Tests.Topology;
using NestedVirt.Topology;
using NestedVirt.VmBus;
using NestedVirt.X86;

namespace NestedVirt.Tests.Relay;

/// <summary>
/// every hypercall the relay does not keep goes the normal way, a nested exit to L1 (VMCALL
/// reason 18 in vmcs12, VMMCALL 0x81 in vmcb12), and never reaches the VMBus host.
/// </summary>
public class NotRelayedTests
{
    public static TheoryData<CpuVendor, string, ulong, bool> Cases()
    {
        ulong spin = HypercallInput.Create(HvCallCode.NotifyLongSpinWait, nested: true).Value;
        ulong plainPost = HypercallInput.Create(HvCallCode.PostMessage).Value;
        var data = new TheoryData<CpuVendor, string, ulong, bool>();
        foreach (CpuVendor vendor in Stack.Compiled)
        {
            data.Add(vendor, "another hypercall with the nested bit", spin, true);
            data.Add(vendor, "a post without the nested bit", plainPost, true);
            data.Add(vendor, "a nested post from an L2 L1 did not authorise", Stack.NestedPost, false);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void R05_NotRelayedCallsAreReflectedToL1(CpuVendor vendor, string what, ulong rcx, bool gate)
    {
        NestedTopology stack = Stack.Build(vendor, Stack.PostBit | Stack.SignalBit, gate);
        stack.WriteInitiateContact(VmBusConstants.MessageConnectionId4, VmBusVersion.Win10V5);
        HypercallRegisters regs = Stack.Regs(stack, rcx);
        var counters = default(PathCounters);

        L2HypercallResult result = stack.HandleL2Hypercall(ref regs, ref counters);

        Assert.True(result.Path == L2HypercallPath.Reflected, what);
        Assert.Equal(ExitRoute.ReflectToL1, result.Route);
        Assert.Equal(rcx, regs.Rcx);
        Assert.Equal(0, Stack.HostMessages(stack));
        Assert.Equal(0, counters.UserspaceRoundTrips);
        Assert.Equal(1, counters.L0ToL1Entries);
#if INTEL_VMX
        if (vendor == CpuVendor.Intel)
            Assert.Equal((uint)VmxExitReason.Vmcall, stack.Vmx!.Vmcs12.ExitReason);
#endif
#if AMD_SVM
        if (vendor == CpuVendor.Amd)
        {
            Assert.True(stack.Memory.TryReadUInt64(TopologyLayout.Vmcb12Gpa + VmcbLayout.ExitCode, out ulong exitCode));
            Assert.Equal((ulong)SvmExitCode.Vmmcall, exitCode);
        }
#endif
    }
}
