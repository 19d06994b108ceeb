using System.Runtime.InteropServices;

namespace NestedVirt.Userspace;

/// <summary>
/// <c>struct kvm_hyperv_exit</c> (Linux <c>include/uapi/linux/kvm.h</c>), the
/// <c>kvm_run.hyperv</c> member valid when the exit reason is <see cref="Kvm.KvmExitReason.Hyperv"/>:
/// type u32 @0, pad1 u32 @4, then a union at @8 of three arms.
/// </summary>
/// <remarks>
/// <para>HCALL arm (type 2): input @8, result @16, params[0] @24, params[1] @32 (ends at 40).</para>
/// <para>SYNIC arm (type 1): msr u32 @8, pad2 @12, control @16, evt_page @24, msg_page @32.</para>
/// <para>SYNDBG arm (type 3): msr u32 @8, pad2 @12, control @16, status @24, send_page @32,
/// recv_page @40, pending_page @48. It is the largest arm, so the whole structure is 56 bytes,
/// although the HCALL arm the hypercall path uses ends at byte 40.</para>
/// Userspace receives it by <see langword="ref"/> and writes <see cref="HcallResult"/>.
/// </remarks>
[StructLayout(LayoutKind.Explicit, Size = 56)]
public struct KvmHypervExit
{
    /// <summary>Which arm is valid: a <see cref="KvmHypervExitType"/> value.</summary>
    [FieldOffset(0)] public uint Type;

    /// <summary>HCALL: the whole hypercall input value, fast bit as the guest set it.</summary>
    [FieldOffset(8)] public ulong HcallInput;

    /// <summary>HCALL: the 64-bit result value userspace writes back (H-17).</summary>
    [FieldOffset(16)] public ulong HcallResult;

    /// <summary>HCALL <c>params[0]</c>: the input GPA, the fast input, or the 8 bytes a slow HvSignalEvent already read.</summary>
    [FieldOffset(24)] public ulong HcallParam0;

    /// <summary>HCALL <c>params[1]</c>: the output GPA or fast output parameter.</summary>
    [FieldOffset(32)] public ulong HcallParam1;

    /// <summary>SYNIC: the SynIC MSR that changed.</summary>
    [FieldOffset(8)] public uint SynicMsr;

    /// <summary>SYNIC: SCONTROL value.</summary>
    [FieldOffset(16)] public ulong SynicControl;

    /// <summary>SYNIC: SIEFP value (event flags page).</summary>
    [FieldOffset(24)] public ulong SynicEvtPage;

    /// <summary>SYNIC: SIMP value (message page).</summary>
    [FieldOffset(32)] public ulong SynicMsgPage;

    /// <summary>SYNDBG: the synthetic debugger MSR that changed.</summary>
    [FieldOffset(8)] public uint SyndbgMsr;

    /// <summary>SYNDBG: control value.</summary>
    [FieldOffset(16)] public ulong SyndbgControl;

    /// <summary>SYNDBG: status value.</summary>
    [FieldOffset(24)] public ulong SyndbgStatus;

    /// <summary>SYNDBG: send buffer page.</summary>
    [FieldOffset(32)] public ulong SyndbgSendPage;

    /// <summary>SYNDBG: receive buffer page.</summary>
    [FieldOffset(40)] public ulong SyndbgRecvPage;

    /// <summary>SYNDBG: pending buffer page.</summary>
    [FieldOffset(48)] public ulong SyndbgPendingPage;
}
