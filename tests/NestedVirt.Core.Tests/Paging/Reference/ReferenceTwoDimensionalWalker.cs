using NestedVirt.Memory;

namespace NestedVirt.Tests.Paging.Reference;

/// <summary>
/// The two-dimensional walk composed from <see cref="ReferenceWalker"/> as W-14 describes
/// KVM's <c>walk_addr_generic</c>: for each guest level, translate the entry's L2 GPA through
/// L1's table, read the entry, AND its rights, stop at a leaf; then the guest permission check;
/// then translate the final L2 GPA with the original access; only then set the guest A/D bits.
/// Guest-table translations are reads, plus writes when the nested dimension keeps A/D bits
/// (E-08: EPTP[6]; N-06: NPT always), flagged as guest-paging-entry accesses (qualification bit 8
/// clear, #NPF bit 33); the final translation is flagged as the final address (bit 8, bit 32).
/// </summary>
internal static class ReferenceTwoDimensionalWalker
{
    private const ulong Present = 1UL << 0;
    private const ulong Writable = 1UL << 1;
    private const ulong User = 1UL << 2;
    private const ulong Accessed = 1UL << 5;
    private const ulong Dirty = 1UL << 6;
    private const ulong PageSizeBit = 1UL << 7;
    private const ulong NoExecute = 1UL << 63;

    public static ReferenceResult Walk(GuestMemory memory, ReferenceConfig guest, ReferenceConfig nested, ulong linear, ReferenceAccess access)
    {
        var result = new ReferenceResult { Address = linear, Level = guest.Levels, Stage = ReferenceStage.Guest };
        if (!guest.RootValid)
            return GuestFault(result, ReferenceStatus.InvalidRoot, access);
        if (!ReferenceWalker.IsCanonical(linear, guest.Levels))
            return GuestFault(result, ReferenceStatus.AddressTooWide, access);

        var tableAccess = new ReferenceAccess
        {
            Read = true,
            Write = nested.AccessedDirty,
            GuestLinear = true,
            GuestPagingEntry = true,
        };

        result.CanRead = true;
        result.CanWrite = true;
        result.CanExecute = true;
        result.CanUser = true;

        var entryAddresses = new ulong[6];
        var entries = new ulong[6];
        var touched = new List<ulong>();
        int reads = 0;
        ulong table = guest.RootTable;
        int level = guest.Levels;
        ulong entry;
        while (true)
        {
            ulong entryGpa = table + (ReferenceWalker.Index(linear, level) * 8);
            ReferenceResult located = ReferenceWalker.Walk(memory, nested, entryGpa, tableAccess);
            reads += located.EntriesRead;
            touched.AddRange(located.Touched);
            if (located.Status != ReferenceStatus.Translated)
                return NestedFault(located, reads, touched);

            ulong l1Address = located.Address;
            result.Level = level;
            if (!memory.TryReadUInt64(l1Address, out entry))
            {
                result.EntriesRead = reads;
                result.Touched = touched;
                return GuestFault(result, ReferenceStatus.TableOutsideMemory, access);
            }
            reads++;
            touched.Add(l1Address);
            entryAddresses[level] = l1Address;
            entries[level] = entry;

            if ((entry & Present) == 0)
            {
                result.CanRead = false;
                result.CanWrite = false;
                result.CanExecute = false;
                result.CanUser = false;
                result.EntriesRead = reads;
                result.Touched = touched;
                return GuestFault(result, ReferenceStatus.NotPresent, access);
            }

            if ((entry & Writable) == 0) result.CanWrite = false;
            if ((entry & User) == 0) result.CanUser = false;
            if ((entry & NoExecute) != 0 && guest.NoExecute) result.CanExecute = false;

            if (IsReserved(guest, entry, level))
            {
                result.EntriesRead = reads;
                result.Touched = touched;
                return GuestFault(result, ReferenceStatus.Misconfigured, access);
            }

            bool leaf = level == 1 || ((level == 2 || level == 3) && (entry & PageSizeBit) != 0);
            if (leaf)
                break;
            table = ReferenceConfig.AddressBits(entry, guest.MaxPhysAddr);
            level--;
        }

        if (!GuestAllows(result, guest, access))
        {
            result.EntriesRead = reads;
            result.Touched = touched;
            return GuestFault(result, ReferenceStatus.PermissionFault, access);
        }

        int guestPageBits = 12 + (9 * (level - 1));
        ulong offsetMask = (1UL << guestPageBits) - 1;
        ulong gpa = (ReferenceConfig.AddressBits(entry, guest.MaxPhysAddr) & ~offsetMask) | (linear & offsetMask);

        var finalAccess = new ReferenceAccess
        {
            Read = access.Read,
            Write = access.Write,
            Fetch = access.Fetch,
            GuestLinear = true,
        };
        ReferenceResult final = ReferenceWalker.Walk(memory, nested, gpa, finalAccess);
        reads += final.EntriesRead;
        touched.AddRange(final.Touched);
        if (final.Status != ReferenceStatus.Translated)
            return NestedFault(final, reads, touched);

        // W-14: the guest's A/D bits are set last, once the final address translated.
        for (int l = guest.Levels; l >= level; l--)
        {
            ulong updated = entries[l] | Accessed;
            if (l == level && access.Write)
                updated |= Dirty;
            memory.TryWriteUInt64(entryAddresses[l], updated);
        }

        result.Status = ReferenceStatus.Translated;
        result.Address = final.Address;
        result.PageSizeBits = Math.Min(guestPageBits, final.PageSizeBits);
        result.Level = level;
        result.Stage = ReferenceStage.None;
        result.FaultCode = 0;
        result.EntriesRead = reads;
        result.Touched = touched;
        return result;
    }

