namespace NestedVirt.L0;

/// <summary>
/// The header of <c>struct kvm_nested_state</c> (Linux <c>include/uapi/linux/kvm.h</c>), the
/// argument of <c>KVM_SET_NESTED_STATE</c>, reduced to the fields the model checks (B-32).
/// </summary>
/// <param name="Flags"><c>KVM_STATE_NESTED_*</c>: <see cref="GuestModeFlag"/>, <see cref="RunPendingFlag"/>, <see cref="EvmcsFlag"/>.</param>
/// <param name="Format"><see cref="FormatVmx"/> or <see cref="FormatSvm"/>.</param>
/// <param name="VmxonPa">VMX: <c>hdr.vmx.vmxon_pa</c>, or <see cref="InvalidGpa"/> when L1 is not in VMX operation.</param>
public readonly record struct KvmNestedState(ushort Flags, ushort Format, ulong VmxonPa = KvmNestedState.InvalidGpa)
{
    /// <summary><c>KVM_STATE_NESTED_FORMAT_VMX</c>.</summary>
    public const ushort FormatVmx = 0;

    /// <summary><c>KVM_STATE_NESTED_FORMAT_SVM</c>.</summary>
    public const ushort FormatSvm = 1;

    /// <summary><c>KVM_STATE_NESTED_GUEST_MODE</c>: the vCPU was running L2.</summary>
    public const ushort GuestModeFlag = 0x1;

    /// <summary><c>KVM_STATE_NESTED_RUN_PENDING</c>.</summary>
    public const ushort RunPendingFlag = 0x2;

    /// <summary><c>KVM_STATE_NESTED_EVMCS</c>.</summary>
    public const ushort EvmcsFlag = 0x4;

    /// <summary>KVM's <c>INVALID_GPA</c>.</summary>
    public const ulong InvalidGpa = ulong.MaxValue;

    /// <summary>
    /// <c>KVM_CHECK_EXTENSION(KVM_CAP_NESTED_STATE)</c> on VMX: the 128-byte header plus two
    /// 4 KiB vmcs12 images (<c>vmx_get_nested_state</c> with no vCPU).
    /// </summary>
    public const int MaxVmxSize = 128 + 2 * 4096;

    /// <summary>The same on SVM: the header plus one 4 KiB VMCB (<c>svm_get_nested_state</c>).</summary>
    public const int MaxSvmSize = 128 + 4096;

    /// <summary>A VMX state with L1 in VMX operation at <paramref name="vmxonPa"/>.</summary>
    public static KvmNestedState VmxOn(ulong vmxonPa, bool guestMode = false) =>
        new(guestMode ? GuestModeFlag : (ushort)0, FormatVmx, vmxonPa);

    /// <summary>An SVM state, in guest mode or not.</summary>
    public static KvmNestedState Svm(bool guestMode) => new(guestMode ? GuestModeFlag : (ushort)0, FormatSvm);

    /// <summary>The "no nested state" a VMM restores into every vCPU of a VM that never used nesting.</summary>
    public static KvmNestedState None(ushort format) => new(0, format);
}
