using NestedVirt.Counters;
using NestedVirt.Exits;
using NestedVirt.Exits.Dispatch;
using NestedVirt.Kvm;
using NestedVirt.L0;
using NestedVirt.X86;

namespace NestedVirt.Tests.L0.Stubs;

/// <summary>
/// The stubs of model 04 §4 that a guest or every vCPU does reach: they answer as "nested
/// virtualization is off", never with an assertion (the visit counter of <see cref="Unreachable"/>
/// stays put). Compiled only when nested virtualization is compiled out.
/// </summary>
public sealed class GuestReachableStubTests
{
    [Theory]
    [MemberData(nameof(L0Stack.Vendors), MemberType = typeof(L0Stack))]
    public void NestedhvmVcpuInGuestmodeIsFalseWithoutAssertion(CpuVendor vendor) =>
        AssertQuiet(() => Assert.False(NestedHvm.InGuestMode(L0Stack.Vcpu(vendor))));

    [Theory]
    [MemberData(nameof(L0Stack.Vendors), MemberType = typeof(L0Stack))]
    public void NestedhvmVcpuDestroyRunsAtEveryTeardownWithoutAssertion(CpuVendor vendor) =>
        AssertQuiet(() =>
        {
            GuestVcpu vcpu = L0Stack.Vcpu(vendor);
            vcpu.Destroy();
            Assert.True(vcpu.Destroyed);
        });

    [Theory]
    [MemberData(nameof(L0Stack.Vendors), MemberType = typeof(L0Stack))]
    public void KvmSetNestedStateIsEinvalEvenForTheEmptyState(CpuVendor vendor) =>
        AssertQuiet(() =>
        {
            GuestVcpu vcpu = L0Stack.Vcpu(vendor);
            ushort format = vendor == CpuVendor.Intel ? KvmNestedState.FormatVmx : KvmNestedState.FormatSvm;
            Assert.Equal(-LinuxErrno.EINVAL, vcpu.SetNestedState(KvmNestedState.None(format)));
            Assert.Equal(-LinuxErrno.EINVAL, vcpu.SetNestedState(vendor == CpuVendor.Intel ? KvmNestedState.VmxOn(0x1000) : KvmNestedState.Svm(true)));
        });

#if INTEL_VMX
    [Fact]
    public void NvmxHandleVmxInsnInjectsUd() =>
        AssertQuiet(() =>
        {
            GuestVcpu vcpu = L0Stack.Vcpu(CpuVendor.Intel);
            Assert.Equal(ExitAction.InjectUd, NestedVmx.HandleVmxInstruction(vcpu, VmxExitReason.Vmxon));
            // Through L0's handler, with CR4.VMXE set by force: still #UD (no nested code at all).
            vcpu.Cr4 = GuestVcpu.Cr4Vmxe;
            var counters = default(PathCounters);
            Assert.Equal(ExitAction.InjectUd, vcpu.HandleExit(ExitInfo.Vmx(VmxExitReason.Vmxon), ref counters));
        });

    [Fact]
    public void NvmxMsrReadInterceptReportsNotHandled() =>
        AssertQuiet(() =>
        {
            Assert.False(NestedVmx.MsrReadIntercept(L0Stack.Vcpu(CpuVendor.Intel), 0x480, out ulong value));
            Assert.Equal(0UL, value);
        });

    [Fact]
    public void NvmxCpuUpPrepareAndCpuDeadRunOnEveryHostWithoutAssertion() =>
        AssertQuiet(() =>
        {
            var host = new L0Hypervisor(HostHardware.Intel);
            Assert.Equal(0, host.CpuOnline(3));
            host.CpuOffline(3);
            Assert.Equal(0, NestedVmx.CpuUpPrepare(5));
        });
#endif

#if AMD_SVM
    [Fact]
    public void NsvmEferSvmEnabledIsFalseWhateverEferHolds() =>
        AssertQuiet(() =>
        {
            GuestVcpu vcpu = L0Stack.Vcpu(CpuVendor.Amd);
            vcpu.Efer = GuestVcpu.EferSvme;
            Assert.False(NestedSvm.EferSvmEnabled(vcpu));
            // So VMRUN is #UD and nestedsvm_vmcb_map is never reached.
            var counters = default(PathCounters);
            Assert.Equal(ExitAction.InjectUd, vcpu.HandleExit(ExitInfo.Svm(SvmExitCode.Vmrun, operand: 0x1000), ref counters));
        });

    [Theory]
    [InlineData(SvmExitCode.Stgi)]
    [InlineData(SvmExitCode.Clgi)]
    public void SvmVmexitDoStgiAndClgiInjectUd(SvmExitCode code) =>
        AssertQuiet(() =>
        {
            GuestVcpu vcpu = L0Stack.Vcpu(CpuVendor.Amd);
            Assert.Equal(ExitAction.InjectUd, code == SvmExitCode.Stgi ? NestedSvm.Stgi(vcpu) : NestedSvm.Clgi(vcpu));
            var counters = default(PathCounters);
            Assert.Equal(ExitAction.InjectUd, vcpu.HandleExit(ExitInfo.Svm(code), ref counters));
        });
#endif

    private static void AssertQuiet(Action reachable)
    {
        int before = Unreachable.Hits;
        reachable();
        Assert.Equal(before, Unreachable.Hits);
    }
}
