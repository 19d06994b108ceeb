using NestedVirt.Harness.Kvm.Interop;

namespace NestedVirt.Harness.Tests.Kvm;

public sealed class KvmIoctlTests
{
    // Expected values: include/uapi/linux/kvm.h (KVMIO 0xAE; _IO/_IOR/_IOW numbers 0x00, 0x01,
    // 0x03, 0x04, 0x41, 0x46, 0x80-0x84) encoded by include/uapi/asm-generic/ioctl.h
    // (dir << 30 | size << 16 | type << 8 | nr, WRITE = 1, READ = 2), with sizeof(struct
    // kvm_userspace_memory_region) = 0x20, kvm_regs = 0x90, kvm_sregs = 0x138. Cross-checked by
    // printing the macros from a C program built against the system's <linux/kvm.h>.
    public static TheoryData<string, ulong, ulong> Requests => new()
    {
        { "KVM_GET_API_VERSION", KvmIoctl.GetApiVersion, 0xAE00 },
        { "KVM_CREATE_VM", KvmIoctl.CreateVm, 0xAE01 },
        { "KVM_CHECK_EXTENSION", KvmIoctl.CheckExtension, 0xAE03 },
        { "KVM_GET_VCPU_MMAP_SIZE", KvmIoctl.GetVcpuMmapSize, 0xAE04 },
        { "KVM_CREATE_VCPU", KvmIoctl.CreateVcpu, 0xAE41 },
        { "KVM_SET_USER_MEMORY_REGION", KvmIoctl.SetUserMemoryRegion, 0x4020AE46 },
        { "KVM_RUN", KvmIoctl.Run, 0xAE80 },
        { "KVM_GET_REGS", KvmIoctl.GetRegs, 0x8090AE81 },
        { "KVM_SET_REGS", KvmIoctl.SetRegs, 0x4090AE82 },
        { "KVM_GET_SREGS", KvmIoctl.GetSregs, 0x8138AE83 },
        { "KVM_SET_SREGS", KvmIoctl.SetSregs, 0x4138AE84 },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public void IoctlNumberMatchesLinuxUapiHeader(string name, ulong actual, ulong expected)
    {
        Assert.True(expected == actual, $"{name}: 0x{actual:X} != 0x{expected:X}");
    }

    [Fact]
    public void IocEncodesDirectionSizeTypeAndNumberInTheirFields()
    {
        // _IOWR(0x12, 0x34, 0x1ABC-byte struct): dir 3 in bits 31:30, size in 29:16.
        Assert.Equal(0xDABC1234UL, (ulong)KvmIoctl.Ioc(3, 0x12, 0x34, 0x1ABC));
    }

    [Fact]
    public void ApiVersionIsTwelve()
    {
        // include/uapi/linux/kvm.h: #define KVM_API_VERSION 12.
        Assert.Equal(12, KvmIoctl.ApiVersion);
    }
}
