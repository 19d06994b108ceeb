using NestedVirt.Counters;
using NestedVirt.Exits;
using NestedVirt.Memory;
using NestedVirt.Nested;
using NestedVirt.Reflection;
using NestedVirt.Tests.Nested;

namespace NestedVirt.Tests.Reflection;

/// <summary>
/// Path counters of one reflected VMX round trip (model 01 §4), with every expected number written
/// as the sum of the table entries of model 01 §4 it comes from. Baseline: a HLT exit from a 64-bit L2,
/// vmcs12 without EPT or optional save controls, L0 using EPT, no MSR lists.
/// </summary>
public sealed class VmxReflectionCountTests
{
    private static readonly ExitInfo Hlt = ExitInfo.Vmx(VmxExitReason.Hlt);

    private static PathCounters RoundTrip(NestedVmxState state, GuestMemory memory, in L1HandlerCost handler)
    {
        var counters = new PathCounters();
        Assert.Equal(VmxTransitionStatus.Resumed, VmxReflection.ReflectAndResume(state, memory, Hlt, handler, ref counters));
        return counters;
    }

    [Fact]
    public void CleanEvmcsRoundTripCountsAreTheSumOfTheSpecTables()
    {
        (NestedVmxState state, GuestMemory memory) = NestedFixtures.Vmx(evmcs: true);

        PathCounters c = RoundTrip(state, memory, new L1HandlerCost { VmReads = 5, VmWrites = 2 });

        // Exit (§4.1): rare 35 (eager with eVMCS) + common 12 + CR3 under L0 EPT 1 + prepare_vmcs12 8
        // + load_vmcs12_host_state 30 + eVMCS write-back 72 (copy_vmcs12_to_enlightened).
        int exitMoves = 35 + 12 + 1 + 8 + 30 + 72;
        // Entry (§4.2): eVMCS copy with all groups clean = the 2 always-copied fields; early 9 + early
        // rare 2 (eVMCS); prepare_vmcs02_rare with GUEST_GRP1/GRP2 clean = only the 10 other fields;
        // prepare_vmcs02 common 16.
        int entryMoves = 2 + 9 + 2 + 10 + 16;
        Assert.Equal(exitMoves + entryMoves, c.VmcsFieldsRead);
        // Writes add the 5 vmcs01 rewrites of §4.1 step 5.
        Assert.Equal(exitMoves + 5 + entryMoves, c.VmcsFieldsWritten);
        // VP assist EnlightenVmEntry (1) + CurrentNestedVmcs (8), eVMCS clean fields (4).
        Assert.Equal(1 + 8 + 4, c.GuestBytesRead);
        // Clean fields set to ALL after prepare_vmcs02.
        Assert.Equal(4, c.GuestBytesWritten);
        // The handler's 5 VMREADs and 2 VMWRITEs are eVMCS loads and stores: no exits.
        Assert.Equal(1, c.L0ToL1Entries);
        Assert.Equal(1, c.L1ToL0Exits);
        Assert.Equal(1, c.L0ToL2Entries);
        Assert.Equal(0, c.L2ToL0Exits);
    }

    [Fact]
    public void DirtyGuestGrp2CostsIts36FieldsInTheCopyAndInPrepareVmcs02Rare()
    {
        (NestedVmxState cleanState, GuestMemory cleanMemory) = NestedFixtures.Vmx(evmcs: true);
        (NestedVmxState dirtyState, GuestMemory dirtyMemory) = NestedFixtures.Vmx(evmcs: true);

        PathCounters clean = RoundTrip(cleanState, cleanMemory, default);
        PathCounters dirty = RoundTrip(dirtyState, dirtyMemory, new L1HandlerCost { DirtiedEvmcsGroups = EvmcsCleanFields.GuestGrp2 });

        // §4.3: GUEST_GRP2 holds 36 fields; dirty, they are copied eVMCS -> vmcs12 and then written to vmcs02.
        Assert.Equal(36 + 36, dirty.VmcsFieldsRead - clean.VmcsFieldsRead);
        Assert.Equal(36 + 36, dirty.VmcsFieldsWritten - clean.VmcsFieldsWritten);
        Assert.Equal(clean.Transitions, dirty.Transitions);
    }

