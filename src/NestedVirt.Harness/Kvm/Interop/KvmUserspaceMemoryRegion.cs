using System.Runtime.InteropServices;

namespace NestedVirt.Harness.Kvm.Interop;

/// <summary><c>struct kvm_userspace_memory_region</c> (<c>include/uapi/linux/kvm.h</c>), 32 bytes.</summary>
[StructLayout(LayoutKind.Explicit, Size = 32)]
internal struct KvmUserspaceMemoryRegion
{
    [FieldOffset(0)] public uint Slot;
    [FieldOffset(4)] public uint Flags;
    [FieldOffset(8)] public ulong GuestPhysicalAddress;
    [FieldOffset(16)] public ulong MemorySize;
    [FieldOffset(24)] public ulong UserspaceAddress;
}
