using System.Runtime.CompilerServices;

namespace NestedVirt.Paging;

/// <summary>
/// Reserved-bit masks per level and page-size bit, computed once per root (KVM's
/// <c>rsvd_bits_mask[2][level]</c> from <c>__reset_rsvds_bits_mask</c> and
/// <c>__reset_rsvds_bits_mask_ept</c>, spec E-05 and N-04), so a walk tests an entry with one AND
/// instead of a switch over levels. Index: (level − 1) × 2 + bit 7 of the entry. A mask of all
/// ones marks a combination that is always reserved (a large page the configuration does not
/// allow).
/// </summary>
[InlineArray(10)]
public struct ReservedBitMasks
{
    private ulong element0;

    private const ulong AlwaysReserved = ulong.MaxValue;

    /// <summary>EPT: PML5E/PML4E bits 7:3; non-leaf PDPTE/PDE bits 6:3; a 1 GiB leaf bits 29:12, a 2 MiB leaf bits 20:12; bits 51:M everywhere.</summary>
    internal static ReservedBitMasks ForEpt(ulong reservedAddress, bool pages2M, bool pages1G)
    {
        var masks = default(ReservedBitMasks);
        for (int large = 0; large < 2; large++)
        {
            masks[Index(5, large)] = reservedAddress | 0xF8;
            masks[Index(4, large)] = reservedAddress | 0xF8;
            masks[Index(1, large)] = reservedAddress; // bit 7 of a PTE is ignored
        }
        masks[Index(3, 0)] = reservedAddress | 0x78;
        masks[Index(2, 0)] = reservedAddress | 0x78;
        masks[Index(3, 1)] = pages1G ? reservedAddress | 0x3FFF_F000 : AlwaysReserved;
        masks[Index(2, 1)] = pages2M ? reservedAddress | 0x1F_F000 : AlwaysReserved;
        return masks;
    }

    /// <summary>
    /// x86-64 paging: bits 51:M; NX without EFER.NXE; PS in a PML5E/PML4E (and, on AMD, bit 8 of
    /// those, which KVM enforces in mmu.c); a 1 GiB leaf bits 29:13, a 2 MiB leaf bits 20:13 (large
    /// leaves keep PAT in bit 12).
    /// </summary>
    internal static ReservedBitMasks ForX64(ulong reservedAddress, bool noExecute, bool pages1G, bool amdTopLevelBit8)
    {
        ulong common = reservedAddress | (noExecute ? 0 : X64Entry.NoExecute);
        ulong top = common | X64Entry.PageSize | (amdTopLevelBit8 ? X64Entry.AmdTopLevelBit8 : 0);
        var masks = default(ReservedBitMasks);
        for (int large = 0; large < 2; large++)
        {
            masks[Index(5, large)] = top;
            masks[Index(4, large)] = top;
            masks[Index(1, large)] = common; // bit 7 of a PTE is PAT
        }
        masks[Index(3, 0)] = common;
        masks[Index(2, 0)] = common;
        masks[Index(3, 1)] = pages1G ? common | 0x3FFF_E000 : AlwaysReserved;
        masks[Index(2, 1)] = common | 0x1F_E000;
        return masks;
    }

    /// <summary>The slot for <paramref name="level"/> (1 to 5) and the entry's bit 7.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int Index(int level, int large) => ((level - 1) << 1) | large;
}
