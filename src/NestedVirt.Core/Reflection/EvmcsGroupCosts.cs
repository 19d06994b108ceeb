using NestedVirt.Nested;

namespace NestedVirt.Reflection;

/// <summary>
/// Fields <c>copy_enlightened_to_vmcs12</c> copies per eVMCS clean-field group when the group's
/// clean bit is 0 (model 01 §4.3 says the groups gate this copy but did not count it; the counts
/// here were read from <c>arch/x86/kvm/vmx/nested.c</c> in the RFC mirror). Each copied field is
/// one eVMCS read and one vmcs12 write.
/// </summary>
public static class EvmcsGroupCosts
{
    /// <summary>Fields copied whatever the clean bits say (group NONE: TPR threshold, guest RIP).</summary>
    public const int AlwaysCopied = 2;

    /// <summary>Fields copied when every group is dirty (2 always + 107 gated).</summary>
    public const int AllDirty = 109;

    /// <summary>Fields the given single group holds (0 for <see cref="EvmcsCleanFields.None"/> or a combination).</summary>
    public static int FieldsIn(EvmcsCleanFields group) => group switch
    {
        EvmcsCleanFields.IoBitmap => 2,
        EvmcsCleanFields.MsrBitmap => 1,
        EvmcsCleanFields.ControlGrp2 => 5,
        EvmcsCleanFields.ControlGrp1 => 3,
        EvmcsCleanFields.ControlProc => 1,
        EvmcsCleanFields.ControlEvent => 3,
        EvmcsCleanFields.ControlEntry => 1,
        EvmcsCleanFields.ControlExcpn => 1,
        EvmcsCleanFields.Crdr => 8,
        EvmcsCleanFields.ControlXlat => 2,
        EvmcsCleanFields.GuestBasic => 3,
        EvmcsCleanFields.GuestGrp1 => 15,
        EvmcsCleanFields.GuestGrp2 => 36,
        EvmcsCleanFields.HostPointer => 6,
        EvmcsCleanFields.HostGrp1 => 17,
        // Into KVM's Hyper-V vCPU state (partition assist page, VM id, VP id), not vmcs12.
        EvmcsCleanFields.EnlightenmentsControl => 3,
        _ => 0,
    };

    /// <summary>Fields copied from the eVMCS for the given clean bits: the always-copied ones plus every dirty group.</summary>
    public static int CopyCost(EvmcsCleanFields clean)
    {
        int total = AlwaysCopied;
        uint dirty = ~(uint)clean & (uint)EvmcsCleanFields.All;
        while (dirty != 0)
        {
            uint bit = dirty & (uint)-(int)dirty;
            total += FieldsIn((EvmcsCleanFields)bit);
            dirty &= dirty - 1;
        }
        return total;
    }
}
