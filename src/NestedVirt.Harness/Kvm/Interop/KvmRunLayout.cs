namespace NestedVirt.Harness.Kvm.Interop;

/// <summary>
/// Where the calibrator reads <c>struct kvm_run</c> (<c>include/uapi/linux/kvm.h</c>), which the
/// kernel shares through the vCPU fd's mapping: <c>request_interrupt_window</c> and 7 bytes of
/// padding, then <c>__u32 exit_reason</c> at 8; after <c>ready_for_interrupt_injection</c>,
/// <c>if_flag</c>, <c>flags</c> (to 16), <c>cr8</c> and <c>apic_base</c> (to 32) comes the exit
/// union at 32 (x86 has no <c>psw_*</c> fields).
/// </summary>
internal static class KvmRunLayout
{
    /// <summary>Offset of <c>exit_reason</c>.</summary>
    public const int ImmediateExitOffset = 1;

    public const int ExitReasonOffset = 8;

    /// <summary>Offset of the exit union, and so of its <c>io</c> arm.</summary>
    public const int IoOffset = 32;
}
