using System.Runtime.CompilerServices;
using NestedVirt.Kvm;

namespace NestedVirt.Hypercalls;

/// <summary>
/// A VM's HvSignalEvent connection-to-eventfd table (KVM <c>kvm_hv.conn_to_evt</c>), filled by the
/// <c>KVM_HYPERV_EVENTFD</c> VM ioctl and read by the in-kernel HvSignalEvent path (H-15).
/// </summary>
/// <remarks>
/// Storage is preallocated: connection ids sorted in a fixed array (binary search on the hot
/// path, shifts on the cold ioctl path), and a fixed set of modelled eventfds numbered
/// 0..<see cref="EventfdCount"/>-1, each with a signal counter. Several connections may share one
/// eventfd, as in the kernel. Errors follow <c>kvm_vm_ioctl_hv_eventfd</c>: bad flags or an id
/// outside 24 bits → -EINVAL; an fd that is not an eventfd → -EBADF (from
/// <c>eventfd_ctx_fdget</c>, checked before the id as the kernel does); an id already assigned →
/// -EEXIST; deassigning an unknown id → -ENOENT. A full table answers -ENOMEM, where the kernel's
/// IDR allocation would fail.
/// </remarks>
public sealed class HyperVEventfdTable
{
    private readonly uint[] connIds;
    private readonly int[] fds;
    private readonly long[] signalCounts;
    private int count;

    /// <summary>Creates an empty table.</summary>
    /// <param name="capacity">Maximum number of assigned connection ids.</param>
    /// <param name="eventfdCount">Number of modelled eventfds (valid fds are 0..eventfdCount-1).</param>
    public HyperVEventfdTable(int capacity = 64, int eventfdCount = 64)
    {
        if (capacity <= 0)
            ThrowHelper.ThrowArgumentOutOfRange(nameof(capacity), "must be positive");
        if (eventfdCount <= 0)
            ThrowHelper.ThrowArgumentOutOfRange(nameof(eventfdCount), "must be positive");
        connIds = new uint[capacity];
        fds = new int[capacity];
        signalCounts = new long[eventfdCount];
    }

    /// <summary>Maximum number of assigned connection ids.</summary>
    public int Capacity => connIds.Length;

    /// <summary>Number of assigned connection ids.</summary>
    public int Count => count;

    /// <summary>Number of modelled eventfds.</summary>
    public int EventfdCount => signalCounts.Length;

    /// <summary>The <c>KVM_HYPERV_EVENTFD</c> VM ioctl: assign or deassign. Returns 0 or a negated <see cref="LinuxErrno"/>.</summary>
    public int Ioctl(in KvmHypervEventfd args)
    {
        if ((args.Flags & ~KvmHypervEventfd.DeassignFlag) != 0 || (args.ConnId & ~KvmHypervEventfd.ConnIdMask) != 0)
            return -LinuxErrno.EINVAL;
        return args.Flags == KvmHypervEventfd.DeassignFlag ? Deassign(args.ConnId) : Assign(args.ConnId, args.Fd);
    }

    /// <summary>
    /// Signals the eventfd of <paramref name="connId"/> (hot path: no allocation, no lock).
    /// </summary>
    /// <returns><see langword="false"/> when the id has no eventfd.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TrySignal(uint connId)
    {
        int i = Find(connId);
        if (i < 0)
            return false;
        signalCounts[fds[i]]++;
        return true;
    }

    /// <summary>The eventfd assigned to <paramref name="connId"/>, if any.</summary>
    public bool TryGetEventfd(uint connId, out int fd)
    {
        int i = Find(connId);
        fd = i < 0 ? -1 : fds[i];
        return i >= 0;
    }

    /// <summary>How many times eventfd <paramref name="fd"/> was signalled.</summary>
    public long GetSignalCount(int fd) => signalCounts[fd];

    private int Assign(uint connId, int fd)
    {
        if ((uint)fd >= (uint)signalCounts.Length)
            return -LinuxErrno.EBADF;
        int i = Find(connId);
        if (i >= 0)
            return -LinuxErrno.EEXIST;
        if (count == connIds.Length)
            return -LinuxErrno.ENOMEM;

        int at = ~i;
        Array.Copy(connIds, at, connIds, at + 1, count - at);
        Array.Copy(fds, at, fds, at + 1, count - at);
        connIds[at] = connId;
        fds[at] = fd;
        count++;
        return 0;
    }

    private int Deassign(uint connId)
    {
        int i = Find(connId);
        if (i < 0)
            return -LinuxErrno.ENOENT;
        count--;
        Array.Copy(connIds, i + 1, connIds, i, count - i);
        Array.Copy(fds, i + 1, fds, i, count - i);
        return 0;
    }

    /// <summary>Index of <paramref name="connId"/>, or the complement of its insertion point.</summary>
    private int Find(uint connId) => connIds.AsSpan(0, count).BinarySearch(connId);
}
