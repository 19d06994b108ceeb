using NestedVirt.Paging;

namespace NestedVirt.Tests.Paging;

/// <summary>
/// One test per EPT rule of model 03 §3 (E-01..E-07; E-08 is in <see cref="TwoDimensionalWalkTests"/>),
/// plus the EPTP checks of §2 and the qualification of §4, on the hand-laid <see cref="EntryChain"/>.
/// Expected qualifications are written out from §4: bits 2:0 the access, bits 5:3 the AND of R/W/X.
/// </summary>
public sealed class EptRuleTests
{
    private const EptVpidCapabilities Base =
        EptVpidCapabilities.PageWalkLength4 | EptVpidCapabilities.PageWalkLength5 | EptVpidCapabilities.MemoryTypeWb;

    private const EptVpidCapabilities All =
        Base | EptVpidCapabilities.ExecuteOnly | EptVpidCapabilities.Pages2M | EptVpidCapabilities.Pages1G | EptVpidCapabilities.AccessedDirty;

    [Fact]
    public void E01_NonPresentEntryIsViolationAtEveryLevel()
    {
        for (int level = 5; level >= 1; level--)
        {
            var chain = new EntryChain(ept: true, levels: 5);
            chain.Set(level, 0x0000_0000_0000_3000);   // an address but XWR = 000
            byte[] before = chain.Snapshot();

            WalkResult r = Walk(chain, All, accessedDirty: true, AccessIntent.Read);

            Assert.Equal(WalkStatus.NotPresent, r.Status);
            Assert.Equal(level, r.Level);
            Assert.Equal(0x1UL, r.FaultCode);                 // read, and R/W/X of the path = 000
            Assert.Equal(EntryChain.Probe5, r.Address);
            Assert.Equal(FaultStage.Nested, r.Stage);
            Assert.Equal(PageAccess.None, r.Permissions);
            Assert.Equal(5 - level + 1, r.EntriesRead);
            chain.AssertMemoryEquals(before, $"level {level}: a failed walk sets no A/D bit");
        }
    }

    [Fact]
    public void E02_WriteWithoutReadIsMisconfigurationAtEveryLevel()
    {
        foreach (ulong xwr in new ulong[] { 0b010, 0b110 })
        {
            for (int level = 5; level >= 1; level--)
            {
                var chain = new EntryChain(ept: true, levels: 5);
                chain.Set(level, (chain.Get(level) & ~0b111UL) | xwr);

                // Execute-only support does not make W without R legal.
                WalkResult r = Walk(chain, All, accessedDirty: false, AccessIntent.Read);

                Assert.Equal(WalkStatus.Misconfigured, r.Status);
                Assert.Equal(level, r.Level);
                Assert.Equal(0UL, r.FaultCode);
            }
        }
    }

    [Fact]
    public void E03_ExecuteOnlyEntryIsMisconfigWithoutCapability()
    {
        for (int level = 5; level >= 1; level--)
        {
            var chain = new EntryChain(ept: true, levels: 5);
            chain.Set(level, (chain.Get(level) & ~0b111UL) | 0b100);

            WalkResult r = Walk(chain, All & ~EptVpidCapabilities.ExecuteOnly, accessedDirty: false, AccessIntent.Fetch);

            Assert.Equal(WalkStatus.Misconfigured, r.Status);
            Assert.Equal(level, r.Level);
        }
    }

