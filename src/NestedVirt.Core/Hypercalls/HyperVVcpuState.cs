namespace NestedVirt.Hypercalls;

/// <summary>
/// Per-vCPU Hyper-V state the hypercall handler consults (KVM <c>struct kvm_vcpu_hv</c> and its
/// CPUID cache). Passed by <see langword="in"/>; the handler never changes it.
/// </summary>
public struct HyperVVcpuState
{
    /// <summary>
    /// Hyper-V hypercalls are enabled (KVM <c>kvm_hv_hypercall_enabled</c>: Hyper-V CPUID exposed
    /// and the guest OS id written). When false, VMCALL is KVM's own PV hypercall, not modelled here.
    /// </summary>
    public bool HypercallEnabled;

    /// <summary>This vCPU's SynIC is active; without it KVM answers HvPostMessage (and a fallen-through HvSignalEvent) with INVALID_HYPERCALL_INPUT.</summary>
    public bool SynicActive;

    /// <summary><c>KVM_CAP_HYPERV_ENFORCE_CPUID</c>: check each call against the guest's Hyper-V CPUID (H-12).</summary>
    public bool EnforceCpuid;

    /// <summary>Guest CPUID 0x40000003 EBX (partition privileges; see <see cref="HvCpuidBits"/>).</summary>
    public uint FeaturesEbx;

    /// <summary>Guest CPUID 0x40000003 EDX (features; bit 4 XMM input).</summary>
    public uint FeaturesEdx;

    /// <summary>Guest CPUID 0x40000004 EAX (implementation recommendations).</summary>
    public uint EnlightenmentsEax;

    /// <summary>Guest CPUID 0x40000004 EBX (spin-wait retry count; 0 or 0xFFFFFFFF deny HvCallNotifyLongSpinWait under enforcement).</summary>
    public uint EnlightenmentsEbx;

    /// <summary>The synthetic debugger is enabled for this vCPU (<c>kvm_hv_is_syndbg_enabled</c>).</summary>
    public bool SyndbgEnabled;

    /// <summary>The synthetic debugger uses hypercalls (<c>HV_X64_SYNDBG_OPTION_USE_HCALLS</c>).</summary>
    public bool SyndbgUsesHypercalls;

    /// <summary>The vCPU is running L2 (KVM <c>is_guest_mode</c>); enables the H-16 TlbLockCount read after flush calls.</summary>
    public bool GuestMode;

    /// <summary>L1 GPA of the partition-assist page (from the eVMCS/VMCB enlightenments); TlbLockCount is its u32 at offset 0.</summary>
    public ulong PartitionAssistPageGpa;

    /// <summary>
    /// A vCPU as KVM's <c>kvm_get_hv_cpuid</c> suggests it to userspace: hypercalls enabled, SynIC
    /// active, CPUID enforcement off, and the privilege/recommendation bits KVM advertises.
    /// </summary>
    public static HyperVVcpuState KvmDefault => new()
    {
        HypercallEnabled = true,
        SynicActive = true,
        FeaturesEbx = HvCpuidBits.PostMessages | HvCpuidBits.SignalEvents
            | HvCpuidBits.Debugging | HvCpuidBits.EnableExtendedHypercalls,
        FeaturesEdx = HvCpuidBits.XmmInputAvailable,
        EnlightenmentsEax = HvCpuidBits.RemoteTlbFlushRecommended
            | HvCpuidBits.ClusterIpiRecommended | HvCpuidBits.ExProcessorMasksRecommended,
        EnlightenmentsEbx = 0x00000FFF,
    };
}
