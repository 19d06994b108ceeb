namespace NestedVirt.Paging;

/// <summary>
/// Rights a translation grants, as the AND over every level of a walk. EPT grants read, write and
/// execute from bits 2:0 of each entry (SDM 3C 29.3.2); x86-64 entries grant read when present,
/// write from R/W, user from U/S and execute unless XD/NX (SDM 3A 4.6, APM 2 5.6).
/// </summary>
[Flags]
public enum PageAccess : byte
{
    /// <summary>No access.</summary>
    None = 0,

    /// <summary>Data reads allowed (EPT bit 0; any present x86-64 entry).</summary>
    Read = 1,

    /// <summary>Data writes allowed (EPT bit 1; x86-64 R/W bit 1).</summary>
    Write = 2,

    /// <summary>Instruction fetches allowed (EPT bit 2; x86-64 NX bit 63 clear or EFER.NXE = 0).</summary>
    Execute = 4,

    /// <summary>User-mode accesses allowed (x86-64 U/S bit 2; EPT has no such bit).</summary>
    User = 8,

    /// <summary>Read, write and execute.</summary>
    ReadWriteExecute = Read | Write | Execute,

    /// <summary>Everything an x86-64 entry can grant.</summary>
    All = Read | Write | Execute | User,
}
