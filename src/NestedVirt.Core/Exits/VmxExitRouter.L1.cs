using NestedVirt.Counters;
using NestedVirt.Memory;
using NestedVirt.Nested;

namespace NestedVirt.Exits;

// L1's side of the VMX routing decision (model 01 §3.3).
public static partial class VmxExitRouter
{
    /// <summary>VM-entry interruption info that injects a pending MTF: valid, type 7 (other event), vector 0.</summary>
    public const uint PendingMtfInjection = VmxInterruptionInfo.ValidBit | ((uint)InterruptionType.OtherEvent << 8);

    private const ulong Cr0Ts = 1UL << 3;

    /// <summary>
    /// <c>nested_vmx_l1_wants_exit</c> (model 01 §3.3): true when vmcs12 asks for the exit. Default
    /// true: an exit L0 does not understand goes to L1. Bitmap lookups read L1 memory.
    /// </summary>
    public static bool L1WantsExit(in ExitInfo exit, NestedVmxState state, GuestMemory memory, ref PathCounters counters)
    {
        Vmcs12 vmcs12 = state.Vmcs12;
        VmxExitRow row = VmxExitRow.For(exit.VmxReason.Basic);

        // The rows are data (VmxExitRow.cs): a control-bit row is one AND, and the few rows with
        // logic of their own are tested hottest first, so no exit jumps through a 60-way switch
        // (the indirect jump a mix of exits makes the predictor miss).
        if (row.Kind <= VmxExitRowKind.Secondary)
        {
            uint primary = (uint)vmcs12.PrimaryControls;
            // Without "activate secondary controls" (bit 31) every secondary control reads as 0
            // (SDM Vol 3C §25.6.2; KVM nested_cpu_has2), as Vmcs12.Has does.
            uint secondary = (uint)vmcs12.SecondaryControls & (0u - (primary >> 31));
            uint word = row.Kind == VmxExitRowKind.Pin ? (uint)vmcs12.PinControls
                : row.Kind == VmxExitRowKind.Secondary ? secondary
                : primary;
            return ((word & row.Mask) | row.Always) != 0;
        }

        // Hottest first in the mix of model 01 §1.1; an if chain, since a switch here would be
        // compiled to the jump table this layout exists to avoid.
        VmxExitRowKind kind = row.Kind;
        if (kind == VmxExitRowKind.MsrBitmap)
        {
            // The immediate forms carry the MSR index in the exit qualification, not in ECX.
            uint msr = row.IndexInQualification ? (uint)exit.Qualification : (uint)exit.Operand;
            return VmxInterceptBitmaps.MsrWantsExit(vmcs12, memory, msr, row.Write, ref counters);
        }
        if (kind == VmxExitRowKind.IoBitmap)
        {
            var io = new VmxIoQualification(exit.Qualification);
            return VmxInterceptBitmaps.IoWantsExit(vmcs12, memory, io.Port, io.Size, ref counters);
        }
        if (kind == VmxExitRowKind.CrAccess)
            return CrAccessWantsExit(vmcs12, new CrAccessQualification(exit.Qualification), exit.Operand);
        if (kind == VmxExitRowKind.ExceptionBitmap)
        {
            var info = new VmxInterruptionInfo(exit.InterruptionInfo);
            // NMIs and #PF always reach L1 here: L0 kept the ones it needed in L0WantsExit.
            if (info.IsNmi || info.IsException(ExceptionVector.PageFault))
                return true;
            // x86 shifts by the count mod 32, as KVM's "1u << vector" does on the hardware it runs on.
            return ((vmcs12.ExceptionBitmap >> (info.Vector & 31)) & 1) != 0;
        }
        if (kind == VmxExitRowKind.VmcsBitmap)
            return VmxInterceptBitmaps.VmcsAccessWantsExit(vmcs12, memory, exit.Operand, row.Write, ref counters);
        if (kind == VmxExitRowKind.Pause)
        {
            return vmcs12.Has(PrimaryProcessorControls.PauseExiting)
                || vmcs12.Has(SecondaryProcessorControls.PauseLoopExiting);
        }
        if (kind == VmxExitRowKind.MonitorTrapFlag)
        {
            // An MTF exit is also what L1 gets after injecting "other event" type 7 vector 0.
            return vmcs12.Has(PrimaryProcessorControls.MonitorTrapFlag)
                || vmcs12.EntryInterruptionInfo == PendingMtfInjection;
        }
        if (kind == VmxExitRowKind.Invpcid)
        {
            return vmcs12.Has(SecondaryProcessorControls.EnableInvpcid)
                && vmcs12.Has(PrimaryProcessorControls.InvlpgExiting);
        }
        return EnclsWantsExit(state, (uint)exit.Operand);
    }

    private static bool CrAccessWantsExit(Vmcs12 vmcs12, CrAccessQualification q, ulong value)
    {
        switch (q.AccessType)
        {
            case CrAccessType.MovToCr:
                return q.ControlRegister switch
                {
                    // A write exits to L1 only if it changes a bit L1 owns relative to what L1 shows L2.
                    0 => (vmcs12.Cr0GuestHostMask & (value ^ vmcs12.Cr0ReadShadow)) != 0,
                    3 => vmcs12.Has(PrimaryProcessorControls.Cr3LoadExiting),
                    4 => (vmcs12.Cr4GuestHostMask & (value ^ vmcs12.Cr4ReadShadow)) != 0,
                    8 => vmcs12.Has(PrimaryProcessorControls.Cr8LoadExiting),
                    _ => false,
                };
            case CrAccessType.MovFromCr:
                return q.ControlRegister switch
                {
                    3 => vmcs12.Has(PrimaryProcessorControls.Cr3StoreExiting),
                    8 => vmcs12.Has(PrimaryProcessorControls.Cr8StoreExiting),
                    _ => false,
                };
            case CrAccessType.Clts:
                // CLTS clears TS: it matters to L1 only if L1 owns TS and shows it set.
                return (vmcs12.Cr0GuestHostMask & Cr0Ts) != 0 && (vmcs12.Cr0ReadShadow & Cr0Ts) != 0;
            default:
            {
                // LMSW writes CR0 bits 3:0 but can only set PE (bit 0), never clear it.
                ulong source = (ulong)(q.LmswSourceData & 0xF);
                if ((vmcs12.Cr0GuestHostMask & 0xE & (source ^ vmcs12.Cr0ReadShadow)) != 0)
                    return true;
                return (vmcs12.Cr0GuestHostMask & 1) != 0 && (vmcs12.Cr0ReadShadow & 1) == 0 && (source & 1) != 0;
            }
        }
    }

    private static bool EnclsWantsExit(NestedVmxState state, uint leaf)
    {
        if (!state.SgxExposedToL1 || !state.Vmcs12.Has(SecondaryProcessorControls.EnclsExiting))
            return false;
        // Leaves above 62 share bit 63 of the ENCLS-exiting bitmap.
        int bit = leaf > 62 ? 63 : (int)leaf;
        return ((state.Vmcs12.EnclsExitingBitmap >> bit) & 1) != 0;
    }
}
