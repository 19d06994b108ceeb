using NestedVirt.Kvm;
using NestedVirt.Vendors;

namespace NestedVirt.L0;

/// <summary>
/// The vendor-independent nested hooks when nested virtualization is compiled out (model 04
/// section 4, B-13, B-14). With B-11 refusing every nested VM, the hooks that only run for a
/// nested VM are unreachable (<see cref="Unreachable"/>: Debug fails, Release returns the stub
/// value); the ones every vCPU passes through return what "no nested virtualization" means.
/// </summary>
internal static class NestedHvm
{
    /// <summary><c>nestedhvm_vcpu_initialise</c>: unreachable (only a nested VM's vCPU calls it); -EOPNOTSUPP.</summary>
    public static int VcpuInitialise(GuestVcpu vcpu)
    {
        Unreachable.Reached("nestedhvm_vcpu_initialise");
        return -LinuxErrno.EOPNOTSUPP;
    }

    /// <summary><c>nestedhvm_vcpu_destroy</c>: called for every vCPU at teardown; empty, no assertion.</summary>
    public static void VcpuDestroy(GuestVcpu vcpu)
    {
    }

    /// <summary><c>nestedhvm_vcpu_reset</c>: unreachable.</summary>
    public static void VcpuReset(GuestVcpu vcpu) => Unreachable.Reached("nestedhvm_vcpu_reset");

    /// <summary><c>nestedhvm_vmcx_flushtlb</c>: unreachable.</summary>
    public static void VmcxFlushTlb(GuestVcpu vcpu) => Unreachable.Reached("nestedhvm_vmcx_flushtlb");

    /// <summary><c>nestedhvm_vcpu_in_guestmode</c>: on every exit's path, so no assertion; never in guest mode.</summary>
    public static bool InGuestMode(GuestVcpu vcpu) => false;

    /// <summary><c>nestedhvm_hap_nested_page_fault</c>: unreachable (gated by B-10); L0_ERROR sends the fault down L0's own path.</summary>
    public static NestedPageFaultResult HapNestedPageFault<TOps>(GuestVcpu vcpu, ulong l2Gpa)
        where TOps : struct, IVendorOps
    {
        Unreachable.Reached("nestedhvm_hap_nested_page_fault");
        return NestedPageFaultResult.L0Error;
    }

    /// <summary>
    /// <c>KVM_SET_NESTED_STATE</c>: reachable from userspace, so no assertion. Without nested
    /// code there are no nested-state hooks, and KVM answers a missing hook with -EINVAL.
    /// </summary>
    public static int SetNestedState(GuestVcpu vcpu, in KvmNestedState state) => -LinuxErrno.EINVAL;
}
