namespace NestedVirt.Nested;

/// <summary>
/// L0's cached copy of vmcs12 (KVM <c>cached_vmcs12</c>), the VMCS L1 maintains for L2, with the
/// fields the routing and reflection models read, grouped as the eVMCS clean-field groups
/// (<see cref="EvmcsCleanFields"/>). Allocated once per vCPU; the model never allocates afterwards.
/// </summary>
/// <remarks>
/// This is L0 memory, not L1 memory: the pages vmcs12 points at (bitmaps, MSR lists) and the eVMCS
/// itself are read through <c>GuestMemory</c> at their GPAs. Fields of a group that the model only
/// counts (e.g. host segment selectors) are not stored; <c>VmxFieldCounts</c> says how many exist.
/// </remarks>
public sealed class Vmcs12
{
    // --- group NONE (always copied from the eVMCS) ---

    /// <summary>TPR threshold (eVMCS group NONE; GUEST_RIP is <see cref="VmxGuestState.Rip"/>).</summary>
    public uint TprThreshold;

    // --- IO_BITMAP, MSR_BITMAP ---

    /// <summary>GPA of I/O bitmap A (ports 0x0000–0x7FFF); eVMCS IO_BITMAP.</summary>
    public ulong IoBitmapA;

    /// <summary>GPA of I/O bitmap B (ports 0x8000–0xFFFF); eVMCS IO_BITMAP.</summary>
    public ulong IoBitmapB;

    /// <summary>GPA of the 4 KiB MSR bitmap; eVMCS MSR_BITMAP.</summary>
    public ulong MsrBitmap;

    // --- CONTROL_GRP1, CONTROL_PROC, CONTROL_EXCPN, CONTROL_ENTRY, CONTROL_EVENT ---

    /// <summary>Pin-based controls (CONTROL_GRP1).</summary>
    public PinBasedControls PinControls;

    /// <summary>VM-exit controls (CONTROL_GRP1).</summary>
    public VmExitControls ExitControls;

    /// <summary>Secondary processor-based controls (CONTROL_GRP1).</summary>
    public SecondaryProcessorControls SecondaryControls;

    /// <summary>Primary processor-based controls (CONTROL_PROC).</summary>
    public PrimaryProcessorControls PrimaryControls;

    /// <summary>Exception bitmap, bit n = exit on vector n (CONTROL_EXCPN).</summary>
    public uint ExceptionBitmap;

    /// <summary>VM-entry controls (CONTROL_ENTRY).</summary>
    public VmEntryControls EntryControls;

    /// <summary>VM-entry interruption information (CONTROL_EVENT); <c>0x80000700</c> injects a pending MTF.</summary>
    public uint EntryInterruptionInfo;

    /// <summary>VM-entry exception error code (CONTROL_EVENT).</summary>
    public uint EntryExceptionErrorCode;

    /// <summary>VM-entry instruction length (CONTROL_EVENT).</summary>
    public uint EntryInstructionLength;

    // --- CONTROL_GRP2, CONTROL_XLAT ---

    /// <summary>TSC offset (CONTROL_GRP2).</summary>
    public ulong TscOffset;

    /// <summary>ENCLS-exiting bitmap, bit n = exit on leaf n, leaves above 62 use bit 63 (CONTROL_GRP2).</summary>
    public ulong EnclsExitingBitmap;

    /// <summary>EPT pointer (CONTROL_XLAT).</summary>
    public ulong EptPointer;

    // --- CRDR (the guest registers of the group live in Guest) ---

    /// <summary>CR0 guest/host mask: set bits are owned by L1 (CRDR).</summary>
    public ulong Cr0GuestHostMask;

    /// <summary>CR4 guest/host mask (CRDR).</summary>
    public ulong Cr4GuestHostMask;

    /// <summary>CR0 read shadow (CRDR).</summary>
    public ulong Cr0ReadShadow;

    /// <summary>CR4 read shadow (CRDR).</summary>
    public ulong Cr4ReadShadow;

    // --- guest state: GUEST_BASIC, GUEST_GRP1, GUEST_GRP2, CRDR registers ---

    /// <summary>L2's guest state as L1 last saw or set it.</summary>
    public VmxGuestState Guest;

