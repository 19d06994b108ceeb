using NestedVirt.Paging;

namespace NestedVirt.Benchmarks.Paging.Native;

/// <summary>Which entry on the probe address's path a planted fault changes.</summary>
internal enum PlantedEntry
{
    /// <summary>L1's EPT/NPT entry at the level, on the path of the probe (1-D) or of the final address (2-D).</summary>
    Nested,

    /// <summary>L2's own entry at the level (2-D).</summary>
    Guest,

    /// <summary>L1's EPT/NPT entry at the level that maps the page holding L2's level-4 table (2-D).</summary>
    NestedOfGuestTable,
}

/// <summary>
/// One planted fault of a walker self test: set and clear bits in one entry, walk the probe with
/// an access, expect a status and the dimension that failed. Each case names the model 03 rule
/// it exercises.
/// </summary>
/// <param name="Rule">The rule and what was planted.</param>
/// <param name="Entry">Which entry is changed.</param>
/// <param name="Level">Its level (4 = PML4E ... 1 = PTE).</param>
/// <param name="Set">Bits set in it.</param>
/// <param name="Clear">Bits cleared in it.</param>
/// <param name="Intent">The access walked.</param>
/// <param name="Expected">The status the rule requires.</param>
/// <param name="Stage">The dimension that must fail (<see cref="FaultStage.None"/> when translated).</param>
internal readonly record struct PlantedFault(string Rule, PlantedEntry Entry, int Level, ulong Set, ulong Clear,
    AccessIntent Intent, WalkStatus Expected, FaultStage Stage)
{
    private const AccessIntent R = AccessIntent.Read;
    private const WalkStatus Misconfigured = WalkStatus.Misconfigured;
    private const WalkStatus NotPresent = WalkStatus.NotPresent;
    private const WalkStatus Permission = WalkStatus.PermissionFault;
    private const FaultStage Nested = FaultStage.Nested;
    private const FaultStage Guest = FaultStage.Guest;

    /// <summary>1-D EPT walks (model 03 §3; the fixture offers KVM's nested capabilities).</summary>
    public static IReadOnlyList<PlantedFault> Ept1D { get; } =
    [
        new("E-01 not present at the PTE", PlantedEntry.Nested, 1, 0, 7, R, NotPresent, Nested),
        new("E-01 not present at the PML4E", PlantedEntry.Nested, 4, 0, 7, R, NotPresent, Nested),
        new("E-02 write without read at the PDE", PlantedEntry.Nested, 2, 2, 1, R, Misconfigured, Nested),
        new("E-03 execute-only (offered) read", PlantedEntry.Nested, 1, 4, 3, R, Permission, Nested),
        new("E-04 memory type 2 at the PTE", PlantedEntry.Nested, 1, 2 << 3, 7 << 3, R, Misconfigured, Nested),
        new("E-05 bit 7 in the PML4E", PlantedEntry.Nested, 4, 0x80, 0, R, Misconfigured, Nested),
        new("E-05 bit 3 in a non-leaf PDE", PlantedEntry.Nested, 2, 0x8, 0, R, Misconfigured, Nested),
        new("E-05 bit 12 in a 2 MiB leaf", PlantedEntry.Nested, 2, 0x80 | 0x1000 | (6 << 3), 0, R, Misconfigured, Nested),
        new("E-06 not present before misconfigured", PlantedEntry.Nested, 1, 0x80 | (7 << 3), 7, R, NotPresent, Nested),
        new("E-07 write to a read-only PTE", PlantedEntry.Nested, 1, 0, 2, AccessIntent.Write, Permission, Nested),
        new("E-07 fetch without X in the PDPTE", PlantedEntry.Nested, 3, 0, 4, AccessIntent.Fetch, Permission, Nested),
        new("translated: read, write, fetch", PlantedEntry.Nested, 1, 0, 0, R | AccessIntent.Write | AccessIntent.Fetch, WalkStatus.Translated, FaultStage.None),
    ];

    /// <summary>1-D NPT walks (model 03 §5).</summary>
    public static IReadOnlyList<PlantedFault> Npt1D { get; } =
    [
        new("N-03 not present at the PTE", PlantedEntry.Nested, 1, 0, 1, R, NotPresent, Nested),
        new("N-03 not present at the PML4E", PlantedEntry.Nested, 4, 0, 1, R, NotPresent, Nested),
        new("N-04 PS in the PML4E", PlantedEntry.Nested, 4, 0x80, 0, R, Misconfigured, Nested),
        new("N-04 AMD bit 8 in the PML4E", PlantedEntry.Nested, 4, 0x100, 0, R, Misconfigured, Nested),
        new("N-04 bit 13 in a 2 MiB leaf", PlantedEntry.Nested, 2, 0x80 | 0x2000, 0, R, Misconfigured, Nested),
        new("N-05 U/S clear in the PDPTE", PlantedEntry.Nested, 3, 0, 4, R, Permission, Nested),
        new("N-05 write to a read-only PTE", PlantedEntry.Nested, 1, 0, 2, AccessIntent.Write, Permission, Nested),
        new("N-03 fetch from an NX PTE", PlantedEntry.Nested, 1, 1UL << 63, 0, AccessIntent.Fetch, Permission, Nested),
        new("translated: read, write, fetch", PlantedEntry.Nested, 1, 0, 0, R | AccessIntent.Write | AccessIntent.Fetch, WalkStatus.Translated, FaultStage.None),
    ];

    /// <summary>2-D walks over either nested format (W-14, E-08, N-06; SDM 3A 4.6 for the guest).</summary>
    public static IReadOnlyList<PlantedFault> TwoD { get; } =
    [
        new("guest PTE not present: #PF", PlantedEntry.Guest, 1, 0, 1, R, NotPresent, Guest),
        new("guest PS in the PML4E: #PF RSVD", PlantedEntry.Guest, 4, 0x80, 0, R, Misconfigured, Guest),
        new("guest U/S clear in the PDE, user read", PlantedEntry.Guest, 2, 0, 4, R | AccessIntent.User, Permission, Guest),
        new("guest read-only PTE, write, CR0.WP", PlantedEntry.Guest, 1, 0, 2, AccessIntent.Write, Permission, Guest),
        new("W-14 nested PTE of the final page absent", PlantedEntry.Nested, 1, 0, 7, R, NotPresent, Nested),
        new("W-14 nested PTE of the PML4 page absent", PlantedEntry.NestedOfGuestTable, 1, 0, 7, R, NotPresent, Nested),
        new("E-08/N-06 guest table page read-only", PlantedEntry.NestedOfGuestTable, 1, 0, 2, R, Permission, Nested),
        new("translated: user read and write", PlantedEntry.Guest, 1, 0, 0, R | AccessIntent.Write | AccessIntent.User, WalkStatus.Translated, FaultStage.None),
    ];
}
