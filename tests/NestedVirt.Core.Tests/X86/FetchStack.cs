using NestedVirt.Memory;
using NestedVirt.Paging;
using NestedVirt.Paging.Building;
using NestedVirt.X86;

namespace NestedVirt.Tests.X86;

/// <summary>How the page after the code page is mapped.</summary>
public enum SecondPage
{
    /// <summary>Mapped in L2's tables and in L1's EPT/NPT.</summary>
    Mapped,

    /// <summary>Not mapped in L2's own tables: a guest-stage fault.</summary>
    GuestUnmapped,

    /// <summary>Mapped by L2 to an L2 GPA that L1's EPT/NPT does not map: a nested-stage fault.</summary>
    NestedUnmapped,
}

/// <summary>
/// A small 2-D address space for <see cref="GuestInstructionDecoder"/>: L2's 4-level tables over
/// L1's EPT (Intel) or NPT (AMD), L2 GPA x backed by L1 GPA x + 2 MiB. Code page A at
/// <see cref="CodeVa"/>, page B right after it, mapped as <see cref="SecondPage"/> says.
/// </summary>
internal sealed class FetchStack
{
    public const ulong CodeVa = 0x40_0000;
    public const ulong PageBVa = CodeVa + 0x1000;
    public const ulong PageAL2Gpa = 0x1_0000;
    public const ulong PageBL2Gpa = 0x1_1000;

    /// <summary>An L2 GPA outside what L1's table maps ([0, 0xC0000)).</summary>
    public const ulong UnbackedL2Gpa = 0xD_0000;

    private const ulong Offset = 0x20_0000;
    private const ulong NestedTables = 0x1_0000;
    private const ulong GuestTablesL2Gpa = 0x8_0000;
    private const ulong NestedMapped = 0xC_0000;

    public FetchStack(CpuVendor vendor, SecondPage second, PageAccess codeAccess = PageAccess.Read | PageAccess.Execute)
    {
        Memory = new GuestMemory(0x40_0000);
        Decoder = new GuestInstructionDecoder(Memory);
        var nested = new PageTableBuilder(Memory, vendor == CpuVendor.Intel ? PageTableKind.Ept : PageTableKind.X64, 4, NestedTables, 0x4_0000);
        nested.Map(0, Offset, NestedMapped, PageSize.Size4K, PageAccess.All);
        Nested = vendor == CpuVendor.Intel
            ? PagingConfig.Ept(nested.Eptp(accessedDirty: true), EptVpidCapabilities.KvmNestedDefault)
            : PagingConfig.Npt(nested.RootPointer, 4);

        var guest = new PageTableBuilder(Memory, PageTableKind.X64, 4, GuestTablesL2Gpa + Offset, 0x2_0000, pointerBias: Offset);
        guest.Map(CodeVa, PageAL2Gpa, 0x1000, PageSize.Size4K, codeAccess);
        if (second == SecondPage.Mapped)
            guest.Map(PageBVa, PageBL2Gpa, 0x1000, PageSize.Size4K, codeAccess);
        else if (second == SecondPage.NestedUnmapped)
            guest.Map(PageBVa, UnbackedL2Gpa, 0x1000, PageSize.Size4K, codeAccess);
        Guest = PagingConfig.X64(guest.RootPointer, 4);

        // Like a hypercall page: everything not written is INT3.
        Memory.TryGetSpan(PageAL2Gpa + Offset, 0x2000, out Span<byte> code);
        code.Fill(0xCC);
    }

    public GuestMemory Memory { get; }

    public GuestInstructionDecoder Decoder { get; }

    public PagingConfig Guest { get; }

    public PagingConfig Nested { get; }

    /// <summary>Writes <paramref name="bytes"/> at L2 linear address <paramref name="va"/> (pages A and B only).</summary>
    public void Write(ulong va, ReadOnlySpan<byte> bytes)
    {
        Assert.InRange(va, CodeVa, PageBVa + 0xFFF);
        Assert.True(Memory.TryGetSpan(va - CodeVa + PageAL2Gpa + Offset, bytes.Length, out Span<byte> target));
        bytes.CopyTo(target);
    }
}
