using NestedVirt.Counters;
using NestedVirt.Topology;
using NestedVirt.X86;

namespace NestedVirt.Tests.Topology;

/// <summary>
/// What each path costs in <see cref="PathCounters"/>, the numbers that go into cover letters.
/// Expected values are derived in comments from docs/model, never read back from the model.
/// </summary>
public class PathCounterTests
{
    public static TheoryData<CpuVendor, L1Policy> VendorsAndPolicies()
    {
        var data = new TheoryData<CpuVendor, L1Policy>();
        foreach (CpuVendor vendor in Stack.Compiled)
        {
            data.Add(vendor, L1Policy.DropsRootPost);
            data.Add(vendor, L1Policy.ForwardsToL0);
        }
        return data;
    }

    public static TheoryData<CpuVendor, int> VendorsAndLevels()
    {
        var data = new TheoryData<CpuVendor, int>();
        foreach (CpuVendor vendor in Stack.Compiled)
        {
            data.Add(vendor, 4);
            data.Add(vendor, 5);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(VendorsAndPolicies))]
    public void ReflectionCostsStrictlyMoreTransitionsThanTheRelay(CpuVendor vendor, L1Policy policy)
    {
        PathCounters relay = Run(new TopologyOptions { Vendor = vendor, RelayMask = Stack.PostBit });
        PathCounters reflect = Run(new TopologyOptions { Vendor = vendor, L1Policy = policy });

        // Relay: the L2->L0 exit and the L0->L2 entry (model 01 §3.4, L2 stays current).
        Assert.Equal(2, relay.Transitions);
        // Reflection: L2->L0 exit, L0->L1 entry (nested exit), L1->L0 exit (VMRESUME/VMRUN),
        // L0->L2 entry; a forwarding L1 adds its own hypercall exit and L0's entry back into L1.
        int expected = policy == L1Policy.ForwardsToL0 ? 6 : 4;
        Assert.Equal(expected, reflect.Transitions);
        Assert.True(reflect.Transitions > relay.Transitions);
    }

#if INTEL_VMX
    [Fact]
    public void EvmcsDirtyFieldsCost151MoreVmcsFieldAccessesOnTheReflectionPath()
    {
        PathCounters clean = Run(new TopologyOptions { Vendor = CpuVendor.Intel, L1LeavesCleanFields = true });
        PathCounters dirty = Run(new TopologyOptions { Vendor = CpuVendor.Intel, L1LeavesCleanFields = false });

        // L1's VMRESUME with every hv_clean_fields bit cleared (model 01 §4.3) makes L0:
        //  - copy_enlightened_to_vmcs12: every gated group instead of none. The groups hold
        //    IO_BITMAP 2 + MSR_BITMAP 1 + CONTROL_GRP2 5 + CONTROL_GRP1 3 + CONTROL_PROC 1
        //    + CONTROL_EVENT 3 + CONTROL_ENTRY 1 + CONTROL_EXCPN 1 + CRDR 8 + CONTROL_XLAT 2
        //    + GUEST_BASIC 3 + GUEST_GRP1 15 + GUEST_GRP2 36 + HOST_POINTER 6 + HOST_GRP1 17
        //    + ENLIGHTENMENTSCONTROL 3 = 107 fields (the 2 ungated ones are copied either way);
        //  - prepare_vmcs02_rare: GUEST_GRP2 dirty -> 36 segment VMWRITEs (8 selectors, 10 limits,
        //    8 access rights, 10 bases); GUEST_GRP1 dirty -> SYSENTER CS/ESP/EIP and pending debug
        //    exceptions (4) and, L0 using EPT, the 4 PDPTRs (BNDCFGS needs MPX: not modelled).
        // Each moved field is one read and one write: 107 + 36 + 4 + 4 = 151.
        const int delta = 107 + 36 + 4 + 4;
        Assert.Equal(delta, dirty.VmcsFieldsRead - clean.VmcsFieldsRead);
        Assert.Equal(delta, dirty.VmcsFieldsWritten - clean.VmcsFieldsWritten);
        // Clean bits change copies, not world switches.
        Assert.Equal(clean.Transitions, dirty.Transitions);
    }
#endif

#if AMD_SVM
    [Fact]
    public void VmcbDirtyCleanBitsCostMoreOnTheSvmReflectionPath()
    {
        PathCounters clean = Run(new TopologyOptions { Vendor = CpuVendor.Amd, L1LeavesCleanFields = true });
        PathCounters dirty = Run(new TopologyOptions { Vendor = CpuVendor.Amd, L1LeavesCleanFields = false });

        // APM 15.15.3: a cleared VMCB clean bit makes the CPU (here L0's nested_svm_vmrun) reload
        // the group; segments, descriptor tables and debug registers are skipped only when clean.
        Assert.True(dirty.VmcsFieldsRead > clean.VmcsFieldsRead);
        Assert.Equal(clean.Transitions, dirty.Transitions);
    }
#endif

#if AMD_SVM
    [Theory]
    [InlineData(4, 24)]
    [InlineData(5, 35)]
    public void SvmWithoutNripsAddsOneTwoDimensionalFetchWalk(int levels, int walkEntries)
    {
        // W-01: a cold 2-D walk of an n-level guest over an m-level NPT reads
        // (n+1)(m+1) - 1 entries: 24 for 4/4, 35 for 5/5. No nested TLB, so every walk is cold.
        Assert.Equal((levels + 1) * (levels + 1) - 1, walkEntries);
        var options = new TopologyOptions { Vendor = CpuVendor.Amd, RelayMask = Stack.PostBit, Levels = levels, NestedTlb = false };
        PathCounters nrips = Run(options);
        PathCounters decode = Run(options with { Nrips = false });

        Assert.Equal(1, decode.Walks - nrips.Walks);
        Assert.Equal(walkEntries, decode.GuestEntriesRead - nrips.GuestEntriesRead);
        // The fetch costs entries, not transitions.
        Assert.Equal(nrips.Transitions, decode.Transitions);
    }
#endif

    [Theory]
    [MemberData(nameof(VendorsAndLevels))]
    public void RelayTranslationIsOneColdWalkOfL1sTable(CpuVendor vendor, int levels)
    {
        // the input GPA goes through L1's EPT/NPT once, one entry per level without a TLB.
        PathCounters relay = Run(new TopologyOptions { Vendor = vendor, RelayMask = Stack.PostBit, Levels = levels, NestedTlb = false });

        Assert.Equal(1, relay.Walks);
        Assert.Equal(levels, relay.GuestEntriesRead);
    }

    private static PathCounters Run(TopologyOptions options)
    {
        var stack = NestedTopology.Create(options);
        var regs = Stack.InitiateContact(stack);
        var counters = default(PathCounters);
        stack.HandleL2Hypercall(ref regs, ref counters);
        return counters;
    }
}
