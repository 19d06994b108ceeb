using NestedVirt.Nested;

namespace NestedVirt.Reflection;

/// <summary>
/// What L1's exit handler does between the nested exit and its VMRESUME/VMRUN, as input to a round
/// trip. Another component (the L1 policy models) fills it; the reflection code turns it into
/// exits, field accesses and clean-bit changes according to how L1 reaches vmcs12.
/// </summary>
public readonly struct L1HandlerCost
{
    /// <summary>Exits from L1 to L0 the handler causes for its own work (hypercalls, MSR accesses, CPUID...). Each costs one L1→L0 exit and one L0→L1 entry.</summary>
    public int OtherL1Exits { get; init; }

    /// <summary>vmcs12 fields the handler reads (VMREAD, or a plain load from the eVMCS).</summary>
    public int VmReads { get; init; }

    /// <summary>vmcs12 fields the handler writes (VMWRITE, or a plain store into the eVMCS).</summary>
    public int VmWrites { get; init; }

    /// <summary>Of <see cref="VmReads"/>, those outside L0's shadow-VMCS set (they exit even with shadow VMCS).</summary>
    public int UnshadowedVmReads { get; init; }

    /// <summary>Of <see cref="VmWrites"/>, those outside the shadowed read/write set (they exit and mark vmcs12 dirty).</summary>
    public int UnshadowedVmWrites { get; init; }

#if INTEL_VMX
    /// <summary>eVMCS groups the handler changes: their clean bits are cleared before VMRESUME.</summary>
    public EvmcsCleanFields DirtiedEvmcsGroups { get; init; }
#endif

#if AMD_SVM
    /// <summary>SVM: vmcb12 clean bits the handler clears (the groups it changed).</summary>
    public VmcbCleanBits DirtiedVmcbGroups { get; init; }
#endif
}
