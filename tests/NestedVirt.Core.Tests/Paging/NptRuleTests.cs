using NestedVirt.Memory;
using NestedVirt.Paging;

namespace NestedVirt.Tests.Paging;

/// <summary>
/// One test per NPT rule of model 03 §5 (N-01..N-07) on the hand-laid <see cref="EntryChain"/>; the
/// 2-D halves of N-05..N-07 are in <see cref="TwoDimensionalWalkTests"/>. Error codes are written
/// out from N-07: P 0x1, RW 0x2, US 0x4, RSV 0x8, ID 0x10, bit 32 final address, bit 33 guest table.
/// </summary>
public sealed class NptRuleTests
{
    private const ulong Final = 1UL << 32;
    private const ulong GuestTable = 1UL << 33;

    [Fact]
    public void N01_WalkStartsAtNcr3AndIgnoresItsLowTwelveBits()
    {
        var chain = new EntryChain(ept: false, levels: 4);
        var state = default(WalkState);

        // PWT (bit 3) and PCD (bit 4) and the ignored low bits do not move the root.
        PagingConfig config = PagingConfig.Npt(EntryChain.TableOf(4) | 0x18, 4);
        WalkResult r = PageWalker.Walk<NptFormat>(chain.Memory, config, EntryChain.Probe4, AccessIntent.Read, ref state);
        Assert.Equal(EntryChain.DefaultOutput, r.Address);
        Assert.Equal(chain.EntryAddress(4), state.EntryAddress[3]);

        // A root at an empty table: the first entry read is there.
        state = default;
        r = PageWalker.Walk<NptFormat>(chain.Memory, PagingConfig.Npt(0x9000, 4), EntryChain.Probe4, AccessIntent.Read, ref state);
        Assert.Equal(WalkStatus.NotPresent, r.Status);
        Assert.Equal(4, r.Level);
        Assert.Equal(0x9000UL + (2 * 8), state.EntryAddress[3]);
    }

