using NestedVirt.Memory;

namespace NestedVirt.Tests.Paging.Reference;

/// <summary>
/// A plain one-dimensional walker written from model 03 alone, as the yardstick of the
/// differential tests. It shares no code with <c>src/NestedVirt.Core/Paging</c>: its own bit
/// constants, one loop, one <c>if</c> per rule, no generics. Speed does not matter here;
/// being obviously right does. Rules: E-01..E-08 and §4 for EPT, N-02..N-07 for NPT, SDM 3A 4.5-4.7
/// for the guest's own tables (used by <see cref="ReferenceTwoDimensionalWalker"/>).
/// Where model 03 is silent it follows the documented meaning of the model's result fields
/// (<c>WalkResult</c>, <c>WalkStatus</c>): the model's own statuses TableOutsideMemory (N-04a) and
/// AddressTooWide carry a violation-shaped code; Level is the failing entry's level (the walk's
/// top level when no entry was read); Permissions is the AND over the entries read, a non-present
/// entry granting nothing.
/// </summary>
internal static class ReferenceWalker
{
    // EPT entry bits (model 03 §1).
    private const ulong EptRead = 1UL << 0;
    private const ulong EptWrite = 1UL << 1;
    private const ulong EptExecute = 1UL << 2;
    private const ulong EptAccessed = 1UL << 8;
    private const ulong EptDirty = 1UL << 9;

    // x86-64 entry bits (N-03).
    private const ulong X64Present = 1UL << 0;
    private const ulong X64Writable = 1UL << 1;
    private const ulong X64User = 1UL << 2;
    private const ulong X64Accessed = 1UL << 5;
    private const ulong X64Dirty = 1UL << 6;
    private const ulong X64Bit8 = 1UL << 8;
    private const ulong X64NoExecute = 1UL << 63;

    // Both layouts: bit 7 is the page-size bit in PDPTEs and PDEs.
    private const ulong PageSizeBit = 1UL << 7;

    /// <summary>Walks <paramref name="address"/> through the tables <paramref name="config"/> describes.</summary>
    public static ReferenceResult Walk(GuestMemory memory, ReferenceConfig config, ulong address, ReferenceAccess access)
    {
        var result = new ReferenceResult
        {
            Address = address,
            Level = config.Levels,
            Stage = config.Format == ReferenceFormat.Guest ? ReferenceStage.Guest : ReferenceStage.Nested,
        };

        if (!config.RootValid)
            return Fail(result, ReferenceStatus.InvalidRoot, config, access);

        if (!AddressFits(config, address))
            return Fail(result, ReferenceStatus.AddressTooWide, config, access);

        // Nothing has been taken away before the first entry is read.
        result.CanRead = true;
        result.CanWrite = true;
        result.CanExecute = true;
        result.CanUser = true;

        var entryAddresses = new ulong[6];
        var entries = new ulong[6];
        ulong table = config.RootTable;
        int level = config.Levels;
        ulong entry;
        while (true)
        {
            ulong entryAddress = table + (Index(address, level) * 8);
            result.Level = level;
            if (!memory.TryReadUInt64(entryAddress, out entry))
                return Fail(result, ReferenceStatus.TableOutsideMemory, config, access);
            result.EntriesRead++;
            result.Touched.Add(entryAddress);
            entryAddresses[level] = entryAddress;
            entries[level] = entry;

            // E-06 / N-03: the not-present test comes first and ignores every other bit.
            if (!IsPresent(config, entry))
            {
                result.CanRead = false;
                result.CanWrite = false;
                result.CanExecute = false;
                result.CanUser = false;
                return Fail(result, ReferenceStatus.NotPresent, config, access);
            }

            // E-07: the rights are the AND over every level (the failing one included).
            TakeRights(result, config, entry);

            if (IsMisconfigured(config, entry, level))
                return Fail(result, ReferenceStatus.Misconfigured, config, access);

            if (IsLeaf(entry, level))
                break;

            table = ReferenceConfig.AddressBits(entry, config.MaxPhysAddr);
            level--;
        }

        if (!Allows(result, config, access))
            return Fail(result, ReferenceStatus.PermissionFault, config, access);

        // A/D only after a successful walk (KVM's update_accessed_dirty_bits): EPT only with
        // EPTP[6] (§1), NPT and guest tables always (N-06).
        SetAccessedDirty(memory, config, access, entryAddresses, entries, level);

        int pageBits = 12 + (9 * (level - 1));
        ulong frame = ReferenceConfig.AddressBits(entry, config.MaxPhysAddr);
        ulong offsetMask = (1UL << pageBits) - 1;
        result.Status = ReferenceStatus.Translated;
        result.Address = (frame & ~offsetMask) | (address & offsetMask);
        result.PageSizeBits = pageBits;
        result.Stage = ReferenceStage.None;
        result.FaultCode = 0;
        return result;
    }

