namespace NestedVirt.Tests.Paging.Reference;

/// <summary>Entry layout the reference walker reads.</summary>
internal enum ReferenceFormat
{
    /// <summary>Intel EPT (model 03 §1).</summary>
    Ept,

    /// <summary>AMD nested page tables: x86-64 entries, every access a user access (N-02..N-05).</summary>
    Npt,

    /// <summary>L2's own long-mode tables (SDM 3A 4.5).</summary>
    Guest,
}

/// <summary>Outcome of a reference walk, with the meanings of the core's statuses.</summary>
internal enum ReferenceStatus
{
    Translated,
    NotPresent,
    PermissionFault,
    Misconfigured,
    TableOutsideMemory,
    AddressTooWide,
    InvalidRoot,
}

/// <summary>Which dimension failed.</summary>
internal enum ReferenceStage
{
    None,
    Nested,
    Guest,
}
