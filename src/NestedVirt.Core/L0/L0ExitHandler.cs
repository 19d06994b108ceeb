using NestedVirt.Counters;
using NestedVirt.Exits;
using NestedVirt.Exits.Dispatch;
using NestedVirt.Vendors;

namespace NestedVirt.L0;

/// <summary>
/// L0's exit handler, written once for both vendors over a zero-size <see cref="IVendorOps"/>
/// struct, in the shape of KVM's <c>vmx_handle_exit</c> / <c>svm_handle_exit</c>: an exit from L2
/// first goes through the nested routing (which may hand it to L1), then every exit L0 keeps is
/// classified and handled by common code. Each handler is reduced to its decision, as in
/// <see cref="L0ExitHandlers"/>; nothing allocates.
/// </summary>
/// <remarks>
/// Every nested question goes through the hooks of <see cref="NestedHvm"/>,
/// <c>NestedVmx</c> and <c>NestedSvm</c>. With nested virtualization compiled out those are the
/// stubs of model 04 §4: <c>NestedHvm.InGuestMode</c> is a constant false, so the routing
/// branch is dead code, and the instructions and MSRs a guest can still use get the
/// architectural "no VMX/SVM" answer.
/// </remarks>
internal static class L0ExitHandler
{
    /// <summary>Handles one exit of <paramref name="vcpu"/>; counts the exit once, and the re-entry when L0 resumes the guest.</summary>
    public static ExitAction Handle<TOps>(GuestVcpu vcpu, in ExitInfo exit, ref PathCounters counters)
        where TOps : struct, IVendorOps
    {
        bool guestMode = NestedHvm.InGuestMode(vcpu);
        if (guestMode)
        {
            counters.L2ToL0Exits++;
            // nvmx_n2_vmexit_handler / nestedsvm_check_intercepts: L1's exit, performed here.
            switch (TOps.ReflectL2Exit(vcpu, exit, ref counters))
            {
                case NestedHvmVmexit.Done:
                    return ExitAction.ReflectToL1;
                case NestedHvmVmexit.Error:
                case NestedHvmVmexit.FatalError:
                    return ExitAction.CrashGuest;
            }
        }
        else
        {
            counters.L1ToL0Exits++;
        }

        ExitAction action = Dispatch<TOps>(vcpu, exit, guestMode);
        if (action is ExitAction.Resume or ExitAction.InjectUd or ExitAction.InjectGp)
        {
            if (guestMode)
                counters.L0ToL2Entries++;
            else
                counters.L0ToL1Entries++;
        }
        return action;
    }

    private static ExitAction Dispatch<TOps>(GuestVcpu vcpu, in ExitInfo exit, bool guestMode)
        where TOps : struct, IVendorOps
    {
        switch (TOps.Classify(exit))
        {
            case L0ExitKind.Io:
                return L0ExitHandlers.Io(exit);
            case L0ExitKind.MsrRead:
                return ReadMsr<TOps>(vcpu, exit);
            case L0ExitKind.MsrWrite:
                return WriteMsr(vcpu, exit);
            case L0ExitKind.Cr4Write:
                return WriteCr4(vcpu, exit.Operand);
            case L0ExitKind.Hypercall:
                return L0ExitHandlers.Hypercall(exit);
            case L0ExitKind.NestedPageFault:
                return PageFault<TOps>(vcpu, exit, guestMode);
            case L0ExitKind.MmioMisconfig:
                return L0ExitHandlers.EptMisconfig(exit);
            case L0ExitKind.VirtualizationInstruction:
                return TOps.HandleVirtualizationInstruction(vcpu, exit);
            case L0ExitKind.Unknown:
                return L0ExitHandlers.Unknown(exit);
            default:
                return ExitAction.Resume;
        }
    }

    private static ExitAction ReadMsr<TOps>(GuestVcpu vcpu, in ExitInfo exit)
        where TOps : struct, IVendorOps
    {
        uint msr = (uint)exit.Operand;
        if (!TOps.IsNestedCapabilityMsr(msr))
            return L0ExitHandlers.Msr(exit);
        // Xen vmx_msr_read_intercept: a capability MSR the nested code does not handle is #GP.
        return TOps.ReadNestedCapabilityMsr(vcpu, msr, out _) ? ExitAction.Resume : ExitAction.InjectGp;
    }

    private static ExitAction WriteMsr(GuestVcpu vcpu, in ExitInfo exit)
    {
        if ((uint)exit.Operand != GuestVcpu.EferMsr)
            return L0ExitHandlers.Msr(exit);
        // EFER.SVME is a valid bit only for a guest that has SVM (KVM kvm_valid_efer, Xen
        // hvm_efer_valid: nestedhvm_enabled); the new value is in Info2 for this model.
        ulong value = exit.Info2;
        if ((value & GuestVcpu.EferSvme) != 0 && !vcpu.Vm.NestedEnabled)
            return ExitAction.InjectGp;
        vcpu.Efer = value;
        return ExitAction.Resume;
    }

    private static ExitAction WriteCr4(GuestVcpu vcpu, ulong value)
    {
        // CR4.VMXE is reserved for a guest without VMX (Xen hvm_cr4_guest_valid_bits,
        // KVM vmx_is_valid_cr4): setting it is #GP.
        if ((value & GuestVcpu.Cr4Vmxe) != 0 && !vcpu.Vm.NestedEnabled)
            return ExitAction.InjectGp;
        vcpu.Cr4 = value;
        return ExitAction.Resume;
    }

    private static ExitAction PageFault<TOps>(GuestVcpu vcpu, in ExitInfo exit, bool guestMode)
        where TOps : struct, IVendorOps
    {
        // W-20 (Xen hvm_hap_nested_page_fault): an L2 GPA of a nested VM goes through L1's tables.
        if (guestMode && vcpu.Vm.NestedEnabled)
        {
            return NestedHvm.HapNestedPageFault<TOps>(vcpu, TOps.FaultingGpa(exit)) switch
            {
                NestedPageFaultResult.Done or NestedPageFaultResult.Retry => ExitAction.Resume,
                NestedPageFaultResult.Inject => ExitAction.ReflectToL1,
                NestedPageFaultResult.L1Error => ExitAction.CrashGuest,
                NestedPageFaultResult.Mmio => ExitAction.ExitToUserspace,
                // L0_ERROR and direct MMIO continue on the ordinary L0 path.
                _ => ExitAction.Resume,
            };
        }
        return ExitAction.Resume;
    }
}