    /// <summary>Index of <paramref name="address"/> in the table at <paramref name="level"/>: 9 bits per level above the 12 offset bits.</summary>
    public static ulong Index(ulong address, int level)
    {
        int shift = 12 + (9 * (level - 1));
        return (address >> shift) & 511;
    }

    /// <summary>x86 linear addresses must be canonical: every bit above the top index copies the highest index bit.</summary>
    public static bool IsCanonical(ulong linear, int levels)
    {
        int topBit = 12 + (9 * levels) - 1;
        ulong top = (linear >> topBit) & 1;
        for (int bit = topBit + 1; bit <= 63; bit++)
        {
            if (((linear >> bit) & 1) != top)
                return false;
        }
        return true;
    }

    private static bool AddressFits(ReferenceConfig config, ulong address)
    {
        if (config.Format == ReferenceFormat.Guest)
            return IsCanonical(address, config.Levels);

        // A guest-physical address has at most 52 bits (MAXPHYADDR <= 52); a 4-level walk covers 48.
        int width = config.Levels == 4 ? 48 : 52;
        return (address >> width) == 0;
    }

    private static bool IsPresent(ReferenceConfig config, ulong entry)
    {
        if (config.Format == ReferenceFormat.Ept)
            return (entry & (EptRead | EptWrite | EptExecute)) != 0;    // E-01
        return (entry & X64Present) != 0;                                // N-03 bit 0
    }

    private static bool IsLeaf(ulong entry, int level)
    {
        if (level == 1)
            return true;
        if (level == 2 || level == 3)
            return (entry & PageSizeBit) != 0;
        return false;
    }

    private static void TakeRights(ReferenceResult result, ReferenceConfig config, ulong entry)
    {
        if (config.Format == ReferenceFormat.Ept)
        {
            if ((entry & EptRead) == 0) result.CanRead = false;
            if ((entry & EptWrite) == 0) result.CanWrite = false;
            if ((entry & EptExecute) == 0) result.CanExecute = false;
            // EPT has no user bit.
            result.CanUser = false;
            return;
        }

        // A present x86-64 entry always allows reads.
        if ((entry & X64Writable) == 0) result.CanWrite = false;
        if ((entry & X64User) == 0) result.CanUser = false;
        if ((entry & X64NoExecute) != 0 && config.NoExecute) result.CanExecute = false;
    }

    private static bool IsMisconfigured(ReferenceConfig config, ulong entry, int level)
    {
        if (config.Format == ReferenceFormat.Ept)
            return IsEptMisconfigured(config, entry, level);
        return IsX64Reserved(config, entry, level, amd: config.Format == ReferenceFormat.Npt);
    }

