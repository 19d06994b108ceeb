namespace NestedVirt.Paging;

/// <summary>
/// How to walk one set of tables: the root, 4 or 5 levels, the rules in force and MAXPHYADDR.
/// Built once per root by <see cref="Ept"/>, <see cref="Npt"/> or <see cref="X64"/>; a root with
/// guest-controlled faults (reserved bits, unsupported walk length) is accepted here and makes
/// every walk report <see cref="WalkStatus.InvalidRoot"/>, because it is guest data, not misuse.
/// </summary>
public readonly struct PagingConfig
{
    private const ulong PageOffsetMask = 0xFFF;

    /// <summary>The raw root value (EPTP, nCR3 or CR3).</summary>
    public readonly ulong Root;

    /// <summary>Physical address of the top-level table (in the walked dimension).</summary>
    public readonly ulong RootTable;

    /// <summary>Bits M−1:12: the frame-address field of an entry.</summary>
    public readonly ulong FrameMask;

    /// <summary>Bits 51:M: reserved address bits of every entry.</summary>
    public readonly ulong ReservedAddressMask;

    /// <summary>Levels of the walk: 4 or 5.</summary>
    public readonly byte Levels;

    /// <summary>MAXPHYADDR of the walked dimension (M).</summary>
    public readonly byte MaxPhysAddr;

    /// <summary>Rules in force.</summary>
    public readonly PagingFeatures Features;

    /// <summary>False when the root itself is malformed; walks then report <see cref="WalkStatus.InvalidRoot"/>.</summary>
    public readonly bool RootValid;

    private PagingConfig(ulong root, ulong rootTable, int levels, int maxPhysAddr, PagingFeatures features, bool rootValid)
    {
        Root = root;
        RootTable = rootTable;
        Levels = (byte)levels;
        MaxPhysAddr = (byte)maxPhysAddr;
        Features = features;
        RootValid = rootValid;
        ulong below = (1UL << maxPhysAddr) - 1;
        FrameMask = below & ~PageOffsetMask;
        ReservedAddressMask = ((1UL << 52) - 1) & ~below;
    }

    /// <summary>True when <paramref name="feature"/> is in force.</summary>
    public bool Has(PagingFeatures feature) => (Features & feature) != 0;

    /// <summary>
    /// An EPT walk rooted at <paramref name="eptp"/> (vmcs12's EPT pointer), checked as KVM's
    /// <c>nested_vmx_check_eptp</c> does against what L0 offers L1 (model 03 §2 and W-17): memory
    /// type UC or WB as offered, walk length 4 or 5 as offered, A/D only if offered, bits 11:7 zero
    /// (bit 7, supervisor shadow stack, is refused for L1 as KVM does), no address bits at or above M.
    /// </summary>
    /// <param name="eptp">The EPT pointer.</param>
    /// <param name="capabilities">EPT capabilities offered to L1.</param>
    /// <param name="maxPhysAddr">L1's MAXPHYADDR, 36 to 52.</param>
    public static PagingConfig Ept(ulong eptp, EptVpidCapabilities capabilities, int maxPhysAddr = 52)
    {
        CheckMaxPhysAddr(maxPhysAddr);
        ulong memoryType = eptp & 7;
        ulong walkLength = (eptp >> 3) & 7;
        bool accessedDirty = (eptp & (1UL << 6)) != 0;

        bool valid = memoryType switch
        {
            0 => (capabilities & EptVpidCapabilities.MemoryTypeUc) != 0,
            6 => (capabilities & EptVpidCapabilities.MemoryTypeWb) != 0,
            _ => false,
        };
        int levels = walkLength switch
        {
            3 when (capabilities & EptVpidCapabilities.PageWalkLength4) != 0 => 4,
            4 when (capabilities & EptVpidCapabilities.PageWalkLength5) != 0 => 5,
            _ => 0,
        };
        valid &= levels != 0;
        valid &= !accessedDirty || (capabilities & EptVpidCapabilities.AccessedDirty) != 0;
        valid &= (eptp & 0xF80) == 0;
        valid &= (eptp >> maxPhysAddr) == 0;

        var features = PagingFeatures.None;
        if ((capabilities & EptVpidCapabilities.ExecuteOnly) != 0) features |= PagingFeatures.ExecuteOnly;
        if ((capabilities & EptVpidCapabilities.Pages2M) != 0) features |= PagingFeatures.Pages2M;
        if ((capabilities & EptVpidCapabilities.Pages1G) != 0) features |= PagingFeatures.Pages1G;
        if (accessedDirty) features |= PagingFeatures.AccessedDirty;

        ulong below = (1UL << maxPhysAddr) - 1;
        return new PagingConfig(eptp, eptp & below & ~PageOffsetMask, levels == 0 ? 4 : levels, maxPhysAddr, features, valid);
    }

    /// <summary>
    /// An EPTP value for a table at <paramref name="rootTable"/>: write-back structures, the walk
    /// length for <paramref name="levels"/>, and A/D when asked (SDM 3C 25.6.11).
    /// </summary>
    public static ulong MakeEptp(ulong rootTable, int levels, bool accessedDirty)
    {
        CheckLevels(levels);
        if ((rootTable & PageOffsetMask) != 0)
            ThrowHelper.ThrowArgument(nameof(rootTable), "EPT root table must be 4 KiB aligned");
        return rootTable | 6UL | ((ulong)(levels - 1) << 3) | (accessedDirty ? 1UL << 6 : 0);
    }

    /// <summary>
    /// A nested-page-table walk rooted at <paramref name="ncr3"/> (vmcb12's nCR3, an L1 GPA). The
    /// format is the host's long-mode paging with CR0.WP ignored and every access checked as user
    /// (N-02, N-05). Levels follow the host's CR4.LA57 as saved in vmcb01.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Levels other than 4 or 5, or MAXPHYADDR outside 36..52.</exception>
    public static PagingConfig Npt(ulong ncr3, int levels, bool noExecute = true, bool pages1G = true, int maxPhysAddr = 52)
    {
        CheckLevels(levels);
        CheckMaxPhysAddr(maxPhysAddr);
        var features = PagingFeatures.Pages2M | PagingFeatures.AccessedDirty;
        if (noExecute) features |= PagingFeatures.NoExecute;
        if (pages1G) features |= PagingFeatures.Pages1G;
        ulong below = (1UL << maxPhysAddr) - 1;
        // A CR3-like value: bits 11:0 are PWT/PCD/ignored; bits at or above M are reserved (APM 2
        // 15.25.4: nCR3 must be a legal GPA, else VMRUN fails; KVM's nested_vmcb_check_controls).
        bool valid = (ncr3 >> maxPhysAddr) == 0;
        return new PagingConfig(ncr3, ncr3 & below & ~PageOffsetMask, levels, maxPhysAddr, features, valid);
    }

    /// <summary>
    /// L2's own long-mode page tables, rooted at <paramref name="cr3"/> (an L2 GPA), with the
    /// guest's rules: U/S per access, NX with EFER.NXE, CR0.WP for supervisor writes.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Levels other than 4 or 5, or MAXPHYADDR outside 36..52.</exception>
    public static PagingConfig X64(ulong cr3, int levels, bool noExecute = true, bool writeProtect = true, bool pages1G = true, int maxPhysAddr = 52)
    {
        CheckLevels(levels);
        CheckMaxPhysAddr(maxPhysAddr);
        var features = PagingFeatures.Pages2M | PagingFeatures.AccessedDirty;
        if (noExecute) features |= PagingFeatures.NoExecute;
        if (writeProtect) features |= PagingFeatures.WriteProtect;
        if (pages1G) features |= PagingFeatures.Pages1G;
        ulong below = (1UL << maxPhysAddr) - 1;
        bool valid = (cr3 >> maxPhysAddr) == 0;
        return new PagingConfig(cr3, cr3 & below & ~PageOffsetMask, levels, maxPhysAddr, features, valid);
    }

    private static void CheckLevels(int levels)
    {
        if (levels is not (4 or 5))
            ThrowHelper.ThrowArgumentOutOfRange(nameof(levels), "only 4- and 5-level long-mode paging is modelled");
    }

    private static void CheckMaxPhysAddr(int maxPhysAddr)
    {
        if (maxPhysAddr is < 36 or > 52)
            ThrowHelper.ThrowArgumentOutOfRange(nameof(maxPhysAddr), "MAXPHYADDR must be between 36 and 52");
    }
}
