namespace NestedVirt.Kvm;

/// <summary>
/// Linux errno numbers (<c>include/uapi/asm-generic/errno-base.h</c>), the one table for the
/// modelled KVM ioctls (which, as in the kernel, return them negated: <c>-LinuxErrno.EINVAL</c>;
/// 0 is success) and for the harness's real system calls (<c>/dev/kvm</c>, <c>link(2)</c>).
/// </summary>
public static class LinuxErrno
{
    /// <summary>Operation not permitted: opening <c>/dev/kvm</c> without the right.</summary>
    public const int EPERM = 1;

    /// <summary>No such file or directory: deassigning an unknown eventfd connection; no <c>/dev/kvm</c>.</summary>
    public const int ENOENT = 2;

    /// <summary>Interrupted system call: a signal ended KVM_RUN (the runtime suspends threads with signals).</summary>
    public const int EINTR = 4;

    /// <summary>No such device or address: <c>/dev/kvm</c> without a KVM module behind it.</summary>
    public const int ENXIO = 6;

    /// <summary>Bad file number: the fd is not an open eventfd.</summary>
    public const int EBADF = 9;

    /// <summary>Try again: KVM_RUN may return it while a request is pending.</summary>
    public const int EAGAIN = 11;

    /// <summary>Out of memory: the preallocated table is full (where the kernel would fail an allocation).</summary>
    public const int ENOMEM = 12;

    /// <summary>Permission denied: <c>/dev/kvm</c> not readable and writable by this user.</summary>
    public const int EACCES = 13;

    /// <summary>File exists: the connection id already has an eventfd; <c>link(2)</c> onto a taken name.</summary>
    public const int EEXIST = 17;

    /// <summary>No such device: <c>/dev/kvm</c> without a KVM module behind it.</summary>
    public const int ENODEV = 19;

    /// <summary>Invalid argument: bad flags, an unknown capability, or an unknown mask bit.</summary>
    public const int EINVAL = 22;

    /// <summary>Operation not supported (<c>include/uapi/asm-generic/errno.h</c>): what Xen's compiled-out nested stubs return.</summary>
    public const int EOPNOTSUPP = 95;

    /// <summary>The symbolic name (<c>EINVAL</c>), or <c>errno N</c> for a number not in this table.</summary>
    public static string Name(int errno) => errno switch
    {
        EPERM => nameof(EPERM),
        ENOENT => nameof(ENOENT),
        EINTR => nameof(EINTR),
        ENXIO => nameof(ENXIO),
        EBADF => nameof(EBADF),
        EAGAIN => nameof(EAGAIN),
        ENOMEM => nameof(ENOMEM),
        EACCES => nameof(EACCES),
        EEXIST => nameof(EEXIST),
        ENODEV => nameof(ENODEV),
        EINVAL => nameof(EINVAL),
        EOPNOTSUPP => nameof(EOPNOTSUPP),
        _ => "errno " + errno.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
