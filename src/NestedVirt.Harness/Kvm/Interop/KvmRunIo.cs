using System.Runtime.InteropServices;

namespace NestedVirt.Harness.Kvm.Interop;

/// <summary>
/// The <c>io</c> arm of <c>struct kvm_run</c>'s exit union (<c>include/uapi/linux/kvm.h</c>),
/// 16 bytes at <see cref="KvmRunLayout.IoOffset"/>. The data bytes live in the same mapping at
/// <see cref="DataOffset"/> from the start of <c>kvm_run</c>.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 16)]
internal struct KvmRunIo
{
    /// <summary><c>KVM_EXIT_IO_IN</c> = 0, <c>KVM_EXIT_IO_OUT</c> = 1.</summary>
    [FieldOffset(0)] public byte Direction;
    [FieldOffset(1)] public byte Size;
    [FieldOffset(2)] public ushort Port;
    [FieldOffset(4)] public uint Count;
    [FieldOffset(8)] public ulong DataOffset;

    /// <summary><c>KVM_EXIT_IO_OUT</c>.</summary>
    public const byte DirectionOut = 1;
}