    [Theory]
    [InlineData(36, 0x0000_0010_0000_4000UL, false)]
    [InlineData(36, 0x0000_0008_0000_4000UL, true)]
    [InlineData(46, 0x0000_4000_0000_4000UL, false)]
    [InlineData(52, 0x0010_0000_0000_4000UL, false)]
    [InlineData(52, 0x0008_0000_0000_4000UL, true)]
    public void N01_Ncr3AboveMaxPhysAddrIsInvalidRoot(int maxPhysAddr, ulong ncr3, bool valid)
    {
        var memory = new GuestMemory(EntryChain.MemorySize);
        PagingConfig config = PagingConfig.Npt(ncr3, 4, maxPhysAddr: maxPhysAddr);
        WalkResult r = PageWalker.Walk<NptFormat>(memory, config, 0x1000, AccessIntent.Read);
        Assert.Equal(valid, r.Status != WalkStatus.InvalidRoot);
        if (!valid)
        {
            Assert.Equal(0UL, r.FaultCode);
            Assert.Equal(0, r.EntriesRead);
        }
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    public void N02_NestedTablesAreLongModeTablesWithCr0WpIgnored(int levels)
    {
        var chain = new EntryChain(ept: false, levels);
        chain.Set(1, EntryChain.DefaultLeafFrame | 0b101);   // P, US, read-only

        var state = default(WalkState);
        WalkResult read = PageWalker.Walk<NptFormat>(chain.Memory, PagingConfig.Npt(chain.RootTable, levels), chain.Probe, AccessIntent.Read, ref state);
        Assert.Equal(levels, read.EntriesRead);
        Assert.Equal(EntryChain.DefaultOutput, read.Address);

        // A nested write always honours R/W: the access is a user access (N-05), so CR0.WP has no say.
        WalkResult write = PageWalker.Walk<NptFormat>(chain.Memory, PagingConfig.Npt(chain.RootTable, levels), chain.Probe, AccessIntent.Write);
        Assert.Equal(WalkStatus.PermissionFault, write.Status);

        // Contrast: the same tables as a guest's own, supervisor write with CR0.WP = 0, succeed.
        PagingConfig guestNoWp = PagingConfig.X64(chain.RootTable, levels, writeProtect: false);
        WalkResult guest = PageWalker.Walk<X64GuestFormat>(chain.Memory, guestNoWp, chain.Probe, AccessIntent.Write);
        Assert.Equal(WalkStatus.Translated, guest.Status);
    }

    [Fact]
    public void N03_EntryLayoutIsOrdinaryX64()
    {
        var chain = new EntryChain(ept: false, levels: 4);
        PagingConfig config = PagingConfig.Npt(chain.RootTable, 4, noExecute: true, pages1G: true, maxPhysAddr: 46);

        // Frame bits M-1:12 with M = 46; available bits 62:52 and 11:9 and G are ignored.
        chain.Set(1, 0x7FF0_2000_00AB_CF07);
        WalkResult r = PageWalker.Walk<NptFormat>(chain.Memory, config, EntryChain.Probe4, AccessIntent.Write);
        Assert.Equal(0x0000_2000_00AB_C678UL, r.Address);
        Assert.Equal(PageSize.Size4K, r.PageSize);
        // A is bit 5 and D bit 6.
        Assert.Equal(0x7FF0_2000_00AB_CF07UL | 0x60, chain.Get(1));
        Assert.Equal(0x1000UL | 0x7 | 0x20, chain.Get(2));

        // PS in a PDE: 2 MiB leaf; bit 12 is PAT, not a frame bit.
        chain = new EntryChain(ept: false, levels: 4);
        chain.Set(2, 0x0000_0000_0060_1087);
        r = PageWalker.Walk<NptFormat>(chain.Memory, config, EntryChain.Probe4, AccessIntent.Read);
        Assert.Equal(0x0000_0000_0060_5678UL, r.Address);
        Assert.Equal(PageSize.Size2M, r.PageSize);
        Assert.Equal(2, r.Level);

        // NX (bit 63) with EFER.NXE: no fetch.
        chain.Set(2, 0x8000_0000_0060_0087);
        r = PageWalker.Walk<NptFormat>(chain.Memory, config, EntryChain.Probe4, AccessIntent.Fetch);
        Assert.Equal(WalkStatus.PermissionFault, r.Status);
        Assert.Equal(PageAccess.Read | PageAccess.Write | PageAccess.User, r.Permissions);
    }

    [Theory]
    [InlineData(52, true)]
    [InlineData(52, false)]
    [InlineData(46, true)]
    [InlineData(39, false)]
    [InlineData(36, true)]
    public void N04_ExactlyTheReservedBitsOfEachLevelAreMisconfiguration(int maxPhysAddr, bool noExecute)
    {
        // N-04 level by level: single bits that make an otherwise valid entry reserved.
        // Bit 7 of a non-leaf PDPTE/PDE makes it a leaf and is tested in the data file.
        ulong addressBits = maxPhysAddr < 52 ? Bits(maxPhysAddr, 51) : 0;
        ulong nx = noExecute ? 0 : 1UL << 63;
        var cases = new (int Level, ulong Entry, bool NonLeaf, ulong Reserved)[]
        {
            (5, 0x4007, true, (1UL << 7) | (1UL << 8) | addressBits | nx),
            (4, 0x3007, true, (1UL << 7) | (1UL << 8) | addressBits | nx),
            (3, 0x2007, true, addressBits | nx),
            (2, 0x1007, true, addressBits | nx),
            (3, 0x8000_0087, false, Bits(13, 29) | addressBits | nx),   // 1 GiB leaf
            (2, 0x0060_0087, false, Bits(13, 20) | addressBits | nx),   // 2 MiB leaf
            (1, 0x00AB_C007, false, addressBits | nx),
        };

        foreach (var (level, entry, nonLeaf, reserved) in cases)
        {
            for (int bit = 1; bit < 64; bit++)
            {
                ulong mask = 1UL << bit;
                if ((entry & mask) != 0 || (nonLeaf && level is 3 or 2 && bit == 7))
                    continue;
                var chain = new EntryChain(ept: false, levels: 5);
                chain.Set(level, entry | mask);
                PagingConfig config = PagingConfig.Npt(chain.RootTable, 5, noExecute, pages1G: true, maxPhysAddr);

                WalkResult r = PageWalker.Walk<NptFormat>(chain.Memory, config, chain.Probe, AccessIntent.Read);

                bool misconfiguredHere = r.Status == WalkStatus.Misconfigured && r.Level == level;
                bool expected = (reserved & mask) != 0;
                Assert.True(expected == misconfiguredHere,
                    $"M={maxPhysAddr} NXE={noExecute}, level {level} entry 0x{entry | mask:X} (bit {bit}): {r}; reserved expected {expected}");
                if (misconfiguredHere)
                    Assert.Equal(0x1UL | 0x4 | 0x8 | Final, r.FaultCode);   // P | US | RSV, final address
            }
        }
    }

    [Fact]
    public void N04_PdptePageSizeNeedsOneGigabytePages()
    {
        var chain = new EntryChain(ept: false, levels: 4);
        chain.Set(3, 0x8000_0087);
        Assert.Equal(WalkStatus.Misconfigured,
            PageWalker.Walk<NptFormat>(chain.Memory, PagingConfig.Npt(chain.RootTable, 4, pages1G: false), chain.Probe, AccessIntent.Read).Status);
        WalkResult r = PageWalker.Walk<NptFormat>(chain.Memory, PagingConfig.Npt(chain.RootTable, 4, pages1G: true), chain.Probe, AccessIntent.Read);
        Assert.Equal(PageSize.Size1G, r.PageSize);
        Assert.Equal(0x8080_5678UL, r.Address);
    }

    [Fact]
    public void N04a_TableOutsideL1MemoryIsTableOutsideMemory()
    {
        var chain = new EntryChain(ept: false, levels: 4);
        chain.Set(3, 0x0000_0001_0000_0007);   // PD at 4 GiB, outside 1 MiB
        byte[] before = chain.Snapshot();
        WalkResult r = PageWalker.Walk<NptFormat>(chain.Memory, PagingConfig.Npt(chain.RootTable, 4), chain.Probe, AccessIntent.Read);
        Assert.Equal(WalkStatus.TableOutsideMemory, r.Status);
        Assert.Equal(2, r.Level);
        Assert.Equal(2, r.EntriesRead);
        Assert.Equal(FaultStage.Nested, r.Stage);
        chain.AssertMemoryEquals(before, "nothing set on a failed walk");

        var empty = new GuestMemory(EntryChain.MemorySize);
        r = PageWalker.Walk<NptFormat>(empty, PagingConfig.Npt(0x4000_0000, 4), EntryChain.Probe4, AccessIntent.Read);
        Assert.Equal(WalkStatus.TableOutsideMemory, r.Status);
        Assert.Equal(4, r.Level);
        Assert.Equal(0, r.EntriesRead);
    }

    [Fact]
    public void N05_EveryNestedAccessIsCheckedAsUserAtEveryLevel()
    {
        for (int level = 5; level >= 1; level--)
        {
            var chain = new EntryChain(ept: false, levels: 5);
            chain.Set(level, chain.Get(level) & ~0b100UL);    // U/S = 0
            PagingConfig config = PagingConfig.Npt(chain.RootTable, 5);

            // A supervisor read (no User in the intent) still needs U/S, and the code says US.
            WalkResult r = PageWalker.Walk<NptFormat>(chain.Memory, config, chain.Probe, AccessIntent.Read);
            Assert.Equal(WalkStatus.PermissionFault, r.Status);
            Assert.Equal(0x1UL | 0x4 | Final, r.FaultCode);
            Assert.Equal(0, (int)(r.Permissions & PageAccess.User));
        }
    }

    [Fact]
    public void N06_AccessedAndDirtyAreAlwaysSetAndOnlyOnSuccess()
    {
        var chain = new EntryChain(ept: false, levels: 5);
        byte[] before = chain.Snapshot();
        PagingConfig config = PagingConfig.Npt(chain.RootTable, 5);

        Assert.True(PageWalker.Walk<NptFormat>(chain.Memory, config, chain.Probe, AccessIntent.Read).IsTranslated);
        chain.AssertMemoryEquals(chain.ExpectedAfterSuccess(before, 1, 1UL << 5, 1UL << 6, write: false), "read: A everywhere, no D");

        Assert.True(PageWalker.Walk<NptFormat>(chain.Memory, config, chain.Probe, AccessIntent.Write).IsTranslated);
        chain.AssertMemoryEquals(chain.ExpectedAfterSuccess(before, 1, 1UL << 5, 1UL << 6, write: true), "write: D in the leaf");

        var failing = new EntryChain(ept: false, levels: 5);
        failing.Set(1, EntryChain.DefaultLeafFrame | 0b101);   // read-only
        byte[] untouched = failing.Snapshot();
        Assert.Equal(WalkStatus.PermissionFault,
            PageWalker.Walk<NptFormat>(failing.Memory, PagingConfig.Npt(failing.RootTable, 5), failing.Probe, AccessIntent.Write).Status);
        failing.AssertMemoryEquals(untouched, "a failed walk sets nothing");
    }

    [Theory]
    [InlineData(0UL, AccessIntent.Read, 0x4UL)]                                                     // not present
    [InlineData(0UL, AccessIntent.Write, 0x6UL)]
    [InlineData(0UL, AccessIntent.Fetch, 0x14UL)]
    [InlineData(0x00AB_C003UL, AccessIntent.Read, 0x5UL)]                                           // present, no U/S
    [InlineData(0x00AB_C005UL, AccessIntent.Write, 0x7UL)]                                          // present, read-only
    [InlineData(0x8000_0000_00AB_C007UL, AccessIntent.Fetch, 0x15UL)]                               // NX with NXE
    [InlineData(0x0000_4000_00AB_C007UL, AccessIntent.Read, 0xDUL)]                                 // reserved bit 46, M = 46
    [InlineData(0x0000_4000_00AB_C007UL, AccessIntent.Write | AccessIntent.Fetch, 0x1FUL)]
    public void N07_ErrorCodeBitsAndFinalVersusGuestTableBit(ulong leaf, AccessIntent intent, ulong low)
    {
        var chain = new EntryChain(ept: false, levels: 4);
        chain.Set(1, leaf);
        PagingConfig config = PagingConfig.Npt(chain.RootTable, 4, noExecute: true, maxPhysAddr: 46);

        WalkResult final = PageWalker.Walk<NptFormat>(chain.Memory, config, chain.Probe, intent);
        Assert.Equal(low | Final, final.FaultCode);

        WalkResult table = PageWalker.Walk<NptFormat>(chain.Memory, config, chain.Probe,
            intent | AccessIntent.GuestLinear | AccessIntent.GuestPagingEntry);
        Assert.Equal(low | GuestTable, table.FaultCode);
        // Bits 32 and 33 are mutually exclusive.
        Assert.NotEqual(Final | GuestTable, table.FaultCode & (Final | GuestTable));
    }

    private static ulong Bits(int low, int high)
    {
        ulong mask = 0;
        for (int bit = low; bit <= high; bit++)
            mask |= 1UL << bit;
        return mask;
    }
}
