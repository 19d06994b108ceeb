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
        VmxExitReason reason = (VmxExitReason)exit.VmxReason.Basic;
        switch (reason)
        {
            case VmxExitReason.ExceptionOrNmi:
            {
                var info = new VmxInterruptionInfo(exit.InterruptionInfo);
                // NMIs and #PF always reach L1 here: L0 kept the ones it needed in L0WantsExit.
                if (info.IsNmi || info.IsException(ExceptionVector.PageFault))
                    return true;
                // x86 shifts by the count mod 32, as KVM's "1u << vector" does on the hardware it runs on.
                return ((vmcs12.ExceptionBitmap >> (info.Vector & 31)) & 1) != 0;
            }
            case VmxExitReason.ExternalInterrupt:
                return vmcs12.Has(PinBasedControls.ExternalInterruptExiting);
            case VmxExitReason.TripleFault:
            case VmxExitReason.TaskSwitch:
            case VmxExitReason.Cpuid:
            case VmxExitReason.Invd:
            case VmxExitReason.InvalidGuestState:
            case VmxExitReason.MceDuringVmentry:
            case VmxExitReason.Xsetbv:
                // Unconditional exits in VMX non-root operation: L1 must see them to emulate L2.
                return true;
            case VmxExitReason.InterruptWindow:
                return vmcs12.Has(PrimaryProcessorControls.InterruptWindowExiting);
            case VmxExitReason.NmiWindow:
                return vmcs12.Has(PrimaryProcessorControls.NmiWindowExiting);
            case VmxExitReason.Hlt:
                return vmcs12.Has(PrimaryProcessorControls.HltExiting);
            case VmxExitReason.Invlpg:
                return vmcs12.Has(PrimaryProcessorControls.InvlpgExiting);
            case VmxExitReason.Rdpmc:
                return vmcs12.Has(PrimaryProcessorControls.RdpmcExiting);
            case VmxExitReason.Rdrand:
                return vmcs12.Has(SecondaryProcessorControls.RdrandExiting);
            case VmxExitReason.Rdseed:
                return vmcs12.Has(SecondaryProcessorControls.RdseedExiting);
            case VmxExitReason.Rdtsc:
            case VmxExitReason.Rdtscp:
                // One control covers both: RDTSCP exits through "RDTSC exiting" (SDM Vol 3C §26.1.3).
                return vmcs12.Has(PrimaryProcessorControls.RdtscExiting);
            case VmxExitReason.Vmread:
                return VmxInterceptBitmaps.VmcsAccessWantsExit(vmcs12, memory, exit.Operand, write: false, ref counters);
            case VmxExitReason.Vmwrite:
                return VmxInterceptBitmaps.VmcsAccessWantsExit(vmcs12, memory, exit.Operand, write: true, ref counters);
            case VmxExitReason.Vmcall:
            case VmxExitReason.Vmclear:
            case VmxExitReason.Vmlaunch:
            case VmxExitReason.Vmptrld:
            case VmxExitReason.Vmptrst:
            case VmxExitReason.Vmresume:
            case VmxExitReason.Vmxoff:
            case VmxExitReason.Vmxon:
            case VmxExitReason.Invept:
            case VmxExitReason.Invvpid:
                // VMX instructions trap unconditionally; reflecting them lets L1 emulate them for
                // its own guest, which is what makes a third level possible.
                return true;
            case VmxExitReason.CrAccess:
                return CrAccessWantsExit(vmcs12, new CrAccessQualification(exit.Qualification), exit.Operand);
            case VmxExitReason.DrAccess:
                return vmcs12.Has(PrimaryProcessorControls.MovDrExiting);
            case VmxExitReason.IoInstruction:
            {
                var io = new VmxIoQualification(exit.Qualification);
                return VmxInterceptBitmaps.IoWantsExit(vmcs12, memory, io.Port, io.Size, ref counters);
            }
            case VmxExitReason.GdtrIdtrAccess:
            case VmxExitReason.LdtrTrAccess:
                return vmcs12.Has(SecondaryProcessorControls.DescriptorTableExiting);
            case VmxExitReason.MsrRead:
                return VmxInterceptBitmaps.MsrWantsExit(vmcs12, memory, (uint)exit.Operand, write: false, ref counters);
            case VmxExitReason.MsrWrite:
                return VmxInterceptBitmaps.MsrWantsExit(vmcs12, memory, (uint)exit.Operand, write: true, ref counters);
            case VmxExitReason.MsrReadImm:
                // The immediate forms carry the MSR index in the exit qualification, not in ECX.
                return VmxInterceptBitmaps.MsrWantsExit(vmcs12, memory, (uint)exit.Qualification, write: false, ref counters);
            case VmxExitReason.MsrWriteImm:
                return VmxInterceptBitmaps.MsrWantsExit(vmcs12, memory, (uint)exit.Qualification, write: true, ref counters);
            case VmxExitReason.Mwait:
                return vmcs12.Has(PrimaryProcessorControls.MwaitExiting);
            case VmxExitReason.MonitorTrapFlag:
                // An MTF exit is also what L1 gets after injecting "other event" type 7 vector 0.
                return vmcs12.Has(PrimaryProcessorControls.MonitorTrapFlag)
                    || vmcs12.EntryInterruptionInfo == PendingMtfInjection;
            case VmxExitReason.Monitor:
                return vmcs12.Has(PrimaryProcessorControls.MonitorExiting);
            case VmxExitReason.Pause:
                return vmcs12.Has(PrimaryProcessorControls.PauseExiting)
                    || vmcs12.Has(SecondaryProcessorControls.PauseLoopExiting);
            case VmxExitReason.TprBelowThreshold:
                return vmcs12.Has(PrimaryProcessorControls.UseTprShadow);
            case VmxExitReason.ApicAccess:
            case VmxExitReason.ApicWrite:
            case VmxExitReason.EoiInduced:
                // "Virtualize APIC accesses", APIC-register virtualization and virtual-interrupt
                // delivery come only from vmcs12, so only L1 can have caused these exits.
                return true;
            case VmxExitReason.Invpcid:
                return vmcs12.Has(SecondaryProcessorControls.EnableInvpcid)
                    && vmcs12.Has(PrimaryProcessorControls.InvlpgExiting);
            case VmxExitReason.Wbinvd:
                return vmcs12.Has(SecondaryProcessorControls.WbinvdExiting);
            case VmxExitReason.Xsaves:
            case VmxExitReason.Xrstors:
                // vmcs02 carries vmcs12's XSS-exiting bitmap verbatim, so any such exit is L1's.
                return true;
            case VmxExitReason.Umwait:
            case VmxExitReason.Tpause:
                return vmcs12.Has(SecondaryProcessorControls.EnableUserWaitPause);
            case VmxExitReason.Encls:
                return EnclsWantsExit(state, (uint)exit.Operand);
            case VmxExitReason.Notify:
                // Notify exits are not exposed to L1.
                return false;
            case VmxExitReason.Seamcall:
            case VmxExitReason.Tdcall:
                // They always exit but are not virtualized for L1, so L1 never expects them.
                return false;
            default:
                return true;
        }
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
