namespace NestedVirt.Hypercalls;

/// <summary>
/// Hyper-V CPUID bits the hypercall checks read (TLFS "Feature Discovery"; Linux
/// <c>hvgdk_mini.h</c>; KVM <c>hv_check_hypercall_access</c>).
/// </summary>
public static class HvCpuidBits
{
    /// <summary>CPUID 0x40000003 EBX bit 4: PostMessages privilege (HvCallPostMessage).</summary>
    public const uint PostMessages = 1u << 4;

    /// <summary>CPUID 0x40000003 EBX bit 5: SignalEvents privilege (HvCallSignalEvent).</summary>
    public const uint SignalEvents = 1u << 5;

    /// <summary>CPUID 0x40000003 EBX bit 11: Debugging privilege (SynDbg hypercalls).</summary>
    public const uint Debugging = 1u << 11;

    /// <summary>CPUID 0x40000003 EBX bit 20: EnableExtendedHypercalls (0x8001-0x8041).</summary>
    public const uint EnableExtendedHypercalls = 1u << 20;

    /// <summary>CPUID 0x40000003 EDX bit 4: XMM fast hypercall input available.</summary>
    public const uint XmmInputAvailable = 1u << 4;

    /// <summary>CPUID 0x40000004 EAX bit 2: use hypercalls for remote TLB flushes.</summary>
    public const uint RemoteTlbFlushRecommended = 1u << 2;

    /// <summary>CPUID 0x40000004 EAX bit 10: use cluster-IPI hypercalls.</summary>
    public const uint ClusterIpiRecommended = 1u << 10;

    /// <summary>CPUID 0x40000004 EAX bit 11: use the Ex (sparse processor set) forms.</summary>
    public const uint ExProcessorMasksRecommended = 1u << 11;
}