    /// <summary>VMCS link pointer (GUEST_GRP1); <see cref="NestedVmxState.InvalidGpa"/> when unused.</summary>
    public ulong VmcsLinkPointer = NestedVmxState.InvalidGpa;

    // --- HOST_GRP1, HOST_POINTER (only the registers L1 resumes with are stored) ---

    /// <summary>Host RIP: where L1 resumes after a nested VM exit (HOST_GRP1).</summary>
    public ulong HostRip;

    /// <summary>Host RSP (HOST_POINTER).</summary>
    public ulong HostRsp;

    /// <summary>Host CR0 (HOST_GRP1).</summary>
    public ulong HostCr0;

    /// <summary>Host CR3 (HOST_GRP1).</summary>
    public ulong HostCr3;

    /// <summary>Host CR4 (HOST_GRP1).</summary>
    public ulong HostCr4;

    /// <summary>Host IA32_EFER (HOST_GRP1).</summary>
    public ulong HostEfer;

    // --- fields outside the eVMCS v1 ---

    /// <summary>GPA of the VMREAD bitmap (VMCS shadowing; not supported by eVMCS v1).</summary>
    public ulong VmreadBitmap;

    /// <summary>GPA of the VMWRITE bitmap (VMCS shadowing; not supported by eVMCS v1).</summary>
    public ulong VmwriteBitmap;

    /// <summary>GPA of the VM-exit MSR-store list (16-byte entries).</summary>
    public ulong ExitMsrStoreAddress;

    /// <summary>Entries in the VM-exit MSR-store list.</summary>
    public uint ExitMsrStoreCount;

    /// <summary>GPA of the VM-exit MSR-load list.</summary>
    public ulong ExitMsrLoadAddress;

    /// <summary>Entries in the VM-exit MSR-load list.</summary>
    public uint ExitMsrLoadCount;

    /// <summary>GPA of the VM-entry MSR-load list.</summary>
    public ulong EntryMsrLoadAddress;

    /// <summary>Entries in the VM-entry MSR-load list.</summary>
    public uint EntryMsrLoadCount;

    /// <summary>Launch state: true after a VMLAUNCH that reached L2 ("launched").</summary>
    public bool Launched;

    // --- read-only exit-information fields (written by prepare_vmcs12) ---

    /// <summary>Exit reason L1 reads (full 32-bit field).</summary>
    public uint ExitReason;

    /// <summary>Exit qualification L1 reads.</summary>
    public ulong ExitQualification;

    /// <summary>Guest-linear address L1 reads.</summary>
    public ulong GuestLinearAddress;

    /// <summary>Guest-physical address L1 reads.</summary>
    public ulong GuestPhysicalAddress;

    /// <summary>VM-exit interruption information L1 reads.</summary>
    public uint ExitInterruptionInfo;

    /// <summary>VM-exit interruption error code L1 reads (copied only for exceptions with an error code, D-04).</summary>
    public uint ExitInterruptionErrorCode;

    /// <summary>IDT-vectoring information (event being delivered when the exit happened).</summary>
    public uint IdtVectoringInfo;

    /// <summary>VM-exit instruction length L1 reads.</summary>
    public uint ExitInstructionLength;

    /// <summary>VM-instruction error of the last VMfailValid.</summary>
    public VmInstructionError InstructionError;

    /// <summary>True when <paramref name="control"/> is set in the primary controls.</summary>
    public bool Has(PrimaryProcessorControls control) => (PrimaryControls & control) == control;

    /// <summary>
    /// True when <paramref name="control"/> is set and secondary controls are activated: without
    /// "activate secondary controls" every secondary control is treated as 0 (SDM Vol 3C §25.6.2;
    /// KVM <c>nested_cpu_has2</c>).
    /// </summary>
    public bool Has(SecondaryProcessorControls control) =>
        (PrimaryControls & PrimaryProcessorControls.ActivateSecondaryControls) != 0
        && (SecondaryControls & control) == control;

    /// <summary>True when <paramref name="control"/> is set in the pin-based controls.</summary>
    public bool Has(PinBasedControls control) => (PinControls & control) == control;
}
