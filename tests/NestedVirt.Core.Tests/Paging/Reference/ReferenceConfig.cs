namespace NestedVirt.Tests.Paging.Reference;

/// <summary>
/// The rules of one reference walk, decoded here from the raw root value and capabilities with
/// this folder's own constants (model 03 §2 for the EPTP and IA32_VMX_EPT_VPID_CAP, N-01/N-02 for
/// nCR3). Nothing is taken from the core's <c>PagingConfig</c>.
/// </summary>
internal sealed class ReferenceConfig
{
    // IA32_VMX_EPT_VPID_CAP bit positions (model 03 §2).
    public const ulong CapExecuteOnly = 1UL << 0;
    public const ulong CapWalkLength4 = 1UL << 6;
    public const ulong CapWalkLength5 = 1UL << 7;
    public const ulong CapMemoryTypeUc = 1UL << 8;
    public const ulong CapMemoryTypeWb = 1UL << 14;
    public const ulong CapPages2M = 1UL << 16;
    public const ulong CapPages1G = 1UL << 17;
    public const ulong CapAccessedDirty = 1UL << 21;

    public ReferenceFormat Format;
    public int Levels;
    public int MaxPhysAddr;
    public ulong RootTable;
    public bool RootValid;
    public bool ExecuteOnly;
    public bool Pages2M;
    public bool Pages1G;
    public bool AccessedDirty;
    public bool NoExecute;
    public bool WriteProtect;

    /// <summary>An EPT walk: the EPTP checked field by field as model 03 §2 and W-17 say.</summary>
    public static ReferenceConfig Ept(ulong eptp, ulong capabilities, int maxPhysAddr)
    {
        var config = new ReferenceConfig { Format = ReferenceFormat.Ept, MaxPhysAddr = maxPhysAddr, RootValid = true };

        ulong memoryType = eptp & 7;
        if (memoryType == 0)
        {
            if ((capabilities & CapMemoryTypeUc) == 0)
                config.RootValid = false;
        }
        else if (memoryType == 6)
        {
            if ((capabilities & CapMemoryTypeWb) == 0)
                config.RootValid = false;
        }
        else
        {
            config.RootValid = false;
        }

        // Bits 5:3 hold the walk length minus one.
        ulong walkLengthMinusOne = (eptp >> 3) & 7;
        if (walkLengthMinusOne == 3 && (capabilities & CapWalkLength4) != 0)
        {
            config.Levels = 4;
        }
        else if (walkLengthMinusOne == 4 && (capabilities & CapWalkLength5) != 0)
        {
            config.Levels = 5;
        }
        else
        {
            config.RootValid = false;
            // No walk will happen; the model reports such a root as a 4-level one.
            config.Levels = 4;
        }

        bool accessedDirty = ((eptp >> 6) & 1) == 1;
        if (accessedDirty && (capabilities & CapAccessedDirty) == 0)
            config.RootValid = false;

        // Bits 11:7 must be 0 (bit 7 is refused for L1 as KVM does, W-17).
        for (int bit = 7; bit <= 11; bit++)
        {
            if (((eptp >> bit) & 1) == 1)
                config.RootValid = false;
        }

        // Address bits at or above MAXPHYADDR must be 0.
        for (int bit = maxPhysAddr; bit <= 63; bit++)
        {
            if (((eptp >> bit) & 1) == 1)
                config.RootValid = false;
        }

        config.RootTable = AddressBits(eptp, maxPhysAddr);
        config.ExecuteOnly = (capabilities & CapExecuteOnly) != 0;
        config.Pages2M = (capabilities & CapPages2M) != 0;
        config.Pages1G = (capabilities & CapPages1G) != 0;
        config.AccessedDirty = accessedDirty;
        return config;
    }

    /// <summary>An NPT walk from nCR3 (N-01): A/D always kept (N-06), 2 MiB pages always legal.</summary>
    public static ReferenceConfig Npt(ulong ncr3, int levels, bool noExecute, bool pages1G, int maxPhysAddr)
    {
        return new ReferenceConfig
        {
            Format = ReferenceFormat.Npt,
            Levels = levels,
            MaxPhysAddr = maxPhysAddr,
            RootTable = AddressBits(ncr3, maxPhysAddr),
            RootValid = (ncr3 >> maxPhysAddr) == 0,
            Pages2M = true,
            Pages1G = pages1G,
            AccessedDirty = true,
            NoExecute = noExecute,
        };
    }

    /// <summary>L2's own tables from CR3 (an L2 GPA).</summary>
    public static ReferenceConfig Guest(ulong cr3, int levels, bool noExecute, bool writeProtect, bool pages1G, int maxPhysAddr)
    {
        return new ReferenceConfig
        {
            Format = ReferenceFormat.Guest,
            Levels = levels,
            MaxPhysAddr = maxPhysAddr,
            RootTable = AddressBits(cr3, maxPhysAddr),
            RootValid = (cr3 >> maxPhysAddr) == 0,
            Pages2M = true,
            Pages1G = pages1G,
            AccessedDirty = true,
            NoExecute = noExecute,
            WriteProtect = writeProtect,
        };
    }

    /// <summary>Bits M−1:12 of a value: a table or frame address.</summary>
    public static ulong AddressBits(ulong value, int maxPhysAddr)
    {
        ulong result = 0;
        for (int bit = 12; bit < maxPhysAddr; bit++)
            result |= value & (1UL << bit);
        return result;
    }

    public override string ToString() =>
        $"{Format} levels={Levels} M={MaxPhysAddr} root=0x{RootTable:X} valid={RootValid} xo={ExecuteOnly} "
        + $"2m={Pages2M} 1g={Pages1G} ad={AccessedDirty} nxe={NoExecute} wp={WriteProtect}";
}
