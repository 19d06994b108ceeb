using System.Runtime.InteropServices;

namespace NestedVirt.Kvm;

/// <summary>
/// <c>struct kvm_hyperv_eventfd</c>, the argument of the VM ioctl <c>KVM_HYPERV_EVENTFD</c>
/// (Linux <c>include/uapi/linux/kvm.h</c>): conn_id u32 @0, fd s32 @4, flags u32 @8, padding[3]
/// @12; 24 bytes. The ioctl number is not modelled (not verified, model 02 §6).
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 24)]
public struct KvmHypervEventfd
{
    /// <summary><c>KVM_HYPERV_CONN_ID_MASK</c>: connection ids must fit 24 bits.</summary>
    public const uint ConnIdMask = 0x00FF_FFFF;

    /// <summary><c>KVM_HYPERV_EVENTFD_DEASSIGN</c>: the only valid flag; removes the connection's eventfd.</summary>
    public const uint DeassignFlag = 1;

    /// <summary>Connection id (bits 23:0 only).</summary>
    [FieldOffset(0)] public uint ConnId;

    /// <summary>The eventfd to signal (ignored on deassign).</summary>
    [FieldOffset(4)] public int Fd;

    /// <summary>0 to assign, <see cref="DeassignFlag"/> to deassign.</summary>
    [FieldOffset(8)] public uint Flags;

    /// <summary>Creates an assign request.</summary>
    public static KvmHypervEventfd Assign(uint connId, int fd) => new() { ConnId = connId, Fd = fd };

    /// <summary>Creates a deassign request.</summary>
    public static KvmHypervEventfd Deassign(uint connId) => new() { ConnId = connId, Fd = -1, Flags = DeassignFlag };
}
