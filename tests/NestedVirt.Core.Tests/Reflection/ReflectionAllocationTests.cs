using NestedVirt.Counters;
using NestedVirt.Exits;
using NestedVirt.Memory;
using NestedVirt.Nested;
using NestedVirt.Reflection;
using NestedVirt.Tests.Nested;

namespace NestedVirt.Tests.Reflection;

/// <summary>One reflection round trip allocates nothing: warm up, then 10,000 round trips with a zero delta (<see cref="AllocationProbe"/>).</summary>
public sealed class ReflectionAllocationTests
{
    private const int RoundTrips = 10_000;

#if INTEL_VMX
    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(false, false)]
    public void VmxRoundTripAllocatesNothing(bool evmcs, bool shadowVmcs)
    {
        (NestedVmxState state, GuestMemory memory) = NestedFixtures.Vmx(evmcs, shadowVmcs);
        state.Vmcs12.ExitMsrStoreAddress = NestedFixtures.MsrListsGpa;
        state.Vmcs12.ExitMsrStoreCount = 1;
        var exit = ExitInfo.Vmx(VmxExitReason.MsrWrite, operand: 0x1B);
        var handler = new L1HandlerCost { VmReads = 4, VmWrites = 2, UnshadowedVmWrites = 1, OtherL1Exits = 1, DirtiedEvmcsGroups = EvmcsCleanFields.GuestBasic };
        var counters = new PathCounters();

        int Run(int n)
        {
            int resumed = 0;
            for (int i = 0; i < n; i++)
                resumed += VmxReflection.ReflectAndResume(state, memory, exit, handler, ref counters) == VmxTransitionStatus.Resumed ? 1 : 0;
            return resumed;
        }

        Assert.Equal(0, AllocationProbe.BytesAllocated(Run, RoundTrips));
        int resumed = Run(RoundTrips);
        Assert.Equal(RoundTrips, resumed);
    }
#endif

#if AMD_SVM
    [Fact]
    public void SvmRoundTripAllocatesNothing()
    {
        (NestedSvmState state, GuestMemory memory) = NestedFixtures.Svm();
        memory.TryWriteUInt32(NestedFixtures.Vmcb12Gpa + 0x00C, 1u << ((int)SvmInterceptBit.MsrProt - 96));
        var exit = ExitInfo.Svm(SvmExitCode.Msr, 1, 0, 0x1B);
        var handler = new L1HandlerCost { OtherL1Exits = 1, DirtiedVmcbGroups = VmcbCleanBits.Segments };
        var counters = new PathCounters();

        int Run(int n)
        {
            int resumed = 0;
            for (int i = 0; i < n; i++)
                resumed += SvmReflection.ReflectAndResume(state, memory, exit, handler, ref counters) == SvmTransitionStatus.Resumed ? 1 : 0;
            return resumed;
        }

        Assert.Equal(0, AllocationProbe.BytesAllocated(Run, RoundTrips));
        int resumed = Run(RoundTrips);
        Assert.Equal(RoundTrips, resumed);
    }
#endif
}
