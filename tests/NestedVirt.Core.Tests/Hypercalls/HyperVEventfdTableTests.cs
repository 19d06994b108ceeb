using NestedVirt.Hypercalls;
using NestedVirt.Kvm;

namespace NestedVirt.Tests.Hypercalls;

/// <summary>The KVM_HYPERV_EVENTFD ioctl (kvm_vm_ioctl_hv_eventfd) and the signal path.</summary>
public class HyperVEventfdTableTests
{
    private readonly HyperVEventfdTable table = new(capacity: 3, eventfdCount: 2);

    [Fact]
    public void AssignThenSignalCountsOnTheEventfd()
    {
        Assert.Equal(0, table.Ioctl(KvmHypervEventfd.Assign(0x00FF_FFFF, fd: 1)));

        Assert.True(table.TrySignal(0x00FF_FFFF));
        Assert.True(table.TrySignal(0x00FF_FFFF));
        Assert.False(table.TrySignal(5));
        Assert.Equal(2, table.GetSignalCount(1));
        Assert.Equal(0, table.GetSignalCount(0));
    }

    [Fact]
    public void ConnectionsMayShareAnEventfd()
    {
        Assert.Equal(0, table.Ioctl(KvmHypervEventfd.Assign(7, fd: 0)));
        Assert.Equal(0, table.Ioctl(KvmHypervEventfd.Assign(3, fd: 0)));

        table.TrySignal(7);
        table.TrySignal(3);
        Assert.Equal(2, table.GetSignalCount(0));
    }

    [Fact]
    public void UnknownFlagIsEinval()
    {
        var args = new KvmHypervEventfd { ConnId = 1, Fd = 0, Flags = 2 };
        Assert.Equal(-LinuxErrno.EINVAL, table.Ioctl(args));
        Assert.Equal(-22, table.Ioctl(args));
    }

    [Fact]
    public void ConnectionIdWiderThan24BitsIsEinval()
    {
        Assert.Equal(-LinuxErrno.EINVAL, table.Ioctl(KvmHypervEventfd.Assign(0x0100_0000, fd: 0)));
        Assert.Equal(-LinuxErrno.EINVAL, table.Ioctl(KvmHypervEventfd.Deassign(0x0100_0000)));
    }

    [Fact]
    public void AssigningAnIdTwiceIsEexist()
    {
        Assert.Equal(0, table.Ioctl(KvmHypervEventfd.Assign(9, fd: 0)));
        Assert.Equal(-LinuxErrno.EEXIST, table.Ioctl(KvmHypervEventfd.Assign(9, fd: 1)));
        Assert.Equal(-17, -LinuxErrno.EEXIST);
    }

    [Fact]
    public void DeassigningAnUnknownIdIsEnoent()
    {
        Assert.Equal(-LinuxErrno.ENOENT, table.Ioctl(KvmHypervEventfd.Deassign(9)));
        Assert.Equal(-2, -LinuxErrno.ENOENT);
    }

    [Fact]
    public void DeassignRemovesTheIdAndAllowsReassign()
    {
        Assert.Equal(0, table.Ioctl(KvmHypervEventfd.Assign(9, fd: 0)));
        Assert.Equal(0, table.Ioctl(KvmHypervEventfd.Deassign(9)));

        Assert.False(table.TrySignal(9));
        Assert.Equal(-LinuxErrno.ENOENT, table.Ioctl(KvmHypervEventfd.Deassign(9)));
        Assert.Equal(0, table.Ioctl(KvmHypervEventfd.Assign(9, fd: 1)));
    }

    [Fact]
    public void AnFdThatIsNotAnEventfdIsEbadf()
    {
        Assert.Equal(-LinuxErrno.EBADF, table.Ioctl(KvmHypervEventfd.Assign(1, fd: 2)));
        Assert.Equal(-LinuxErrno.EBADF, table.Ioctl(KvmHypervEventfd.Assign(1, fd: -1)));
    }

    [Fact]
    public void AFullTableIsEnomem()
    {
        for (uint id = 1; id <= 3; id++)
            Assert.Equal(0, table.Ioctl(KvmHypervEventfd.Assign(id, fd: 0)));
        Assert.Equal(-LinuxErrno.ENOMEM, table.Ioctl(KvmHypervEventfd.Assign(4, fd: 0)));
    }

    [Fact]
    public void LookupStaysCorrectAcrossInsertsAndRemovalsInAnyOrder()
    {
        var big = new HyperVEventfdTable(capacity: 64, eventfdCount: 64);
        var rng = new Random(1234);
        var reference = new Dictionary<uint, int>();
        for (int step = 0; step < 2000; step++)
        {
            uint id = (uint)rng.Next(0, 100);
            if (rng.Next(2) == 0)
            {
                int fd = rng.Next(64);
                int expected = reference.ContainsKey(id) ? -LinuxErrno.EEXIST : reference.Count == 64 ? -LinuxErrno.ENOMEM : 0;
                Assert.Equal(expected, big.Ioctl(KvmHypervEventfd.Assign(id, fd)));
                if (expected == 0)
                    reference[id] = fd;
            }
            else
            {
                Assert.Equal(reference.Remove(id) ? 0 : -LinuxErrno.ENOENT, big.Ioctl(KvmHypervEventfd.Deassign(id)));
            }

            uint probe = (uint)rng.Next(0, 100);
            Assert.Equal(reference.TryGetValue(probe, out int want), big.TryGetEventfd(probe, out int got));
            Assert.Equal(reference.ContainsKey(probe) ? want : -1, got);
        }
        Assert.Equal(reference.Count, big.Count);
    }
}
