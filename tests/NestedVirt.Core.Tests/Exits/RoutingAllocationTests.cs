using NestedVirt.Counters;
using NestedVirt.Exits;
using NestedVirt.Memory;
using NestedVirt.Nested;
using NestedVirt.Tests.Nested;

namespace NestedVirt.Tests.Exits;

/// <summary>Routing allocates nothing: warm up, then 10,000 calls with a zero allocation delta (<see cref="AllocationProbe"/>).</summary>
public sealed class RoutingAllocationTests
{
    private const int Calls = 10_000;

#if INTEL_VMX
    [Fact]
    public void VmxRoutingAllocatesNothing()
    {
        (NestedVmxState state, GuestMemory memory) = NestedFixtures.Vmx();
        state.Vmcs12.PrimaryControls = PrimaryProcessorControls.UseIoBitmaps | PrimaryProcessorControls.UseMsrBitmaps
            | PrimaryProcessorControls.ActivateSecondaryControls;
        state.Vmcs12.SecondaryControls = SecondaryProcessorControls.VmcsShadowing;
        ExitInfo io = ExitInfo.Vmx(VmxExitReason.IoInstruction, VmxIoQualification.Create(0x7FFF, 2, isIn: true).Raw);
        ExitInfo msr = ExitInfo.Vmx(VmxExitReason.MsrWrite, operand: 0xC0000080);
        ExitInfo vmread = ExitInfo.Vmx(VmxExitReason.Vmread, operand: 0x6800);
        ExitInfo pf = ExitInfo.Vmx(VmxExitReason.ExceptionOrNmi, interruptionInfo: VmxInterruptionInfo.Create(InterruptionType.HardwareException, 14).Raw);
        ExitInfo vmcall = ExitInfo.Vmx(VmxExitReason.Vmcall);
        var l0 = new L0ExitContext(L0ExitFlags.HvDirectFlushCpuid | L0ExitFlags.L2DirectHypercallGateOpen, 0x0002);
        var counters = new PathCounters();

        int Run(int n)
        {
            int sum = 0;
            for (int i = 0; i < n; i++)
            {
                sum += (int)VmxExitRouter.Route(io, default, state, memory, ref counters);
                sum += (int)VmxExitRouter.Route(msr, default, state, memory, ref counters);
                sum += (int)VmxExitRouter.Route(vmread, default, state, memory, ref counters);
                sum += (int)VmxExitRouter.Route(pf, default, state, memory, ref counters);
                sum += (int)VmxExitRouter.Route(vmcall, l0, state, memory, ref counters);
            }
            return sum;
        }

        Assert.Equal(0, AllocationProbe.BytesAllocated(Run, Calls));
        int result = Run(Calls);
        Assert.NotEqual(0, result);
    }
#endif

#if AMD_SVM
    [Fact]
    public void SvmRoutingAllocatesNothing()
    {
        (NestedSvmState state, GuestMemory memory) = NestedFixtures.Svm();
        state.Control.SetIntercept(SvmInterceptBit.IoioProt);
        state.Control.SetIntercept(SvmInterceptBit.MsrProt);
        ExitInfo io = ExitInfo.Svm(SvmExitCode.Ioio, SvmIoioInfo.Create(0x3FE, 4, isIn: false).Raw);
        ExitInfo msr = ExitInfo.Svm(SvmExitCode.Msr, 1, 0, 0xC0000080);
        ExitInfo vmmcall = ExitInfo.Svm(SvmExitCode.Vmmcall);
        ExitInfo pf = ExitInfo.Svm(SvmExitCode.ExceptionPf);
        var counters = new PathCounters();

        int Run(int n)
        {
            int sum = 0;
            for (int i = 0; i < n; i++)
            {
                sum += (int)SvmExitRouter.Route(io, default, state, memory, SvmVmmcallPolicy.Upstream2026InjectUd, ref counters);
                sum += (int)SvmExitRouter.Route(msr, default, state, memory, SvmVmmcallPolicy.Upstream2026InjectUd, ref counters);
                sum += (int)SvmExitRouter.Route(vmmcall, default, state, memory, SvmVmmcallPolicy.Pre2026ClearIntercept, ref counters);
                sum += (int)SvmExitRouter.Route(pf, default, state, memory, SvmVmmcallPolicy.Upstream2026InjectUd, ref counters);
            }
            return sum;
        }

        Assert.Equal(0, AllocationProbe.BytesAllocated(Run, Calls));
        int result = Run(Calls);
        Assert.NotEqual(0, result);
    }
#endif
}
