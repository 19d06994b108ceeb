namespace NestedVirt.Kvm;

/// <summary>
/// Linux errno numbers (<c>include/uapi/asm-generic/errno-base.h</c>) used by the modelled KVM
/// ioctls. As in the kernel, the ioctls return them negated (<c>-LinuxErrno.EINVAL</c>); 0 is
/// success.
/// </summary>
public static class LinuxErrno
{
    /// <summary>No such file or directory: deassigning an unknown eventfd connection.</summary>
    public const int ENOENT = 2;

    /// <summary>Bad file number: the fd is not an open eventfd.</summary>
    public const int EBADF = 9;

    /// <summary>Out of memory: the preallocated table is full (where the kernel would fail an allocation).</summary>
    public const int ENOMEM = 12;

    /// <summary>File exists: the connection id already has an eventfd.</summary>
    public const int EEXIST = 17;

    /// <summary>Invalid argument: bad flags, an unknown capability, or an unknown mask bit.</summary>
    public const int EINVAL = 22;

    /// <summary>Operation not supported (<c>include/uapi/asm-generic/errno.h</c>): what Xen's compiled-out nested stubs return.</summary>
    public const int EOPNOTSUPP = 95;
}