    private static bool IsReserved(ReferenceConfig guest, ulong entry, int level)
    {
        // SDM 3A 4.5, table 4-20: the same reserved bits as N-04 without AMD's bit 8.
        for (int bit = guest.MaxPhysAddr; bit <= 51; bit++)
        {
            if (((entry >> bit) & 1) == 1)
                return true;
        }
        if ((entry & NoExecute) != 0 && !guest.NoExecute)
            return true;
        bool pageSize = (entry & PageSizeBit) != 0;
        if (level >= 4)
            return pageSize;
        if (level == 3 && pageSize)
        {
            if (!guest.Pages1G)
                return true;
            for (int bit = 13; bit <= 29; bit++)
            {
                if (((entry >> bit) & 1) == 1)
                    return true;
            }
        }
        if (level == 2 && pageSize)
        {
            for (int bit = 13; bit <= 20; bit++)
            {
                if (((entry >> bit) & 1) == 1)
                    return true;
            }
        }
        return false;
    }

    private static bool GuestAllows(ReferenceResult rights, ReferenceConfig guest, ReferenceAccess access)
    {
        if (access.User && !rights.CanUser) return false;
        if (access.Write && !rights.CanWrite && (access.User || guest.WriteProtect)) return false;
        if (access.Fetch && !rights.CanExecute) return false;
        return true;
    }

    private static ReferenceResult GuestFault(ReferenceResult result, ReferenceStatus status, ReferenceAccess access)
    {
        result.Status = status;
        result.Stage = ReferenceStage.Guest;
        result.PageSizeBits = 0;
        if (status == ReferenceStatus.InvalidRoot || status == ReferenceStatus.AddressTooWide)
        {
            result.CanRead = false;
            result.CanWrite = false;
            result.CanExecute = false;
            result.CanUser = false;
        }
        result.FaultCode = ReferenceWalker.FaultCode(ReferenceFormat.Guest, status, access, result);
        return result;
    }

    private static ReferenceResult NestedFault(ReferenceResult nested, int reads, List<ulong> touched)
    {
        nested.EntriesRead = reads;
        nested.Touched = touched;
        return nested;
    }
}
