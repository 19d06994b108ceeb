using NestedVirt.Nested;

namespace NestedVirt.Reflection;

/// <summary>
/// The VM-entry checks the model can see (model 01 §4.2 steps 4–5; SDM Vol 3C §27.2–27.3, §26.2–26.3
/// in older editions). KVM checks much more; these are the ones a test or a malformed model state
/// can trip.
/// </summary>
internal static class VmxEntryChecks
{
    private const ulong Cr0Pe = 1UL << 0;
    private const ulong Cr0Pg = 1UL << 31;
    private const ulong RflagsReserved1 = 1UL << 1;
    private const ulong EferLma = 1UL << 10;
    private const uint MaxActivityState = 3;

    /// <summary>model 01 §4.2 step 4, in KVM's order: MOV-SS blocking, launch state, controls, host state.</summary>
    public static VmInstructionError BeforeEntry(NestedVmxState s, bool launch)
    {
        Vmcs12 v = s.Vmcs12;
        if ((s.L1.Interruptibility & VmxGuestState.BlockingByMovSs) != 0)
            return VmInstructionError.EntryEventsBlockedByMovSs;
        if (launch && v.Launched)
            return VmInstructionError.VmlaunchNonClearVmcs;
        if (!launch && !v.Launched)
            return VmInstructionError.VmresumeNonLaunchedVmcs;
        if (!ControlsValid(v))
            return VmInstructionError.EntryInvalidControlFields;
        if (!HostStateValid(v, s.L1))
            return VmInstructionError.EntryInvalidHostStateFields;
        return VmInstructionError.None;
    }

    /// <summary>A subset of SDM Vol 3C §27.2.1 (control checks) that the model can see.</summary>
    private static bool ControlsValid(Vmcs12 v)
    {
        const ulong PageOffset = 0xFFF;
        const ulong MsrListAlignment = 0xF;
        if (v.Has(PrimaryProcessorControls.UseIoBitmaps) && ((v.IoBitmapA | v.IoBitmapB) & PageOffset) != 0)
            return false;
        if (v.Has(PrimaryProcessorControls.UseMsrBitmaps) && (v.MsrBitmap & PageOffset) != 0)
            return false;
        if (v.Has(SecondaryProcessorControls.VmcsShadowing) && ((v.VmreadBitmap | v.VmwriteBitmap) & PageOffset) != 0)
            return false;
        // Virtual NMIs need NMI exiting, and NMI-window exiting needs virtual NMIs.
        if (!v.Has(PinBasedControls.NmiExiting) && v.Has(PinBasedControls.VirtualNmis))
            return false;
        if (!v.Has(PinBasedControls.VirtualNmis) && v.Has(PrimaryProcessorControls.NmiWindowExiting))
            return false;
        // MSR-list addresses must be 16-byte aligned.
        ulong lists = (v.ExitMsrStoreCount != 0 ? v.ExitMsrStoreAddress : 0)
            | (v.ExitMsrLoadCount != 0 ? v.ExitMsrLoadAddress : 0)
            | (v.EntryMsrLoadCount != 0 ? v.EntryMsrLoadAddress : 0);
        return (lists & MsrListAlignment) == 0;
    }

    /// <summary>SDM Vol 3C §27.2.4: "host address-space size" must match L1's IA-32e mode; a 64-bit host RIP must be canonical.</summary>
    private static bool HostStateValid(Vmcs12 v, in VmxGuestState l1)
    {
        bool hostLongMode = (v.ExitControls & VmExitControls.HostAddressSpaceSize) != 0;
        if (hostLongMode != ((l1.Efer & EferLma) != 0))
            return false;
        long rip = (long)v.HostRip;
        return !hostLongMode || (rip << 16 >> 16) == rip;
    }

    /// <summary>A subset of SDM Vol 3C §27.3.1 (guest-state checks).</summary>
    public static bool GuestStateValid(in VmxGuestState g) =>
        (g.Rflags & RflagsReserved1) != 0
        && ((g.Cr0 & Cr0Pg) == 0 || (g.Cr0 & Cr0Pe) != 0)
        && g.ActivityState <= MaxActivityState;
}
