namespace NestedVirt.Nested;

/// <summary>
/// Guest-state fields of one VMCS as the model keeps them: the vmcs12 copy L1 sees, the live L2
/// state in vmcs02, or L1's own state in vmcs01. Grouped as the eVMCS clean fields: GUEST_BASIC
/// (RSP, RFLAGS, interruptibility), GUEST_GRP1, GUEST_GRP2 (<see cref="Segments"/>), and the guest
/// registers of CRDR; RIP belongs to no group (always copied).
/// </summary>
public struct VmxGuestState
{
    /// <summary>RIP (eVMCS group NONE: always copied).</summary>
    public ulong Rip;

    /// <summary>RSP (GUEST_BASIC).</summary>
    public ulong Rsp;

    /// <summary>RFLAGS (GUEST_BASIC). Bit 1 is reserved and must be 1.</summary>
    public ulong Rflags;

    /// <summary>CR0 (CRDR).</summary>
    public ulong Cr0;

    /// <summary>CR3 (CRDR).</summary>
    public ulong Cr3;

    /// <summary>CR4 (CRDR).</summary>
    public ulong Cr4;

    /// <summary>DR7 (CRDR).</summary>
    public ulong Dr7;

    /// <summary>IA32_EFER (GUEST_GRP1).</summary>
    public ulong Efer;

    /// <summary>IA32_PAT (GUEST_GRP1).</summary>
    public ulong Pat;

    /// <summary>IA32_DEBUGCTL (GUEST_GRP1).</summary>
    public ulong DebugCtl;

    /// <summary>Pending debug exceptions (GUEST_GRP1; synced with the rare group).</summary>
    public ulong PendingDebugExceptions;

    /// <summary>IA32_SYSENTER_ESP (GUEST_GRP1).</summary>
    public ulong SysenterEsp;

    /// <summary>IA32_SYSENTER_EIP (GUEST_GRP1).</summary>
    public ulong SysenterEip;

    /// <summary>PDPTE 0 (GUEST_GRP1; used with PAE paging under EPT).</summary>
    public ulong Pdpte0;

    /// <summary>PDPTE 1.</summary>
    public ulong Pdpte1;

    /// <summary>PDPTE 2.</summary>
    public ulong Pdpte2;

    /// <summary>PDPTE 3.</summary>
    public ulong Pdpte3;

    /// <summary>IA32_SYSENTER_CS (GUEST_GRP1).</summary>
    public uint SysenterCs;

    /// <summary>Interruptibility state (GUEST_BASIC): bit 0 blocking by STI, bit 1 blocking by MOV SS.</summary>
    public uint Interruptibility;

    /// <summary>Activity state (GUEST_GRP1): 0 active, 1 HLT, 2 shutdown, 3 wait-for-SIPI.</summary>
    public uint ActivityState;

    /// <summary>Segment selectors, limits, access rights and bases (GUEST_GRP2).</summary>
    public GuestSegmentFields Segments;

    /// <summary>Interruptibility bit 1: blocking by MOV SS (SDM Vol 3C §25.4.2 Table 25-3).</summary>
    public const uint BlockingByMovSs = 1u << 1;

    /// <summary>True when CR0.PG, CR4.PAE are set and EFER.LMA is clear (PAE paging: PDPTRs matter).</summary>
    public readonly bool IsPaePaging =>
        (Cr0 & (1UL << 31)) != 0 && (Cr4 & (1UL << 5)) != 0 && (Efer & (1UL << 10)) == 0;
}
