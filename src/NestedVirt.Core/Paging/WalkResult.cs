using System.Runtime.InteropServices;

namespace NestedVirt.Paging;

/// <summary>
/// The result of a walk: a 24-byte value filled once and returned by value (as iced's
/// <c>Instruction</c>). On success <see cref="Address"/> is the output address; on a fault it is
/// the faulting address (the guest-physical address for a nested fault, as the VMCS
/// GUEST_PHYSICAL_ADDRESS field / EXITINFO2; the linear address for a guest fault, as CR2).
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public readonly struct WalkResult
{
    /// <summary>Size pinned by a unit test.</summary>
    internal const int TotalSize = 24;

    /// <summary>Output address on success; faulting address otherwise.</summary>
    public readonly ulong Address;

    /// <summary>
    /// Fault information in the format's own encoding: the EPT-violation exit qualification
    /// (SDM 3C 29.3.3.2; 0 for a misconfiguration), the #NPF EXITINFO1 error code (APM 2 15.25.6,
    /// bits 32/33 included), or the #PF error code for a guest-stage fault. 0 on success.
    /// </summary>
    public readonly ulong FaultCode;

    /// <summary>Outcome.</summary>
    public readonly WalkStatus Status;

    /// <summary>Size of the page the translation ended in.</summary>
    public readonly PageSize PageSize;

    /// <summary>Level (5 to 1) of the last entry read: the leaf on success, the failing entry on a fault.</summary>
    public readonly byte Level;

    /// <summary>AND of the rights of every entry read (up to and including the failing one).</summary>
    public readonly PageAccess Permissions;

    /// <summary>Which dimension failed.</summary>
    public readonly FaultStage Stage;

    private readonly byte reserved;

    /// <summary>Page-table entries read from memory, in both dimensions, cache hits excluded.</summary>
    public readonly ushort EntriesRead;

    internal WalkResult(ulong address, ulong faultCode, WalkStatus status, PageSize pageSize, int level,
        PageAccess permissions, FaultStage stage, int entriesRead)
    {
        Address = address;
        FaultCode = faultCode;
        Status = status;
        PageSize = pageSize;
        Level = (byte)level;
        Permissions = permissions;
        Stage = stage;
        reserved = 0;
        EntriesRead = (ushort)entriesRead;
    }

    /// <summary>True when the walk translated the address.</summary>
    public bool IsTranslated => Status == WalkStatus.Translated;

    /// <summary>A copy with <see cref="EntriesRead"/> replaced (2-D walks add the nested reads).</summary>
    internal WalkResult WithEntriesRead(int entriesRead) =>
        new(Address, FaultCode, Status, PageSize, Level, Permissions, Stage, entriesRead);

    /// <inheritdoc/>
    public override string ToString() =>
        Status == WalkStatus.Translated
            ? $"Translated 0x{Address:X} ({PageSize}, level {Level}, {Permissions}, {EntriesRead} reads)"
            : $"{Status} at 0x{Address:X} ({Stage}, level {Level}, code 0x{FaultCode:X}, {EntriesRead} reads)";
}
