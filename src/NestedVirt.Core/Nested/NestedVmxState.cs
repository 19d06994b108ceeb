namespace NestedVirt.Nested;

/// <summary>
/// L0's nested-VMX state for one vCPU (KVM <c>vmx-&gt;nested</c> plus the parts of vmcs01/vmcs02
/// the model needs). Allocated once at setup; routing and reflection mutate it in place and never
/// allocate. L1 memory (eVMCS, VP assist page, bitmaps, MSR lists) is reached through the
/// <c>GuestMemory</c> passed to each call, at the GPAs held here.
/// </summary>
public sealed class NestedVmxState
{
    /// <summary>KVM's <c>INVALID_GPA</c> (all ones).</summary>
    public const ulong InvalidGpa = ulong.MaxValue;

    /// <summary>The cached vmcs12.</summary>
    public Vmcs12 Vmcs12 { get; } = new();

    /// <summary>L2's live guest state in vmcs02 (authoritative while <see cref="GuestMode"/>).</summary>
    public VmxGuestState L2;

    /// <summary>L1's own state (vmcs01 guest state); loaded from vmcs12's host fields on a nested exit.</summary>
    public VmxGuestState L1;

    /// <summary>L2 is the current guest (KVM <c>is_guest_mode</c>).</summary>
    public bool GuestMode;

    /// <summary>L1 executed VMXON (KVM <c>vmx-&gt;nested.vmxon</c>).</summary>
    public bool VmxOn;

    /// <summary>GPA of the current (non-enlightened) vmcs12, or <see cref="InvalidGpa"/>.</summary>
    public ulong CurrentVmptr = InvalidGpa;

    /// <summary>GPA of the enlightened VMCS in use, or <see cref="InvalidGpa"/> (KVM <c>hv_evmcs_vmptr</c>).</summary>
    public ulong EvmcsGpa = InvalidGpa;

    /// <summary>GPA of L1's VP assist page (HV_X64_MSR_VP_ASSIST_PAGE), or <see cref="InvalidGpa"/> when disabled.</summary>
    public ulong VpAssistPageGpa = InvalidGpa;

    /// <summary>The vCPU has Hyper-V state (KVM <c>to_hv_vcpu(vcpu) != NULL</c>); G-01 requires it.</summary>
    public bool HasHyperVState;

    /// <summary>Userspace enabled enlightened VMCS for the vCPU (KVM <c>guest_cpu_cap_has_evmcs</c>).</summary>
    public bool EnlightenedVmcsEnabled;

    /// <summary>L0 uses hardware VMCS shadowing for L1 (KVM module parameter <c>enable_shadow_vmcs</c>).</summary>
    public bool ShadowVmcsForL1;

    /// <summary>L0 runs with EPT (KVM <c>enable_ept</c>): PDPTRs are part of prepare_vmcs02_rare.</summary>
    public bool L0UsesEpt = true;

    /// <summary>SGX is exposed to L1 (gates the ENCLS row of model 01 §3.3).</summary>
    public bool SgxExposedToL1;

    /// <summary>An MTF exit is pending for L2 (dropped by step 1 of the nested exit).</summary>
    public bool MtfPending;

    /// <summary>vmcs12 must be copied to the shadow VMCS or eVMCS before L1 runs (step 7 of §4.1).</summary>
    public bool NeedVmcs12ToShadowSync;

    /// <summary>The rare guest fields of vmcs12 are stale (lazy sync without eVMCS, §4.1 table).</summary>
    public bool NeedSyncVmcs02ToVmcs12Rare;

    /// <summary>L1 changed a vmcs12 field outside the shadowed set: prepare_vmcs02_rare must run (§4.2 step 6).</summary>
    public bool DirtyVmcs12;

    /// <summary>An enlightened VMCS is in use.</summary>
    public bool IsEvmcsInUse => EvmcsGpa != InvalidGpa;
}
