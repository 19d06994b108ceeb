namespace NestedVirt.Paging.Building;

/// <summary>Entry layout a builder writes.</summary>
public enum PageTableKind : byte
{
    /// <summary>Intel EPT entries (<see cref="EptFormat"/>).</summary>
    Ept,

    /// <summary>x86-64 entries: AMD NPT (<see cref="NptFormat"/>) and L2's own tables (<see cref="X64GuestFormat"/>).</summary>
    X64,
}
