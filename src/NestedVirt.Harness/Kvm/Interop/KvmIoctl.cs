using System.Runtime.CompilerServices;

namespace NestedVirt.Harness.Kvm.Interop;

/// <summary>
/// KVM ioctl request numbers, computed as the kernel computes them rather than copied as hex:
/// <c>_IOC(dir, type, nr, size) = dir &lt;&lt; 30 | size &lt;&lt; 16 | type &lt;&lt; 8 | nr</c>
/// (<c>include/uapi/asm-generic/ioctl.h</c>: 8 bits nr, 8 bits type, 14 bits size, 2 bits
/// direction; <c>_IOC_WRITE</c> = 1, <c>_IOC_READ</c> = 2), with <c>KVMIO</c> = 0xAE and the
/// numbers of <c>include/uapi/linux/kvm.h</c>. The struct sizes come from our own layouts, so a
/// wrong layout changes the number and the kernel refuses the call (ENOTTY) instead of
/// corrupting memory.
/// </summary>
internal static class KvmIoctl
{
    /// <summary><c>KVMIO</c>, the ioctl type byte of every KVM request.</summary>
    public const uint KvmIo = 0xAE;

    /// <summary><c>KVM_API_VERSION</c>: the only stable API version there has ever been.</summary>
    public const int ApiVersion = 12;

    /// <summary><c>KVM_CAP_USER_MEMORY</c>, required for <c>KVM_SET_USER_MEMORY_REGION</c>.</summary>
    public const int CapUserMemory = 3;

    private const uint IocNone = 0;
    private const uint IocWrite = 1;
    private const uint IocRead = 2;

    /// <summary><c>_IO(KVMIO, 0x00)</c>, system fd.</summary>
    public static readonly nuint GetApiVersion = Io(0x00);

    /// <summary><c>_IO(KVMIO, 0x01)</c>, system fd; returns a VM fd.</summary>
    public static readonly nuint CreateVm = Io(0x01);

    /// <summary><c>_IO(KVMIO, 0x03)</c>, system or VM fd.</summary>
    public static readonly nuint CheckExtension = Io(0x03);

    /// <summary><c>_IO(KVMIO, 0x04)</c>, system fd: size of the vCPU's <c>kvm_run</c> mapping.</summary>
    public static readonly nuint GetVcpuMmapSize = Io(0x04);

    /// <summary><c>_IO(KVMIO, 0x41)</c>, VM fd; returns a vCPU fd.</summary>
    public static readonly nuint CreateVcpu = Io(0x41);

    /// <summary><c>_IOW(KVMIO, 0x46, struct kvm_userspace_memory_region)</c>, VM fd.</summary>
    public static readonly nuint SetUserMemoryRegion = Iow(0x46, Unsafe.SizeOf<KvmUserspaceMemoryRegion>());

    /// <summary><c>_IO(KVMIO, 0x80)</c>, vCPU fd.</summary>
    public static readonly nuint Run = Io(0x80);

    /// <summary><c>_IOR(KVMIO, 0x81, struct kvm_regs)</c>, vCPU fd.</summary>
    public static readonly nuint GetRegs = Ior(0x81, Unsafe.SizeOf<KvmRegs>());

    /// <summary><c>_IOW(KVMIO, 0x82, struct kvm_regs)</c>, vCPU fd.</summary>
    public static readonly nuint SetRegs = Iow(0x82, Unsafe.SizeOf<KvmRegs>());

    /// <summary><c>_IOR(KVMIO, 0x83, struct kvm_sregs)</c>, vCPU fd.</summary>
    public static readonly nuint GetSregs = Ior(0x83, Unsafe.SizeOf<KvmSregs>());

    /// <summary><c>_IOW(KVMIO, 0x84, struct kvm_sregs)</c>, vCPU fd.</summary>
    public static readonly nuint SetSregs = Iow(0x84, Unsafe.SizeOf<KvmSregs>());

    /// <summary><c>_IOC(dir, type, nr, size)</c> of <c>include/uapi/asm-generic/ioctl.h</c>.</summary>
    public static nuint Ioc(uint direction, uint type, uint number, int size) =>
        (nuint)((direction << 30) | ((uint)size << 16) | (type << 8) | number);

    private static nuint Io(uint number) => Ioc(IocNone, KvmIo, number, 0);

    private static nuint Ior(uint number, int size) => Ioc(IocRead, KvmIo, number, size);

    private static nuint Iow(uint number, int size) => Ioc(IocWrite, KvmIo, number, size);
}
