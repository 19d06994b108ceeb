namespace NestedVirt.Tests.Paging.Reference;

/// <summary>Everything a reference walk reports, in plain fields.</summary>
internal sealed class ReferenceResult
{
    public ReferenceStatus Status;

    /// <summary>Output address on success, faulting address otherwise.</summary>
    public ulong Address;

    public ulong FaultCode;

    /// <summary>Page-offset width of the page the walk ended in (12, 21, 30), 0 on a fault.</summary>
    public int PageSizeBits;

    public int Level;

    public bool CanRead;
    public bool CanWrite;
    public bool CanExecute;
    public bool CanUser;

    public ReferenceStage Stage;

    public int EntriesRead;

    /// <summary>Addresses (in L1's memory) of every entry read, in both dimensions.</summary>
    public List<ulong> Touched = [];

    public override string ToString() =>
        $"{Status} addr=0x{Address:X} code=0x{FaultCode:X} size={PageSizeBits} level={Level} "
        + $"rights={(CanRead ? "R" : "-")}{(CanWrite ? "W" : "-")}{(CanExecute ? "X" : "-")}{(CanUser ? "U" : "-")} "
        + $"stage={Stage} reads={EntriesRead}";
}
