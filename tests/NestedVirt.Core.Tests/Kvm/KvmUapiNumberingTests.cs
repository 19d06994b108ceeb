using NestedVirt.Kvm;

namespace NestedVirt.Core.Tests.Kvm;

/// <summary>The one KVM uapi table: numbers as Linux include/uapi/linux/kvm.h and asm-generic/errno-base.h give them.</summary>
public sealed class KvmUapiNumberingTests
{
    [Theory]
    [InlineData(KvmExitReason.Unknown, 0)]
    [InlineData(KvmExitReason.Exception, 1)]
    [InlineData(KvmExitReason.Io, 2)]
    [InlineData(KvmExitReason.Hlt, 5)]
    [InlineData(KvmExitReason.Mmio, 6)]
    [InlineData(KvmExitReason.Shutdown, 8)]
    [InlineData(KvmExitReason.FailEntry, 9)]
    [InlineData(KvmExitReason.Intr, 10)]
    [InlineData(KvmExitReason.InternalError, 17)]
    [InlineData(KvmExitReason.Hyperv, 27)]
    public void ExitReasonsAreNumberedAsKvmH(KvmExitReason reason, uint expected) => Assert.Equal(expected, (uint)reason);

    [Theory]
    [InlineData(LinuxErrno.EPERM, 1, "EPERM")]
    [InlineData(LinuxErrno.ENOENT, 2, "ENOENT")]
    [InlineData(LinuxErrno.EINTR, 4, "EINTR")]
    [InlineData(LinuxErrno.ENXIO, 6, "ENXIO")]
    [InlineData(LinuxErrno.EBADF, 9, "EBADF")]
    [InlineData(LinuxErrno.EAGAIN, 11, "EAGAIN")]
    [InlineData(LinuxErrno.ENOMEM, 12, "ENOMEM")]
    [InlineData(LinuxErrno.EACCES, 13, "EACCES")]
    [InlineData(LinuxErrno.EEXIST, 17, "EEXIST")]
    [InlineData(LinuxErrno.ENODEV, 19, "ENODEV")]
    [InlineData(LinuxErrno.EINVAL, 22, "EINVAL")]
    public void ErrnoValuesAreNumberedAsErrnoBaseAndNamed(int errno, int expected, string name)
    {
        Assert.Equal(expected, errno);
        Assert.Equal(name, LinuxErrno.Name(errno));
    }

    [Fact]
    public void AnErrnoOutsideTheTableIsNamedByNumber() => Assert.Equal("errno 97", LinuxErrno.Name(97));
}
