namespace NestedVirt.Topology;

/// <summary>
/// Where things live in L1's 16 MiB of memory in a <see cref="NestedTopology"/>. L2's physical
/// space [0, 4 MiB) is backed by L1 GPAs [8 MiB, 12 MiB): L1's EPT/NPT maps L2 GPA x to x + 8 MiB.
/// </summary>
public static class TopologyLayout
{
    /// <summary>Size of L1's memory.</summary>
    public const ulong MemorySize = 16UL << 20;

    /// <summary>vmcs12 (without eVMCS).</summary>
    public const ulong Vmcs12Gpa = 0x1_0000;

    /// <summary>The enlightened VMCS.</summary>
    public const ulong EvmcsGpa = 0x1_1000;

    /// <summary>L1's VP assist page.</summary>
    public const ulong VpAssistGpa = 0x1_2000;

    /// <summary>vmcb12.</summary>
    public const ulong Vmcb12Gpa = 0x2_0000;

    /// <summary>L1's MSR permission map for L2 (SVM).</summary>
    public const ulong MsrpmGpa = 0x2_2000;

    /// <summary>L1's I/O permission map for L2 (SVM).</summary>
    public const ulong IopmGpa = 0x2_4000;

    /// <summary>L1's hypercall page (where a forwarding L1 issues its own call).</summary>
    public const ulong L1HypercallPageGpa = 0x3_0000;

    /// <summary>L1's EPT/NPT for L2: 1 MiB of tables.</summary>
    public const ulong NestedTablesGpa = 0x10_0000;

    /// <summary>What L1's EPT/NPT adds to an L2 GPA.</summary>
    public const ulong L2ToL1Offset = 0x80_0000;

    /// <summary>Bytes of L2 physical memory mapped.</summary>
    public const ulong L2MemorySize = 0x40_0000;

    /// <summary>L2's own page tables, at this L2 GPA.</summary>
    public const ulong L2TablesGpa = 0x10_0000;

    /// <summary>L2's hypercall page, at this L2 GPA.</summary>
    public const ulong L2HypercallPageGpa = 0x20_0000;

    /// <summary>The page L2 posts its message from (the hypercall input GPA).</summary>
    public const ulong L2MessagePageGpa = 0x30_0000;

    /// <summary>L2's linear address of its hypercall page (a Windows-like kernel address).</summary>
    public const ulong L2HypercallPageVa = 0xFFFF_F800_0000_0000;
}
