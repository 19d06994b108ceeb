using System.Runtime.CompilerServices;
using NestedVirt.Kvm;
using NestedVirt.Nested;
using NestedVirt.Vendors;

namespace NestedVirt.L0;

/// <summary>
/// The vendor-independent nested hooks L0's common code calls (Xen <c>nestedhvm.c</c>,
/// <c>nested_hap.c</c>). This is the build with nested code; <c>NestedHvm.Stubs.cs</c> replaces
/// it when nested virtualization is compiled out.
/// </summary>
internal static class NestedHvm
{
    /// <summary><c>nestedhvm_vcpu_initialise</c>: a nested VM's vCPU gets its vendor's nested state.</summary>
    public static int VcpuInitialise(GuestVcpu vcpu)
    {
#if INTEL_VMX
        if (vcpu.Vendor == X86.CpuVendor.Intel)
            vcpu.Vmx = new NestedVmxState();
#endif
#if AMD_SVM
        if (vcpu.Vendor == X86.CpuVendor.Amd)
            vcpu.Svm = new NestedSvmState { Gif = true };
#endif
        return 0;
    }

    /// <summary><c>nestedhvm_vcpu_destroy</c>: called for every vCPU at teardown; frees the nested state if any.</summary>
    public static void VcpuDestroy(GuestVcpu vcpu)
    {
#if INTEL_VMX
        vcpu.Vmx = null;
#endif
#if AMD_SVM
        vcpu.Svm = null;
#endif
    }

    /// <summary><c>nestedhvm_vcpu_reset</c>: INIT leaves VMX operation and guest mode; GIF is set again.</summary>
    public static void VcpuReset(GuestVcpu vcpu)
    {
#if INTEL_VMX
        if (vcpu.Vmx is { } vmx)
        {
            vmx.GuestMode = false;
            vmx.VmxOn = false;
        }
#endif
#if AMD_SVM
        if (vcpu.Svm is { } svm)
        {
            svm.GuestMode = false;
            svm.Gif = true;
        }
#endif
    }

    /// <summary><c>nestedhvm_vmcx_flushtlb</c>: drop the nested translations built from L0's old map.</summary>
    public static void VmcxFlushTlb(GuestVcpu vcpu)
    {
        vcpu.NestedCaches?.Flush();
        vcpu.NestedTlbFlushes++;
    }

    /// <summary><c>nestedhvm_vcpu_in_guestmode</c>: the vCPU runs L2. On every exit's path, so inlined.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool InGuestMode(GuestVcpu vcpu)
    {
#if INTEL_VMX && AMD_SVM
        return vcpu.Vmx is { GuestMode: true } || vcpu.Svm is { GuestMode: true };
#elif INTEL_VMX
        return vcpu.Vmx is { GuestMode: true };
#else
        return vcpu.Svm is { GuestMode: true };
#endif
    }

    /// <summary><c>nestedhvm_hap_nested_page_fault</c> (W-20, W-21): an L2 GPA through L1's tables.</summary>
    public static NestedPageFaultResult HapNestedPageFault<TOps>(GuestVcpu vcpu, ulong l2Gpa)
        where TOps : struct, IVendorOps =>
        TOps.HapWalkL1P2m(vcpu, l2Gpa);

    /// <summary>
    /// <c>KVM_SET_NESTED_STATE</c> (B-32), after <c>vmx_set_nested_state</c> / <c>svm_set_nested_state</c>:
    /// the vendor's format only; the empty state always; anything else only for a guest that has
    /// VMX/SVM, which here means a VM created with the nested flag on a host that supports it.
    /// </summary>
    public static int SetNestedState(GuestVcpu vcpu, in KvmNestedState state)
    {
        bool vmx = vcpu.Vendor == X86.CpuVendor.Intel;
        if (state.Format != (vmx ? KvmNestedState.FormatVmx : KvmNestedState.FormatSvm))
            return -LinuxErrno.EINVAL;
        bool empty = state.Flags == 0 && (!vmx || state.VmxonPa == KvmNestedState.InvalidGpa);
        if (empty)
            return 0;
        if (!vcpu.Vm.NestedEnabled)
            return -LinuxErrno.EINVAL;
        bool guestMode = (state.Flags & KvmNestedState.GuestModeFlag) != 0;
#if INTEL_VMX
        if (vmx && vcpu.Vmx is { } v)
        {
            // vmx_set_nested_state: guest mode needs VMX operation.
            if (state.VmxonPa == KvmNestedState.InvalidGpa)
                return -LinuxErrno.EINVAL;
            v.VmxOn = true;
            v.GuestMode = guestMode;
        }
#endif
#if AMD_SVM
        if (!vmx && vcpu.Svm is { } s)
        {
            // svm_set_nested_state: guest mode needs EFER.SVME.
            if (guestMode && (vcpu.Efer & GuestVcpu.EferSvme) == 0)
                return -LinuxErrno.EINVAL;
            s.GuestMode = guestMode;
        }
#endif
        return 0;
    }
}
