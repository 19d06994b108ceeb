using NestedVirt.Memory;

namespace NestedVirt.Nested;

/// <summary>
/// The nested direct-hypercall gates of model 02 §7.2 (G-01..G-05), evaluated from the state and
/// from L1 memory. The routers do not call these: their callers (the exit loop, the relay) evaluate
/// a gate once per exit and pass the verdict in <c>L0ExitFlags.L2DirectHypercallGateOpen</c>.
/// </summary>
/// <remarks>
/// KVM reads cached copies (the VP assist page is refreshed at enlightened VMPTRLD, vmcb12's
/// enlightenments at VMRUN), so a gate check costs no guest-memory access there; these functions
/// read guest memory for simplicity and add nothing to the path counters. An unreadable field
/// closes the gate.
/// </remarks>
public static class DirectHypercallGate
{
    /// <summary>HvCallFlushVirtualAddressSpace.</summary>
    public const ushort FlushVirtualAddressSpace = 0x0002;

    /// <summary>HvCallFlushVirtualAddressList.</summary>
    public const ushort FlushVirtualAddressList = 0x0003;

    /// <summary>HvCallFlushVirtualAddressSpaceEx.</summary>
    public const ushort FlushVirtualAddressSpaceEx = 0x0013;

    /// <summary>HvCallFlushVirtualAddressListEx.</summary>
    public const ushort FlushVirtualAddressListEx = 0x0014;

#if INTEL_VMX
    /// <summary>
    /// G-01 <c>nested_evmcs_l2_tlb_flush_enabled</c> (VMX): Hyper-V state exists, an eVMCS is in
    /// use, eVMCS[0x344] bit 0 (NestedFlushVirtualHypercall) is set and the VP assist page's
    /// Features bit 0 (DirectHypercall) is set.
    /// </summary>
    public static bool IsVmxGateOpen(NestedVmxState state, GuestMemory memory)
    {
        if (!state.HasHyperVState || !state.IsEvmcsInUse || state.VpAssistPageGpa == NestedVmxState.InvalidGpa)
            return false;
        return new EnlightenedVmcs(memory, state.EvmcsGpa).TryReadEnlightenmentsControl(out HvEnlightenmentsControl control)
            && (control & HvEnlightenmentsControl.NestedFlushVirtualHypercall) != 0
            && VpAssistAllowsDirectHypercall(memory, state.VpAssistPageGpa);
    }

#endif

#if AMD_SVM
    /// <summary>
    /// G-02 <c>nested_svm_l2_tlb_flush_enabled</c> (SVM): Hyper-V state exists, vmcb12's
    /// EnlightenmentsControl (offset 0x3E0) bit 0 is set and the VP assist page's Features bit 0
    /// is set. No eVMCS is involved.
    /// </summary>
    public static bool IsSvmGateOpen(NestedSvmState state, GuestMemory memory)
    {
        if (!state.HasHyperVState || state.VpAssistPageGpa == NestedSvmState.InvalidGpa)
            return false;
        return memory.TryReadUInt32(state.Vmcb12Gpa + VmcbLayout.HvEnlightenmentsControl, out uint control)
            && (control & (uint)HvEnlightenmentsControl.NestedFlushVirtualHypercall) != 0
            && VpAssistAllowsDirectHypercall(memory, state.VpAssistPageGpa);
    }
#endif

    /// <summary>
    /// G-04 <c>kvm_hv_is_tlb_flush_hcall</c>: the call code (RCX[15:0] or EAX[15:0]; fast and nested
    /// bits ignored) is one of the four virtual-address flush calls.
    /// </summary>
    public static bool IsTlbFlushHypercall(ushort callCode) =>
        callCode is FlushVirtualAddressSpace or FlushVirtualAddressList
            or FlushVirtualAddressSpaceEx or FlushVirtualAddressListEx;

    /// <summary>
    /// G-05: L0 handles an L2 VMCALL/VMMCALL iff the CPUID direct-flush bit (G-03), the gate
    /// (G-01 or G-02) and the flush call code (G-04) all hold.
    /// </summary>
    public static bool L0HandlesL2Hypercall(bool cpuidDirectFlush, bool gateOpen, ushort callCode) =>
        cpuidDirectFlush && gateOpen && IsTlbFlushHypercall(callCode);

    private static bool VpAssistAllowsDirectHypercall(GuestMemory memory, ulong vpAssistGpa) =>
        new VpAssistPage(memory, vpAssistGpa).TryReadFeatures(out VpAssistFeatures features)
        && (features & VpAssistFeatures.DirectHypercall) != 0;
}