    private static bool IsEptMisconfigured(ReferenceConfig config, ulong entry, int level)
    {
        ulong xwr = entry & 7;
        // E-02: write without read.
        if (xwr == 0b010 || xwr == 0b110)
            return true;
        // E-03: execute-only without the capability.
        if (xwr == 0b100 && !config.ExecuteOnly)
            return true;
        // E-05: address bits 51:M in every entry.
        if (AnyBitSet(entry, config.MaxPhysAddr, 51))
            return true;

        bool pageSize = (entry & PageSizeBit) != 0;
        if (level == 5 || level == 4)
        {
            // E-05: PML5E/PML4E bits 7:3 (so no 512 GiB pages).
            return AnyBitSet(entry, 3, 7);
        }

        if (level == 3)
        {
            if (!pageSize)
                return AnyBitSet(entry, 3, 6);       // E-05: non-leaf PDPTE bits 6:3
            if (!config.Pages1G)
                return true;                         // E-05: bit 7 without 1 GiB pages
            if (AnyBitSet(entry, 12, 29))
                return true;                         // E-05: 1 GiB leaf bits 29:12
            return HasBadMemoryType(entry);          // E-04
        }

        if (level == 2)
        {
            if (!pageSize)
                return AnyBitSet(entry, 3, 6);       // E-05: non-leaf PDE bits 6:3
            if (!config.Pages2M)
                return true;                         // E-05: bit 7 without 2 MiB pages
            if (AnyBitSet(entry, 12, 20))
                return true;                         // E-05: 2 MiB leaf bits 20:12
            return HasBadMemoryType(entry);          // E-04
        }

        // Level 1 is always a leaf; bit 7 is ignored there.
        return HasBadMemoryType(entry);              // E-04
    }

    private static bool HasBadMemoryType(ulong entry)
    {
        ulong type = (entry >> 3) & 7;
        return type == 2 || type == 3 || type == 7;
    }

    private static bool IsX64Reserved(ReferenceConfig config, ulong entry, int level, bool amd)
    {
        // N-04: frame bits above MAXPHYADDR.
        if (AnyBitSet(entry, config.MaxPhysAddr, 51))
            return true;
        // N-04: NX when EFER.NXE = 0.
        if ((entry & X64NoExecute) != 0 && !config.NoExecute)
            return true;

        bool pageSize = (entry & PageSizeBit) != 0;
        if (level == 5 || level == 4)
        {
            if (pageSize)
                return true;                         // N-04: PS in a PML5E/PML4E
            if (amd && (entry & X64Bit8) != 0)
                return true;                         // N-04: AMD bit 8 of a PML4E/PML5E
            return false;
        }

        if (level == 3 && pageSize)
        {
            if (!config.Pages1G)
                return true;                         // N-04: PS in a PDPTE without 1 GiB pages
            return AnyBitSet(entry, 13, 29);         // N-04: 1 GiB leaf bits 29:13 (12 is PAT)
        }

        if (level == 2 && pageSize)
            return AnyBitSet(entry, 13, 20);         // N-04: 2 MiB leaf bits 20:13 (12 is PAT)

        return false;
    }

    private static bool AnyBitSet(ulong value, int lowBit, int highBit)
    {
        for (int bit = lowBit; bit <= highBit; bit++)
        {
            if (((value >> bit) & 1) == 1)
                return true;
        }
        return false;
    }

    private static bool Allows(ReferenceResult rights, ReferenceConfig config, ReferenceAccess access)
    {
        if (config.Format == ReferenceFormat.Ept)
        {
            // E-07: read needs R, write W, fetch X.
            if (access.Read && !rights.CanRead) return false;
            if (access.Write && !rights.CanWrite) return false;
            if (access.Fetch && !rights.CanExecute) return false;
            return true;
        }

        if (config.Format == ReferenceFormat.Npt)
        {
            // N-05: always a user access, so U/S at every level; N-02: CR0.WP ignored, R/W decides writes.
            if (!rights.CanUser) return false;
            if (access.Write && !rights.CanWrite) return false;
            if (access.Fetch && !rights.CanExecute) return false;
            return true;
        }

        // Guest tables (SDM 3A 4.6): user needs U/S; writes need R/W for user or with CR0.WP.
        if (access.User && !rights.CanUser) return false;
        if (access.Write && !rights.CanWrite && (access.User || config.WriteProtect)) return false;
        if (access.Fetch && !rights.CanExecute) return false;
        return true;
    }