    [Fact]
    public void E03_ExecuteOnlyEntryAllowsOnlyFetchesWithCapability()
    {
        for (int level = 5; level >= 1; level--)
        {
            var chain = new EntryChain(ept: true, levels: 5);
            chain.Set(level, (chain.Get(level) & ~0b111UL) | 0b100);

            WalkResult fetch = Walk(chain, All, accessedDirty: false, AccessIntent.Fetch);
            Assert.Equal(WalkStatus.Translated, fetch.Status);
            Assert.Equal(EntryChain.DefaultOutput, fetch.Address);
            Assert.Equal(PageAccess.Execute, fetch.Permissions);

            // A read of an execute-only page: bit 0 (read) | bit 5 (executable) = 0x21.
            WalkResult read = Walk(chain, All, accessedDirty: false, AccessIntent.Read);
            Assert.Equal(WalkStatus.PermissionFault, read.Status);
            Assert.Equal(0x21UL, read.FaultCode);
            Assert.Equal(1, read.Level);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void E04_InvalidMemoryTypeIsMisconfigurationOnLeaves(int leafLevel)
    {
        for (ulong type = 0; type < 8; type++)
        {
            var chain = new EntryChain(ept: true, levels: 4);
            ulong leaf = leafLevel switch
            {
                3 => 0x0000_0000_8000_0087,   // 1 GiB leaf, RWX
                2 => 0x0000_0000_0060_0087,   // 2 MiB leaf, RWX
                _ => 0x0000_0000_00AB_C007,   // 4 KiB leaf, RWX
            };
            chain.Set(leafLevel, leaf | (type << 3));

            WalkResult r = Walk(chain, All, accessedDirty: false, AccessIntent.Read);

            bool valid = type is 0 or 1 or 4 or 5 or 6;
            Assert.True(valid == r.IsTranslated, $"type {type} at level {leafLevel}: {r}");
            if (!valid)
            {
                Assert.Equal(WalkStatus.Misconfigured, r.Status);
                Assert.Equal(leafLevel, r.Level);
            }
        }
    }

    [Theory]
    [InlineData(52)]
    [InlineData(46)]
    [InlineData(39)]
    [InlineData(36)]
    public void E05_ExactlyTheReservedBitsOfEachLevelAreMisconfiguration(int maxPhysAddr)
    {
        // E-05, level by level: which single bits, set in an otherwise valid entry, make
        // that entry misconfigured. Bits 2:0 (E-02/E-03) and the memory type of leaves (E-04)
        // have their own tests; bit 7 of a non-leaf PDPTE/PDE turns it into a leaf and is tested
        // in the data file.
        ulong addressBits = maxPhysAddr < 52 ? Bits(maxPhysAddr, 51) : 0;
        var cases = new (int Level, ulong Entry, int FirstBit, ulong Reserved)[]
        {
            (5, 0x4007, 3, Bits(3, 7) | addressBits),
            (4, 0x3007, 3, Bits(3, 7) | addressBits),
            (3, 0x2007, 3, Bits(3, 6) | addressBits),
            (2, 0x1007, 3, Bits(3, 6) | addressBits),
            (3, 0x8000_0087, 8, Bits(12, 29) | addressBits),   // 1 GiB leaf
            (2, 0x0060_0087, 8, Bits(12, 20) | addressBits),   // 2 MiB leaf
            (1, 0x00AB_C007, 7, addressBits),                  // PTE: bit 7 is ignored
        };

        foreach (var (level, entry, firstBit, reserved) in cases)
        {
            for (int bit = firstBit; bit < 64; bit++)
            {
                if (level is 3 or 2 && firstBit == 3 && bit == 7)
                    continue;
                ulong mask = 1UL << bit;
                if ((entry & mask) != 0)
                    continue;
                var chain = new EntryChain(ept: true, levels: 5);
                chain.Set(level, entry | mask);

                WalkResult r = Walk(chain, All, accessedDirty: false, AccessIntent.Read, maxPhysAddr);

                bool misconfiguredHere = r.Status == WalkStatus.Misconfigured && r.Level == level;
                bool expected = (reserved & mask) != 0;
                Assert.True(expected == misconfiguredHere,
                    $"M={maxPhysAddr}, level {level} entry 0x{entry | mask:X} (bit {bit}): {r}; reserved expected {expected}");
            }
        }
    }

    [Fact]
    public void E05_PageSizeBitNeedsTheCapabilityAndIsNeverLegalAbovePdpte()
    {
        // PDPTE bit 7: a 1 GiB leaf only with capability bit 17.
        Assert.Equal(WalkStatus.Misconfigured, WalkWith(3, 0x8000_00B7, All & ~EptVpidCapabilities.Pages1G).Status);
        Assert.Equal(WalkStatus.Translated, WalkWith(3, 0x8000_00B7, Base | EptVpidCapabilities.Pages1G).Status);
        // PDE bit 7: a 2 MiB leaf only with capability bit 16.
        Assert.Equal(WalkStatus.Misconfigured, WalkWith(2, 0x0060_00B7, All & ~EptVpidCapabilities.Pages2M).Status);
        Assert.Equal(WalkStatus.Translated, WalkWith(2, 0x0060_00B7, Base | EptVpidCapabilities.Pages2M).Status);
        // PML4E/PML5E bit 7 is reserved whatever is offered.
        Assert.Equal(WalkStatus.Misconfigured, WalkWith(4, 0x3087, All).Status);
        Assert.Equal(WalkStatus.Misconfigured, WalkWith(5, 0x4087, All).Status);
        // PTE bit 7 is ignored.
        Assert.Equal(WalkStatus.Translated, WalkWith(1, 0x00AB_C0B7, Base).Status);

        static WalkResult WalkWith(int level, ulong entry, EptVpidCapabilities caps)
        {
            var chain = new EntryChain(ept: true, levels: 5);
            chain.Set(level, entry);
            return Walk(chain, caps, accessedDirty: false, AccessIntent.Read);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void E02ToE04_TheMemoryTypeAndXwrTableIsExactlyTheRules(bool executeOnly)
    {
        // The walker reads E-02..E-04 from one 64-bit table (KVM's bad_mt_xwr); every one of its
        // bits must say what the written-out rules say for a present entry with those low six bits.
        ulong eptp = EntryChain.TableOf(4) | 0x5E;
        PagingConfig config = PagingConfig.Ept(eptp, executeOnly ? All : All & ~EptVpidCapabilities.ExecuteOnly);
        ulong table = EptFormat.BadMemoryTypeOrXwr(config);
        for (ulong low6 = 0; low6 < 64; low6++)
        {
            if ((low6 & 7) == 0)
                continue;   // not present: E-01 decides first
            bool expected = EptFormat.HasBadXwr(low6, config) || EptFormat.HasBadMemoryType(low6);
            Assert.True(expected == (((table >> (int)low6) & 1) != 0), $"bits 5:0 = {low6:b6}, execute-only {executeOnly}");
        }
    }

    [Fact]
    public void E06_MisconfigurationAtUpperLevelHidesEverythingBelow()
    {
        var chain = new EntryChain(ept: true, levels: 4);
        chain.Set(4, 0x3000 | 0b010);                 // W without R
        chain.Set(3, 0);                              // not present below
        chain.Set(1, 0x00AB_C000 | 0x30 | 0b001);     // read-only leaf below
        WalkResult r = Walk(chain, All, accessedDirty: true, AccessIntent.Write);
        Assert.Equal(WalkStatus.Misconfigured, r.Status);
        Assert.Equal(4, r.Level);
        Assert.Equal(1, r.EntriesRead);

        // Not-present is tested before the misconfiguration checks of the same entry.
        chain.Set(4, 0x3000 | 0xF8);                  // bits 7:3 set, XWR = 000
        r = Walk(chain, All, accessedDirty: true, AccessIntent.Write);
        Assert.Equal(WalkStatus.NotPresent, r.Status);
        Assert.Equal(4, r.Level);

        // A misconfigured leaf beats the permission check that would follow it.
        chain = new EntryChain(ept: true, levels: 4);
        chain.Set(1, 0x00AB_C000 | (7 << 3) | 0b001);  // type 7, read-only
        r = Walk(chain, All, accessedDirty: false, AccessIntent.Write);
        Assert.Equal(WalkStatus.Misconfigured, r.Status);
    }

    [Fact]
    public void E07_AllowedAccessIsTheAndOfRightsOverAllLevels()
    {
        var chain = new EntryChain(ept: true, levels: 4);
        chain.Set(4, 0x3000 | 0b101);    // R-X
        chain.Set(2, 0x1000 | 0b011);    // RW-
        // PDPTE and PTE grant RWX: the AND is R only.

        WalkResult read = Walk(chain, All, accessedDirty: false, AccessIntent.Read);
        Assert.Equal(WalkStatus.Translated, read.Status);
        Assert.Equal(PageAccess.Read, read.Permissions);

        WalkResult write = Walk(chain, All, accessedDirty: false, AccessIntent.Write);
        Assert.Equal(WalkStatus.PermissionFault, write.Status);
        Assert.Equal(0x2UL | (0b001 << 3), write.FaultCode);
        Assert.Equal(1, write.Level);
        Assert.Equal(PageAccess.Read, write.Permissions);

        WalkResult fetch = Walk(chain, All, accessedDirty: false, AccessIntent.Fetch);
        Assert.Equal(WalkStatus.PermissionFault, fetch.Status);
        Assert.Equal(0x4UL | (0b001 << 3), fetch.FaultCode);
    }

    [Fact]
    public void Section4_QualificationCarriesAccessRightsAndLinearContext()
    {
        var chain = new EntryChain(ept: true, levels: 4);
        chain.Set(1, 0x00AB_C000 | 0x30 | 0b101);       // R-X leaf

        // bit 1 write, bits 5:3 = 101, bit 7 linear valid, bit 8 final translation.
        WalkResult final = Walk(chain, All, false, AccessIntent.Write | AccessIntent.GuestLinear);
        Assert.Equal(0x2UL | 0x28 | 0x80 | 0x100, final.FaultCode);

        // The same access to a guest paging-structure entry clears bit 8.
        WalkResult table = Walk(chain, All, false, AccessIntent.Write | AccessIntent.GuestLinear | AccessIntent.GuestPagingEntry);
        Assert.Equal(0x2UL | 0x28 | 0x80, table.FaultCode);

        // Without a linear address bits 7 and 8 stay clear.
        WalkResult plain = Walk(chain, All, false, AccessIntent.Write);
        Assert.Equal(0x2UL | 0x28, plain.FaultCode);
    }

    [Fact]
    public void Section1_AccessedAndDirtyFlagsAreSetOnlyWithEptp6AndOnlyOnSuccess()
    {
        foreach (bool accessedDirty in new[] { false, true })
        {
            var chain = new EntryChain(ept: true, levels: 4);
            byte[] before = chain.Snapshot();
            Assert.True(Walk(chain, All, accessedDirty, AccessIntent.Read).IsTranslated);
            ulong a = accessedDirty ? 1UL << 8 : 0;
            for (int level = 4; level >= 1; level--)
                Assert.Equal(BitConverter.ToUInt64(before, (int)chain.EntryAddress(level)) | a, chain.Get(level));

            Assert.True(Walk(chain, All, accessedDirty, AccessIntent.Write).IsTranslated);
            ulong d = accessedDirty ? 1UL << 9 : 0;
            Assert.Equal(BitConverter.ToUInt64(before, (int)chain.EntryAddress(1)) | a | d, chain.Get(1));
            Assert.Equal(0UL, chain.Get(2) & (1UL << 9));   // D only in the leaf
        }

        var failing = new EntryChain(ept: true, levels: 4);
        failing.Set(1, 0x00AB_C000 | 0x30 | 0b001);      // read-only leaf
        byte[] untouched = failing.Snapshot();
        Assert.Equal(WalkStatus.PermissionFault, Walk(failing, All, true, AccessIntent.Write).Status);
        failing.AssertMemoryEquals(untouched, "a failed walk sets nothing");
    }

    [Theory]
    [InlineData(0x1EUL, Base, 52, true)]                                                  // WB, 4-level
    [InlineData(0x18UL, Base, 52, false)]                                                 // UC not offered
    [InlineData(0x18UL, Base | EptVpidCapabilities.MemoryTypeUc, 52, true)]               // UC offered
    [InlineData(0x1EUL, Base & ~EptVpidCapabilities.MemoryTypeWb, 52, false)]             // WB not offered
    [InlineData(0x19UL, All, 52, false)]                                                  // memory type 1
    [InlineData(0x1AUL, All, 52, false)]                                                  // memory type 2
    [InlineData(0x1BUL, All, 52, false)]                                                  // memory type 3
    [InlineData(0x1CUL, All, 52, false)]                                                  // memory type 4
    [InlineData(0x1DUL, All, 52, false)]                                                  // memory type 5
    [InlineData(0x1FUL, All, 52, false)]                                                  // memory type 7
    [InlineData(0x16UL, All, 52, false)]                                                  // walk length 3
    [InlineData(0x06UL, All, 52, false)]                                                  // walk length 1
    [InlineData(0x2EUL, All, 52, false)]                                                  // walk length 6
    [InlineData(0x26UL, Base & ~EptVpidCapabilities.PageWalkLength5, 52, false)]          // 5-level not offered
    [InlineData(0x1EUL, Base & ~EptVpidCapabilities.PageWalkLength4, 52, false)]          // 4-level not offered
    [InlineData(0x5EUL, Base, 52, false)]                                                 // A/D without cap 21
    [InlineData(0x5EUL, Base | EptVpidCapabilities.AccessedDirty, 52, true)]              // A/D with cap 21
    [InlineData(0x9EUL, All, 52, false)]                                                  // bit 7 (SSS, refused for L1)
    [InlineData(0x11EUL, All, 52, false)]                                                 // bit 8
    [InlineData(0x21EUL, All, 52, false)]                                                 // bit 9
    [InlineData(0x41EUL, All, 52, false)]                                                 // bit 10
    [InlineData(0x81EUL, All, 52, false)]                                                 // bit 11
    [InlineData(0x0000_0010_0000_001EUL, All, 36, false)]                                 // address bit 36, M=36
    [InlineData(0x0000_0008_0000_001EUL, All, 36, true)]                                  // address bit 35, M=36
    [InlineData(0x0000_0080_0000_001EUL, All, 39, false)]                                 // bit 39, M=39
    [InlineData(0x0000_4000_0000_001EUL, All, 46, false)]                                 // bit 46, M=46
    [InlineData(0x0008_0000_0000_001EUL, All, 52, true)]                                  // bit 51, M=52
    [InlineData(0x8000_0000_0000_001EUL, All, 52, false)]                                 // bit 63
    public void Section2_EptpIsCheckedAgainstWhatL0Offers(ulong eptp, EptVpidCapabilities caps, int maxPhysAddr, bool valid)
    {
        var memory = new NestedVirt.Memory.GuestMemory(EntryChain.MemorySize);
        PagingConfig config = PagingConfig.Ept(eptp, caps, maxPhysAddr);
        Assert.Equal(valid, config.RootValid);

        WalkResult r = PageWalker.Walk<EptFormat>(memory, config, 0x1000, AccessIntent.Read);
        if (valid)
        {
            Assert.NotEqual(WalkStatus.InvalidRoot, r.Status);
            return;
        }
        Assert.Equal(WalkStatus.InvalidRoot, r.Status);
        Assert.Equal(0UL, r.FaultCode);
        Assert.Equal(0, r.EntriesRead);
        Assert.Equal(FaultStage.Nested, r.Stage);
    }

    [Fact]
    public void Section2_EptpSelectsLevelsAndRoot()
    {
        var chain = new EntryChain(ept: true, levels: 5);
        var state = default(WalkState);
        PagingConfig config = PagingConfig.Ept(chain.Eptp(false), Base, 52);
        Assert.Equal(5, config.Levels);
        Assert.Equal(0x5000UL, config.RootTable);
        WalkResult r = PageWalker.Walk<EptFormat>(chain.Memory, config, EntryChain.Probe5, AccessIntent.Read, ref state);
        Assert.Equal(EntryChain.DefaultOutput, r.Address);
        Assert.Equal(5, r.EntriesRead);
        for (int level = 5; level >= 1; level--)
            Assert.Equal(chain.EntryAddress(level), state.EntryAddress[level - 1]);
    }

    [Fact]
    public void GpaBeyondTheWalksReachIsAddressTooWide()
    {
        var four = new EntryChain(ept: true, levels: 4);
        WalkResult r = Walk(four, All, false, AccessIntent.Read, address: EntryChain.Probe4 | (1UL << 48));
        Assert.Equal(WalkStatus.AddressTooWide, r.Status);
        Assert.Equal(0, r.EntriesRead);
        Assert.True(Walk(four, All, false, AccessIntent.Read, address: EntryChain.Probe4).IsTranslated);

        // Five levels reach 57 bits, but a guest-physical address has at most 52.
        var five = new EntryChain(ept: true, levels: 5);
        Assert.Equal(WalkStatus.AddressTooWide, Walk(five, All, false, AccessIntent.Read, address: EntryChain.Probe5 | (1UL << 52)).Status);
        Assert.NotEqual(WalkStatus.AddressTooWide, Walk(five, All, false, AccessIntent.Read, address: EntryChain.Probe5 | (1UL << 51)).Status);
    }

    [Fact]
    public void N04a_RootOrTableOutsideMemoryIsTableOutsideMemory()
    {
        var memory = new NestedVirt.Memory.GuestMemory(EntryChain.MemorySize);
        PagingConfig config = PagingConfig.Ept(0x4000_0000 | 0x1E, All, 52);
        WalkResult r = PageWalker.Walk<EptFormat>(memory, config, EntryChain.Probe4, AccessIntent.Read);
        Assert.Equal(WalkStatus.TableOutsideMemory, r.Status);
        Assert.Equal(4, r.Level);
        Assert.Equal(0, r.EntriesRead);
        Assert.Equal(FaultStage.Nested, r.Stage);

        var chain = new EntryChain(ept: true, levels: 4);
        chain.Set(2, 0x0000_0001_0000_0000 | 0b111);   // PT at 4 GiB
        r = Walk(chain, All, false, AccessIntent.Read);
        Assert.Equal(WalkStatus.TableOutsideMemory, r.Status);
        Assert.Equal(1, r.Level);
        Assert.Equal(3, r.EntriesRead);
    }

    private static WalkResult Walk(EntryChain chain, EptVpidCapabilities caps, bool accessedDirty, AccessIntent intent,
        int maxPhysAddr = 52, ulong? address = null)
    {
        PagingConfig config = PagingConfig.Ept(chain.Eptp(accessedDirty), caps, maxPhysAddr);
        var state = default(WalkState);
        return PageWalker.Walk<EptFormat>(chain.Memory, config, address ?? chain.Probe, intent, ref state);
    }

    private static ulong Bits(int low, int high)
    {
        ulong mask = 0;
        for (int bit = low; bit <= high; bit++)
            mask |= 1UL << bit;
        return mask;
    }
}