    [Fact]
    public void DirtyGuestGrp1CostsItsCopyAndTheRareWritesIncludingPdptrsUnderEpt()
    {
        (NestedVmxState cleanState, GuestMemory cleanMemory) = NestedFixtures.Vmx(evmcs: true);
        (NestedVmxState dirtyState, GuestMemory dirtyMemory) = NestedFixtures.Vmx(evmcs: true);

        PathCounters clean = RoundTrip(cleanState, cleanMemory, default);
        PathCounters dirty = RoundTrip(dirtyState, dirtyMemory, new L1HandlerCost { DirtiedEvmcsGroups = EvmcsCleanFields.GuestGrp1 });

        // copy_enlightened_to_vmcs12 GUEST_GRP1: 15 fields; §4.3: SYSENTER CS/ESP/EIP + pending debug
        // exceptions (4) + 4 PDPTRs because L0 uses EPT.
        Assert.Equal(15 + 4 + 4, dirty.VmcsFieldsRead - clean.VmcsFieldsRead);
    }

    [Fact]
    public void FullyDirtyEvmcsCopiesEveryGroup()
    {
        (NestedVmxState cleanState, GuestMemory cleanMemory) = NestedFixtures.Vmx(evmcs: true);
        (NestedVmxState dirtyState, GuestMemory dirtyMemory) = NestedFixtures.Vmx(evmcs: true);

        PathCounters clean = RoundTrip(cleanState, cleanMemory, default);
        PathCounters dirty = RoundTrip(dirtyState, dirtyMemory, new L1HandlerCost { DirtiedEvmcsGroups = EvmcsCleanFields.All });

        // Copy: 109 fields instead of the 2 always copied; rare: GRP2 36 + GRP1 4 + PDPTRs 4.
        Assert.Equal((109 - 2) + 36 + 4 + 4, dirty.VmcsFieldsRead - clean.VmcsFieldsRead);
    }

    [Fact]
    public void EntryLeavesEveryEvmcsCleanBitSet()
    {
        (NestedVmxState state, GuestMemory memory) = NestedFixtures.Vmx(evmcs: true);

        RoundTrip(state, memory, new L1HandlerCost { DirtiedEvmcsGroups = EvmcsCleanFields.Crdr | EvmcsCleanFields.GuestBasic });

        Assert.True(new EnlightenedVmcs(memory, NestedFixtures.EvmcsGpa).TryReadCleanFields(out EvmcsCleanFields clean));
        Assert.Equal(EvmcsCleanFields.All, clean);
    }

    [Fact]
    public void WithoutEvmcsOrShadowVmcsEveryVmreadAndVmwriteIsAnExitPair()
    {
        (NestedVmxState state, GuestMemory memory) = NestedFixtures.Vmx();

        PathCounters c = RoundTrip(state, memory, new L1HandlerCost { VmReads = 5, VmWrites = 2 });

        // One L0->L1 entry for the reflected exit, one L1->L0 exit for VMRESUME, plus 7 emulated accesses.
        Assert.Equal(1 + 7, c.L1ToL0Exits);
        Assert.Equal(1 + 7, c.L0ToL1Entries);
        Assert.Equal(1, c.L0ToL2Entries);
        // Exit: rare stays lazy (no eVMCS); common 12 + CR3 1 + prepare_vmcs12 8 + host 30; no shadow sync.
        // Handler: 5 VMREADs read one vmcs12 field each. Entry: early 9, prepare_vmcs02 common 16 (vmcs12 not dirty).
        Assert.Equal((12 + 1 + 8 + 30) + 5 + (9 + 16), c.VmcsFieldsRead);
        Assert.Equal((12 + 1 + 8 + 5 + 30) + 2 + (9 + 16), c.VmcsFieldsWritten);
    }

