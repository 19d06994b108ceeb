using NestedVirt.Counters;
using NestedVirt.Exits;
using NestedVirt.Exits.Dispatch;
using NestedVirt.Nested;
using NestedVirt.Paging;
using NestedVirt.Reflection;

namespace NestedVirt.L0;

/// <summary>
/// The nested VMX hooks L0's common code calls (Xen <c>vvmx.c</c>'s <c>nvmx_*</c>; KVM
/// <c>vmx/nested.c</c>). This is the build with nested code; <c>NestedVmx.Stubs.cs</c> replaces it
/// when nested virtualization is compiled out.
/// </summary>
internal static class NestedVmx
{
    // KVM's VMCS12_REVISION: what L1 reads in IA32_VMX_BASIC bits 30:0.
    private const ulong Vmcs12Revision = 0x11E5_7ED0;

    /// <summary>
    /// <c>nvmx_msr_read_intercept</c>: the VMX capability MSRs of a nested VM. Not handled (false)
    /// for a VM without nested virtualization, as the real function answers then. The model
    /// offers IA32_VMX_BASIC (the vmcs12 revision) and IA32_VMX_EPT_VPID_CAP (KVM's nested EPT
    /// capabilities); the other capability MSRs read 0.
    /// </summary>
    public static bool MsrReadIntercept(GuestVcpu vcpu, uint msr, out ulong value)
    {
        value = 0;
        if (!vcpu.Vm.NestedEnabled)
            return false;
        value = msr switch
        {
            0x480 => Vmcs12Revision,
            0x48C => (ulong)EptVpidCapabilities.KvmNestedDefault,
            _ => 0,
        };
        return true;
    }

    /// <summary>
    /// <c>nvmx_handle_vmx_insn</c>: #UD without nested virtualization for the VM; VMXON needs
    /// CR4.VMXE (SDM 3C 31.3 "VMXON": #UD otherwise) and CPL 0 (#GP); every other VMX instruction
    /// needs VMX operation (#UD outside it) and CPL 0. The model keeps VMX operation; what the
    /// other instructions do is the reflection code's business (<c>VmxReflection</c>).
    /// </summary>
    public static ExitAction HandleVmxInstruction(GuestVcpu vcpu, VmxExitReason reason)
    {
        if (!vcpu.Vm.NestedEnabled || vcpu.Vmx is not { } vmx)
            return ExitAction.InjectUd;
        if (reason == VmxExitReason.Vmxon)
        {
            if ((vcpu.Cr4 & GuestVcpu.Cr4Vmxe) == 0)
                return ExitAction.InjectUd;
            if (vcpu.Cpl != 0)
                return ExitAction.InjectGp;
            vmx.VmxOn = true;
            return ExitAction.Resume;
        }
        if (!vmx.VmxOn)
            return ExitAction.InjectUd;
        if (vcpu.Cpl != 0)
            return ExitAction.InjectGp;
        if (reason == VmxExitReason.Vmxoff)
            vmx.VmxOn = false;
        return ExitAction.Resume;
    }

    /// <summary>
    /// <c>nvmx_n2_vmexit_handler</c> (KVM <c>nested_vmx_reflect_vmexit</c>): route an exit from L2
    /// (D-01..D-05) and perform the nested VM exit when L1 gets it.
    /// </summary>
    public static NestedHvmVmexit N2VmexitHandler(GuestVcpu vcpu, in ExitInfo exit, ref PathCounters counters)
    {
        NestedVmxState vmx = vcpu.Vmx!;
        var l0 = new L0ExitContext(L0ExitFlags.None, (ushort)exit.Operand, 0, vcpu.Vm.Capabilities.RelayMask);
        switch (VmxExitRouter.Route(exit, l0, vmx, vcpu.Vm.Memory, ref counters))
        {
            case ExitRoute.ReflectToL1:
                return VmxReflection.ReflectExit(vmx, vcpu.Vm.Memory, exit, ref counters) == VmxTransitionStatus.InL1
                    ? NestedHvmVmexit.Done
                    : NestedHvmVmexit.FatalError;
            case ExitRoute.ReflectEntryFailureToL1:
                return VmxReflection.ReflectLateEntryFailure(vmx, ref counters) == VmxTransitionStatus.InL1
                    ? NestedHvmVmexit.Done
                    : NestedHvmVmexit.FatalError;
            default:
                return NestedHvmVmexit.Host;
        }
    }

    /// <summary><c>nvmx_intercepts_exception</c>: vmcs12's exception bitmap asks for the vector.</summary>
    public static bool InterceptsException(GuestVcpu vcpu, byte vector) =>
        ((vcpu.Vmx!.Vmcs12.ExceptionBitmap >> (vector & 31)) & 1) != 0;

    /// <summary><c>nvmx_intr_intercept</c>: L1 set "external-interrupt exiting".</summary>
    public static bool IntrIntercept(GuestVcpu vcpu, byte vector) =>
        vcpu.Vmx!.Vmcs12.Has(PinBasedControls.ExternalInterruptExiting);

    /// <summary><c>nvmx_cpu_up_prepare</c>: a CPU comes up (Xen allocates its vvmcs scratch page; nothing to model).</summary>
    public static int CpuUpPrepare(int cpu) => 0;

    /// <summary><c>nvmx_cpu_dead</c>.</summary>
    public static void CpuDead(int cpu)
    {
    }
}
