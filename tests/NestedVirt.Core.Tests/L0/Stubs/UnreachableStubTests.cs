using System.Diagnostics;
using NestedVirt.Counters;
using NestedVirt.Exits;
using NestedVirt.Kvm;
using NestedVirt.L0;
using NestedVirt.X86;

namespace NestedVirt.Tests.L0.Stubs;

/// <summary>
/// The stubs of model 04 §4 that no guest can reach once B-11 holds (Xen keeps
/// <c>ASSERT_UNREACHABLE()</c> in them): a Debug build fails loudly, a Release build returns the
/// stub's value; both count the visit. Compiled only when nested virtualization is compiled out.
/// Each test calls its stub directly, since no L0 path can (<see cref="ExitFuzzTests"/> shows that).
/// </summary>
public sealed class UnreachableStubTests
{
    private static GuestVcpu Vcpu() => L0Stack.Vcpu(L0Stack.Compiled[0]);

    [Fact]
    public void NestedhvmVcpuInitialiseIsUnreachableAndReturnsEopnotsupp() =>
        AssertUnreachable(() => NestedHvm.VcpuInitialise(Vcpu()), -LinuxErrno.EOPNOTSUPP);

    [Fact]
    public void NestedhvmVcpuResetIsUnreachable() =>
        AssertUnreachable(() => { NestedHvm.VcpuReset(Vcpu()); return 0; }, 0);

    [Fact]
    public void NestedhvmVmcxFlushtlbIsUnreachable() =>
        AssertUnreachable(() => { NestedHvm.VmcxFlushTlb(Vcpu()); return 0; }, 0);

#if INTEL_VMX
    [Fact]
    public void NestedhvmHapNestedPageFaultIsUnreachableAndReturnsL0Error() =>
        AssertUnreachable(() => NestedHvm.HapNestedPageFault<Vendors.VmxOps>(Vcpu(), 0x1000), NestedPageFaultResult.L0Error);

    [Fact]
    public void NvmxN2VmexitHandlerIsUnreachableAndReturnsFatalError() =>
        AssertUnreachable(() =>
        {
            var counters = default(PathCounters);
            return NestedVmx.N2VmexitHandler(L0Stack.Vcpu(CpuVendor.Intel), ExitInfo.Vmx(VmxExitReason.Hlt), ref counters);
        }, NestedHvmVmexit.FatalError);

    [Fact]
    public void NvmxInterceptsExceptionIsUnreachableAndReturnsFalse() =>
        AssertUnreachable(() => NestedVmx.InterceptsException(L0Stack.Vcpu(CpuVendor.Intel), 14), false);

    [Fact]
    public void NvmxIntrInterceptIsUnreachableAndReturnsFalse() =>
        AssertUnreachable(() => NestedVmx.IntrIntercept(L0Stack.Vcpu(CpuVendor.Intel), 0x30), false);
#endif

#if AMD_SVM
    [Fact]
    public void NestedsvmVmcbMapIsUnreachableAndReturnsEopnotsupp() =>
        AssertUnreachable(() => NestedSvm.VmcbMap(L0Stack.Vcpu(CpuVendor.Amd), 0x1000), -LinuxErrno.EOPNOTSUPP);

    [Fact]
    public void NestedsvmCheckInterceptsIsUnreachableAndKillsTheGuest() =>
        AssertUnreachable(() =>
        {
            var counters = default(PathCounters);
            return NestedSvm.CheckIntercepts(L0Stack.Vcpu(CpuVendor.Amd), ExitInfo.Svm(SvmExitCode.Hlt), ref counters);
        }, NestedHvmVmexit.FatalError);

    [Fact]
    public void NestedsvmVmexitN2N1IsUnreachableAndKillsTheGuest() =>
        AssertUnreachable(() =>
        {
            var counters = default(PathCounters);
            return NestedSvm.VmexitN2N1(L0Stack.Vcpu(CpuVendor.Amd), ExitInfo.Svm(SvmExitCode.Hlt), ref counters);
        }, NestedHvmVmexit.FatalError);

    [Fact]
    public void NestedsvmVcpuInterruptIsUnreachableAndReturnsNotIntercepted() =>
        AssertUnreachable(() => NestedSvm.VcpuInterrupt(L0Stack.Vcpu(CpuVendor.Amd), 0x30), NestedSvmInterrupt.NotIntercepted);

    [Fact]
    public void NsvmExceptionInterceptIsUnreachableAndReturnsFalse() =>
        AssertUnreachable(() => NestedSvm.InterceptsException(L0Stack.Vcpu(CpuVendor.Amd), 14), false);
#endif

    private static void AssertUnreachable<T>(Func<T> stub, T expected)
    {
        int before = Unreachable.Hits;
#if DEBUG
        // ASSERT_UNREACHABLE in a debug hypervisor: a crash, never a quiet return.
        Assert.Throws<UnreachableException>(() => stub());
#else
        Assert.Equal(expected, stub());
#endif
        Assert.Equal(before + 1, Unreachable.Hits);
    }
}