    [Fact]
    public void EvmcsRemovesTheVmreadVmwriteExits()
    {
        var handler = new L1HandlerCost { VmReads = 20, VmWrites = 6 };
        (NestedVmxState plainState, GuestMemory plainMemory) = NestedFixtures.Vmx();
        (NestedVmxState evmcsState, GuestMemory evmcsMemory) = NestedFixtures.Vmx(evmcs: true);

        PathCounters plain = RoundTrip(plainState, plainMemory, handler);
        PathCounters evmcs = RoundTrip(evmcsState, evmcsMemory, handler);

        Assert.Equal(3 + 2 * 26, plain.Transitions);
        Assert.Equal(3, evmcs.Transitions);
    }

    [Fact]
    public void ShadowVmcsTrapsOnlyUnshadowedAccessesAndAnUnshadowedWriteMakesVmcs12Dirty()
    {
        (NestedVmxState state, GuestMemory memory) = NestedFixtures.Vmx(shadowVmcs: true);

        PathCounters c = RoundTrip(state, memory, new L1HandlerCost { VmReads = 5, UnshadowedVmReads = 1, VmWrites = 2, UnshadowedVmWrites = 1 });

        Assert.Equal(1 + 2, c.L1ToL0Exits);
        Assert.Equal(1 + 2, c.L0ToL1Entries);
        // Exit: common 13 + prepare 8 + host 30 + copy_vmcs12_to_shadow (23 RW + 11 RO).
        // Handler: lazy rare sync 35 on the first trapping access, 1 emulated VMREAD.
        // Entry: copy_shadow_to_vmcs12 23; early 9 + early rare 2 (dirty); rare 36 + 4 + 4 + 10; common 16.
        int exit = 13 + 8 + 30 + 34;
        int handler = 35 + 1;
        int entry = 23 + 9 + 2 + (36 + 4 + 4 + 10) + 16;
        Assert.Equal(exit + handler + entry, c.VmcsFieldsRead);
        Assert.False(state.DirtyVmcs12);
    }

    [Fact]
    public void PaeL2UnderNestedEptSyncsAndReloadsThePdptrs()
    {
        (NestedVmxState pae, GuestMemory paeMemory) = NestedFixtures.Vmx();
        (NestedVmxState flat, GuestMemory flatMemory) = NestedFixtures.Vmx();
        foreach (NestedVmxState s in new[] { pae, flat })
        {
            s.Vmcs12.PrimaryControls = PrimaryProcessorControls.ActivateSecondaryControls;
            s.Vmcs12.SecondaryControls = SecondaryProcessorControls.EnableEpt;
            s.DirtyVmcs12 = true;
        }
        // 32-bit PAE paging: CR0.PG, CR4.PAE, EFER.LMA clear.
        pae.L2.Efer = 0;
        pae.Vmcs12.Guest.Efer = 0;

        PathCounters withPae = RoundTrip(pae, paeMemory, default);
        PathCounters without = RoundTrip(flat, flatMemory, default);

        // §4.1: 4 PDPTRs synced under EPT; §4.2: loaded late by prepare_vmcs02 after the rare path.
        Assert.Equal(4 + 4, withPae.VmcsFieldsRead - without.VmcsFieldsRead);
    }

    [Fact]
    public void ConditionalSyncFieldsFollowTheVmcs12Controls()
    {
        (NestedVmxState plain, GuestMemory plainMemory) = NestedFixtures.Vmx();
        (NestedVmxState rich, GuestMemory richMemory) = NestedFixtures.Vmx();
        rich.Vmcs12.ExitControls |= VmExitControls.SaveDebugControls | VmExitControls.SaveEfer | VmExitControls.SavePreemptionTimer;
        rich.Vmcs12.PinControls = PinBasedControls.ActivatePreemptionTimer;
        rich.Vmcs12.PrimaryControls = PrimaryProcessorControls.ActivateSecondaryControls;
        rich.Vmcs12.SecondaryControls = SecondaryProcessorControls.VirtualInterruptDelivery;

        var a = new PathCounters();
        var b = new PathCounters();
        VmxReflection.ReflectExit(plain, plainMemory, Hlt, ref a);
        VmxReflection.ReflectExit(rich, richMemory, Hlt, ref b);

        // §4.1 conditional: DR7 1 + EFER 1 + preemption timer 1 + guest interrupt status 1.
        Assert.Equal(4, b.VmcsFieldsRead - a.VmcsFieldsRead);
    }
}
