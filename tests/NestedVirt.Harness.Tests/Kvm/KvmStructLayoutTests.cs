using System.Runtime.CompilerServices;
using NestedVirt.Harness.Kvm.Interop;

namespace NestedVirt.Harness.Tests.Kvm;

// Sizes and offsets: include/uapi/linux/kvm.h and arch/x86/include/uapi/asm/kvm.h, checked
// with sizeof/offsetof in a C program built against the system headers.
public sealed unsafe class KvmStructLayoutTests
{
    [Fact]
    public void StructSizesMatchTheKernelUapi()
    {
        Assert.Equal(32, Unsafe.SizeOf<KvmUserspaceMemoryRegion>());
        Assert.Equal(144, Unsafe.SizeOf<KvmRegs>());
        Assert.Equal(24, Unsafe.SizeOf<KvmSegment>());
        Assert.Equal(16, Unsafe.SizeOf<KvmDtable>());
        Assert.Equal(312, Unsafe.SizeOf<KvmSregs>());
        Assert.Equal(16, Unsafe.SizeOf<KvmRunIo>());
    }

    [Fact]
    public void SregsFieldsSitAtKernelOffsets()
    {
        KvmSregs s = default;
        byte* b = (byte*)&s;
        Assert.Equal(0, (byte*)&s.Cs - b);
        Assert.Equal(168, (byte*)&s.Ldt - b);
        Assert.Equal(192, (byte*)&s.Gdt - b);
        Assert.Equal(224, (byte*)&s.Cr0 - b);
        Assert.Equal(264, (byte*)&s.Efer - b);
        Assert.Equal(272, (byte*)&s.ApicBase - b);
        Assert.Equal(280, (byte*)s.InterruptBitmap - b);
    }

    [Fact]
    public void SegmentAndRegsFieldsSitAtKernelOffsets()
    {
        KvmSegment seg = default;
        byte* b = (byte*)&seg;
        Assert.Equal(8, (byte*)&seg.Limit - b);
        Assert.Equal(12, (byte*)&seg.Selector - b);
        Assert.Equal(14, (byte*)&seg.Type - b);
        Assert.Equal(22, (byte*)&seg.Unusable - b);

        KvmRegs regs = default;
        byte* r = (byte*)&regs;
        Assert.Equal(32, (byte*)&regs.Rsi - r);
        Assert.Equal(40, (byte*)&regs.Rdi - r);
        Assert.Equal(128, (byte*)&regs.Rip - r);
        Assert.Equal(136, (byte*)&regs.Rflags - r);
    }

    [Fact]
    public void KvmRunExitReasonAndIoArmSitAtKernelOffsets()
    {
        // offsetof(struct kvm_run, exit_reason) = 8, io = 32, io.port = 34, io.count = 36,
        // io.data_offset = 40.
        Assert.Equal(8, KvmRunLayout.ExitReasonOffset);
        Assert.Equal(32, KvmRunLayout.IoOffset);
        KvmRunIo io = default;
        byte* b = (byte*)&io;
        Assert.Equal(0, (byte*)&io.Direction - b);
        Assert.Equal(1, (byte*)&io.Size - b);
        Assert.Equal(2, (byte*)&io.Port - b);
        Assert.Equal(4, (byte*)&io.Count - b);
        Assert.Equal(8, (byte*)&io.DataOffset - b);
    }
}
