using System.Runtime.InteropServices;

namespace NestedVirt.Harness.Kvm.Interop;

/// <summary><c>struct kvm_dtable</c> (GDTR/IDTR; <c>arch/x86/include/uapi/asm/kvm.h</c>), 16 bytes.</summary>
[StructLayout(LayoutKind.Explicit, Size = 16)]
internal struct KvmDtable
{
    [FieldOffset(0)] public ulong Base;
    [FieldOffset(8)] public ushort Limit;
}
