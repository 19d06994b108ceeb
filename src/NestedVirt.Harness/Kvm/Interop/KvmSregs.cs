using System.Runtime.InteropServices;

namespace NestedVirt.Harness.Kvm.Interop;

/// <summary>
/// <c>struct kvm_sregs</c> (<c>arch/x86/include/uapi/asm/kvm.h</c>), 312 bytes: eight segments,
/// GDT/IDT, CR0/2/3/4/8, EFER, APIC base and a 256-bit pending-interrupt bitmap. The calibrator
/// reads it, changes CS only, and writes every other byte back unchanged.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 312)]
internal unsafe struct KvmSregs
{
    [FieldOffset(0)] public KvmSegment Cs;
    [FieldOffset(24)] public KvmSegment Ds;
    [FieldOffset(48)] public KvmSegment Es;
    [FieldOffset(72)] public KvmSegment Fs;
    [FieldOffset(96)] public KvmSegment Gs;
    [FieldOffset(120)] public KvmSegment Ss;
    [FieldOffset(144)] public KvmSegment Tr;
    [FieldOffset(168)] public KvmSegment Ldt;
    [FieldOffset(192)] public KvmDtable Gdt;
    [FieldOffset(208)] public KvmDtable Idt;
    [FieldOffset(224)] public ulong Cr0;
    [FieldOffset(232)] public ulong Cr2;
    [FieldOffset(240)] public ulong Cr3;
    [FieldOffset(248)] public ulong Cr4;
    [FieldOffset(256)] public ulong Cr8;
    [FieldOffset(264)] public ulong Efer;
    [FieldOffset(272)] public ulong ApicBase;

    /// <summary><c>interrupt_bitmap[(KVM_NR_INTERRUPTS + 63) / 64]</c> with 256 interrupts.</summary>
    [FieldOffset(280)] public fixed ulong InterruptBitmap[4];
}
