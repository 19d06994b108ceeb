using System.Runtime.InteropServices;

namespace NestedVirt.Harness.Kvm.Interop;

/// <summary><c>struct kvm_regs</c> (<c>arch/x86/include/uapi/asm/kvm.h</c>): 18 x __u64, 144 bytes.</summary>
[StructLayout(LayoutKind.Explicit, Size = 144)]
internal struct KvmRegs
{
    [FieldOffset(0)] public ulong Rax;
    [FieldOffset(8)] public ulong Rbx;
    [FieldOffset(16)] public ulong Rcx;
    [FieldOffset(24)] public ulong Rdx;
    [FieldOffset(32)] public ulong Rsi;
    [FieldOffset(40)] public ulong Rdi;
    [FieldOffset(48)] public ulong Rsp;
    [FieldOffset(56)] public ulong Rbp;
    [FieldOffset(64)] public ulong R8;
    [FieldOffset(72)] public ulong R9;
    [FieldOffset(80)] public ulong R10;
    [FieldOffset(88)] public ulong R11;
    [FieldOffset(96)] public ulong R12;
    [FieldOffset(104)] public ulong R13;
    [FieldOffset(112)] public ulong R14;
    [FieldOffset(120)] public ulong R15;
    [FieldOffset(128)] public ulong Rip;
    [FieldOffset(136)] public ulong Rflags;
}
