using NestedVirt.Memory;
using NestedVirt.Paging;
using NestedVirt.Paging.Building;

namespace NestedVirt.Tests.Paging;

/// <summary>
/// Caller bugs throw <see cref="ArgumentException"/>s; guest data never does (a malformed EPTP or
/// nCR3 is a status, <see cref="WalkStatus.InvalidRoot"/>).
/// </summary>
public sealed class PagingMisuseTests
{
    private static readonly PagingConfig Npt4 = PagingConfig.Npt(0x4000, 4);

    [Fact]
    public void NullMemoryThrowsArgumentNullException()
    {
        var state = default(WalkState);
        Assert.Equal("memory", Assert.Throws<ArgumentNullException>(() => PageWalker.Walk<NptFormat>(null!, Npt4, 0, AccessIntent.Read)).ParamName);
        Assert.Throws<ArgumentNullException>(() => PageWalker.Walk<EptFormat>(null!, Npt4, 0, AccessIntent.Read, ref state));
        Assert.Throws<ArgumentNullException>(() => TwoDimensionalWalker.Walk<EptFormat>(null!, Npt4, Npt4, 0, AccessIntent.Read));
        Assert.Throws<ArgumentNullException>(() => TwoDimensionalWalker.Walk<NptFormat>(null!, Npt4, Npt4, 0, AccessIntent.Read, ref state, new PagingCaches()));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(2)]
    [InlineData(6)]
    [InlineData(0)]
    public void LevelsOtherThanFourOrFiveThrow(int levels)
    {
        Assert.Equal("levels", Assert.Throws<ArgumentOutOfRangeException>(() => PagingConfig.Npt(0x4000, levels)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => PagingConfig.X64(0x4000, levels));
        Assert.Throws<ArgumentOutOfRangeException>(() => PagingConfig.MakeEptp(0x4000, levels, accessedDirty: false));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PageTableBuilder(new GuestMemory(1 << 20), PageTableKind.Ept, levels, 0, 1 << 20));
    }

    [Fact]
    public void EptpWithUnsupportedWalkLengthIsGuestDataNotMisuse()
    {
        // A 3-level walk length in vmcs12's EPTP comes from L1: InvalidRoot, no exception.
        PagingConfig config = PagingConfig.Ept(0x4000 | 6 | (2 << 3), EptVpidCapabilities.KvmNestedDefault);
        Assert.False(config.RootValid);
        Assert.Equal(WalkStatus.InvalidRoot, PageWalker.Walk<EptFormat>(new GuestMemory(1 << 20), config, 0, AccessIntent.Read).Status);
    }

    [Theory]
    [InlineData(35)]
    [InlineData(53)]
    [InlineData(0)]
    public void MaxPhysAddrOutsideThirtySixToFiftyTwoThrows(int maxPhysAddr)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PagingConfig.Ept(0x401E, EptVpidCapabilities.KvmNestedDefault, maxPhysAddr));
        Assert.Throws<ArgumentOutOfRangeException>(() => PagingConfig.Npt(0x4000, 4, maxPhysAddr: maxPhysAddr));
        Assert.Throws<ArgumentOutOfRangeException>(() => PagingConfig.X64(0x4000, 4, maxPhysAddr: maxPhysAddr));
    }

    [Fact]
    public void UnalignedRootIsMisuseOnlyWhereTheRootHasNoLowFields()
    {
        // MakeEptp builds bits 11:0 itself, so an unaligned table address is a caller bug.
        Assert.Equal("rootTable", Assert.Throws<ArgumentException>(() => PagingConfig.MakeEptp(0x4008, 4, false)).ParamName);
        Assert.Equal(0x401EUL, PagingConfig.MakeEptp(0x4000, 4, false));
        Assert.Equal(0x4026UL | 0x40, PagingConfig.MakeEptp(0x4000, 5, true));

        // nCR3 and CR3 carry PWT/PCD and ignored bits below 12: the table is the aligned part.
        Assert.Equal(0x4000UL, PagingConfig.Npt(0x4FFF, 4).RootTable);
        Assert.Equal(0x4000UL, PagingConfig.X64(0x4018, 4).RootTable);
        Assert.True(PagingConfig.Npt(0x4FFF, 4).RootValid);
    }

    [Fact]
    public void BuilderAndCacheMisuseThrows()
    {
        var memory = new GuestMemory(1 << 20);
        Assert.Throws<ArgumentNullException>(() => new PageTableBuilder(null!, PageTableKind.X64, 4, 0, 1 << 20));
        Assert.Throws<ArgumentException>(() => new PageTableBuilder(memory, PageTableKind.X64, 4, 0x800, 0x1000));       // unaligned region
        Assert.Throws<ArgumentException>(() => new PageTableBuilder(memory, PageTableKind.X64, 4, 0xFF000, 0x2000));     // region outside memory

        var builder = new PageTableBuilder(memory, PageTableKind.Ept, 4, 0, 1 << 20);
        Assert.Throws<ArgumentException>(() => builder.Map(0x1000, 0x2000, 0x1000, PageSize.Size2M, PageAccess.Read));   // unaligned for 2M
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.Map(0, 0, 0x1000, PageSize.None, PageAccess.Read));
        builder.Map(0, 0, 1 << 21, PageSize.Size2M, PageAccess.Read);
        Assert.Throws<InvalidOperationException>(() => builder.Map(0x1000, 0, 0x1000, PageSize.Size4K, PageAccess.Read)); // under a 2M leaf

        Assert.Throws<ArgumentOutOfRangeException>(() => new NestedTlb(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new NestedTlb(3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new NestedTlb(1 << 17));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PagingStructureCache(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PagingStructureCache(6));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PagingStructureCache(8192));
        Assert.Throws<ArgumentNullException>(() => RandomPageTables.Create(memory, PageTableKind.Ept, 4, 1, null!));
    }
}
