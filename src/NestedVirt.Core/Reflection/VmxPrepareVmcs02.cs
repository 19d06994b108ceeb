using NestedVirt.Counters;
using NestedVirt.Memory;
using NestedVirt.Nested;

namespace NestedVirt.Reflection;

/// <summary>
/// <c>prepare_vmcs02</c> and <c>prepare_vmcs02_rare</c> (model 01 §4.2 step 6): vmcs12 is merged into
/// vmcs02. The rare part runs only when vmcs12 is dirty or an eVMCS is in use, and with an eVMCS the
/// GUEST_GRP2 and GUEST_GRP1 clean bits skip their groups (§4.3).
/// </summary>
internal static class VmxPrepareVmcs02
{
    public static void Run(NestedVmxState s, GuestMemory memory, EvmcsCleanFields clean, ref PathCounters c)
    {
        Vmcs12 v = s.Vmcs12;
        ref VmxGuestState g = ref v.Guest;
        ref VmxGuestState l2 = ref s.L2;
        bool evmcs = s.IsEvmcsInUse;
        bool loadPdptrs = false;

        if (s.DirtyVmcs12 || evmcs)
        {
            int rare = VmxFieldCounts.RareOther;
            if (!evmcs || (clean & EvmcsCleanFields.GuestGrp2) == 0)
            {
                l2.Segments = g.Segments;
                rare += VmxFieldCounts.RareGuestGrp2;
            }
            if (!evmcs || (clean & EvmcsCleanFields.GuestGrp1) == 0)
            {
                l2.SysenterCs = g.SysenterCs;
                l2.SysenterEsp = g.SysenterEsp;
                l2.SysenterEip = g.SysenterEip;
                l2.PendingDebugExceptions = g.PendingDebugExceptions;
                rare += VmxFieldCounts.RareGuestGrp1;
                if (s.L0UsesEpt)
                {
                    CopyPdptrs(ref g, ref l2);
                    rare += VmxFieldCounts.RareGuestGrp1Pdptrs;
                }
                loadPdptrs = true;
            }
            c.VmcsFieldsRead += rare;
            c.VmcsFieldsWritten += rare;
            s.DirtyVmcs12 = false;
        }

        l2.Dr7 = g.Dr7;
        l2.DebugCtl = g.DebugCtl;
        l2.Rflags = g.Rflags;
        l2.Pat = g.Pat;
        l2.Cr0 = g.Cr0;
        l2.Cr4 = g.Cr4;
        l2.Efer = g.Efer;
        l2.Cr3 = g.Cr3;
        l2.Rsp = g.Rsp;
        l2.Rip = g.Rip;
        l2.Interruptibility = g.Interruptibility;
        l2.ActivityState = g.ActivityState;
        int common = VmxFieldCounts.PrepareVmcs02Common;
        if (loadPdptrs && v.Has(SecondaryProcessorControls.EnableEpt) && g.IsPaePaging)
        {
            CopyPdptrs(ref g, ref l2);
            common += VmxFieldCounts.PrepareVmcs02Pdptrs;
        }
        c.VmcsFieldsRead += common;
        c.VmcsFieldsWritten += common;

        // Hyper-V as L1 only clears clean bits, never sets them: L0 marks everything clean.
        if (evmcs)
        {
            new EnlightenedVmcs(memory, s.EvmcsGpa).TryWriteCleanFields(EvmcsCleanFields.All);
            c.GuestBytesWritten += sizeof(uint);
        }
    }

    private static void CopyPdptrs(ref VmxGuestState from, ref VmxGuestState to)
    {
        to.Pdpte0 = from.Pdpte0;
        to.Pdpte1 = from.Pdpte1;
        to.Pdpte2 = from.Pdpte2;
        to.Pdpte3 = from.Pdpte3;
    }
}
