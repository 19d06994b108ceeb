namespace NestedVirt.Exits;

/// <summary>
/// L0's own interests and state at the time of one exit from L2: the inputs of
/// <c>nested_vmx_l0_wants_exit</c> / <c>nested_svm_exit_special</c> that are not vmcs12/vmcb12
/// state. The zero value means "L0 has no special interest", which is the common case.
/// </summary>
[Flags]
public enum L0ExitFlags : uint
{
    /// <summary>No flag set.</summary>
    None = 0,

    /// <summary>D-01: the hardware VM entry into L2 failed late (KVM <c>vmx-&gt;fail</c>). VMX only.</summary>
    EntryFailed = 1 << 0,

    /// <summary>
    /// L2 made the exit outside CPL 0. Only the relay reads it, and only with
    /// <c>RelayCorrections.RequireCpl0</c>: the patch as posted ignores CPL.
    /// </summary>
    CallerNotAtCpl0 = 1 << 1,

    /// <summary>G-03: L1's Hyper-V CPUID 0x4000000A.EAX has <c>HV_X64_NESTED_DIRECT_FLUSH</c> (bit 17).</summary>
    HvDirectFlushCpuid = 1 << 2,

    /// <summary>G-01 (VMX) or G-02 (SVM) is open; evaluate it with <c>DirectHypercallGate</c>.</summary>
    L2DirectHypercallGateOpen = 1 << 3,

    /// <summary>KVM was built without <c>CONFIG_KVM_HYPERV</c>: the VMCALL row of D-02 does not exist.</summary>
    KvmHypervCompiledOut = 1 << 4,

    /// <summary>A host async page fault is pending (<c>vcpu-&gt;arch.apf.host_apf_flags</c>): L0 keeps #PF.</summary>
    HostAsyncPageFault = 1 << 5,

    /// <summary>L0 itself needs #PF intercepts (shadow paging, <c>allow_smaller_maxphyaddr</c>; <c>vmx_need_pf_intercept</c>).</summary>
    L0NeedsPageFaults = 1 << 6,

    /// <summary>Userspace debugs the guest with single-step or hardware breakpoints: L0 keeps #DB.</summary>
    GuestDebugSingleStepOrHwBp = 1 << 7,

    /// <summary>Userspace debugs the guest with software breakpoints: L0 keeps #BP.</summary>
    GuestDebugSwBp = 1 << 8,

    /// <summary>An #AC that KVM must not inject into the guest (<c>!vmx_guest_inject_ac</c>): L0 keeps it.</summary>
    AlignmentCheckNotInjectable = 1 << 9,

    /// <summary>CPUID is not allowed for the vCPU (<c>!kvm_is_cpuid_allowed</c>; details unverified): L0 keeps CPUID.</summary>
    CpuidNotAllowed = 1 << 10,
}