    private static void SetAccessedDirty(GuestMemory memory, ReferenceConfig config, ReferenceAccess access,
        ulong[] entryAddresses, ulong[] entries, int leafLevel)
    {
        ulong accessed;
        ulong dirty;
        if (config.Format == ReferenceFormat.Ept)
        {
            if (!config.AccessedDirty)
                return;
            accessed = EptAccessed;
            dirty = EptDirty;
        }
        else
        {
            accessed = X64Accessed;
            dirty = X64Dirty;
        }

        for (int level = config.Levels; level >= leafLevel; level--)
        {
            ulong updated = entries[level] | accessed;
            if (level == leafLevel && access.Write)
                updated |= dirty;
            memory.TryWriteUInt64(entryAddresses[level], updated);
        }
    }

    /// <summary>Fills in a fault: the faulting address stays the input address.</summary>
    private static ReferenceResult Fail(ReferenceResult result, ReferenceStatus status, ReferenceConfig config, ReferenceAccess access)
    {
        result.Status = status;
        result.PageSizeBits = 0;
        if (status == ReferenceStatus.InvalidRoot || status == ReferenceStatus.AddressTooWide)
        {
            result.CanRead = false;
            result.CanWrite = false;
            result.CanExecute = false;
            result.CanUser = false;
        }
        result.FaultCode = FaultCode(config.Format, status, access, result);
        return result;
    }

    /// <summary>
    /// The fault code hardware reports. EPT: the violation qualification (§4) and 0 for a
    /// misconfiguration. NPT: the #NPF error code (N-07). Guest tables: the #PF error code
    /// (SDM 3A 4.7). A bad root never starts a walk: 0. TableOutsideMemory and AddressTooWide
    /// are the model's own statuses (N-04a); they carry a code of the violation kind.
    /// </summary>
    public static ulong FaultCode(ReferenceFormat format, ReferenceStatus status, ReferenceAccess access, ReferenceResult rights)
    {
        if (status == ReferenceStatus.Translated || status == ReferenceStatus.InvalidRoot)
            return 0;

        if (format == ReferenceFormat.Ept)
        {
            if (status == ReferenceStatus.Misconfigured)
                return 0;
            ulong qualification = 0;
            if (access.Read) qualification |= 1UL << 0;
            if (access.Write) qualification |= 1UL << 1;
            if (access.Fetch) qualification |= 1UL << 2;
            if (rights.CanRead) qualification |= 1UL << 3;
            if (rights.CanWrite) qualification |= 1UL << 4;
            if (rights.CanExecute) qualification |= 1UL << 5;
            if (access.GuestLinear)
            {
                qualification |= 1UL << 7;
                if (!access.GuestPagingEntry)
                    qualification |= 1UL << 8;
            }
            return qualification;
        }

        ulong code = 0;
        if (status != ReferenceStatus.NotPresent) code |= 1UL << 0;   // P
        if (access.Write) code |= 1UL << 1;                           // RW
        if (format == ReferenceFormat.Npt || access.User) code |= 1UL << 2;   // US (always for NPT, N-05)
        if (status == ReferenceStatus.Misconfigured) code |= 1UL << 3;        // RSV
        if (access.Fetch) code |= 1UL << 4;                           // ID
        if (format == ReferenceFormat.Npt)
        {
            // N-07: bit 33 for a guest page-table access, otherwise bit 32 (final address).
            if (access.GuestPagingEntry)
                code |= 1UL << 33;
            else
                code |= 1UL << 32;
        }
        return code;
    }
}
