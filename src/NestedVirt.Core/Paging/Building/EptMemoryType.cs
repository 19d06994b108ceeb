namespace NestedVirt.Paging.Building;

/// <summary>EPT leaf memory types, bits 5:3 (SDM 3C 29.3.7). 2, 3 and 7 are invalid (E-04).</summary>
public enum EptMemoryType : byte
{
    /// <summary>Uncacheable.</summary>
    Uncacheable = 0,

    /// <summary>Write combining.</summary>
    WriteCombining = 1,

    /// <summary>Write through.</summary>
    WriteThrough = 4,

    /// <summary>Write protected.</summary>
    WriteProtected = 5,

    /// <summary>Write back.</summary>
    WriteBack = 6,
}
