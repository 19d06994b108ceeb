using NestedVirt.Counters;
using NestedVirt.Memory;
using NestedVirt.Nested;

namespace NestedVirt.Reflection;

/// <summary>
/// The enlightened VMPTRLD KVM performs on every VMLAUNCH/VMRESUME when eVMCS is enabled
/// (<c>nested_vmx_handle_enlightened_vmptrld</c>; model 01 §4.2 step 1): find the active eVMCS through
/// the VP assist page, map it when it changed, and distrust its clean fields after a switch.
/// </summary>
internal static class VmxEnlightenedVmptrld
{
    // KVM accepts either the eVMCS version or the VMCS12 revision id (Hyper-V writes the latter).
    private const uint Vmcs12Revision = 0x11e57ed0;

    public enum Result
    {
        Disabled,
        Succeeded,
        VmFail,
        Error,
    }

    public static Result Run(NestedVmxState s, GuestMemory memory, bool launch, ref PathCounters c)
    {
        if (!s.EnlightenedVmcsEnabled || s.VpAssistPageGpa == NestedVmxState.InvalidGpa)
            return Result.Disabled;

        // nested_get_evmptr refreshes KVM's copy of the VP assist page on every VMLAUNCH/VMRESUME.
        var assist = new VpAssistPage(memory, s.VpAssistPageGpa);
        if (!assist.TryReadEnlightenVmEntry(out bool enlightened) || !assist.TryReadCurrentNestedVmcs(out ulong gpa))
            return Result.Error;
        c.GuestBytesRead += sizeof(byte) + sizeof(ulong);
        if (!enlightened)
        {
            s.EvmcsGpa = NestedVmxState.InvalidGpa;
            return Result.Disabled;
        }

        bool changed = false;
        if (gpa != s.EvmcsGpa)
        {
            s.CurrentVmptr = NestedVmxState.InvalidGpa;
            s.EvmcsGpa = NestedVmxState.InvalidGpa;
            var candidate = new EnlightenedVmcs(memory, gpa);
            if (!candidate.TryReadVersion(out uint version))
                return Result.Error;
            c.GuestBytesRead += sizeof(uint);
            if (version != EnlightenedVmcs.SupportedVersion && version != Vmcs12Revision)
                return Result.VmFail;
            s.EvmcsGpa = gpa;
            changed = true;
        }

        // Clean fields cannot be trusted on VMLAUNCH or after switching to another L2's eVMCS.
        if (launch || changed)
        {
            new EnlightenedVmcs(memory, s.EvmcsGpa).TryWriteCleanFields(EvmcsCleanFields.None);
            c.GuestBytesWritten += sizeof(uint);
        }
        return Result.Succeeded;
    }
}
