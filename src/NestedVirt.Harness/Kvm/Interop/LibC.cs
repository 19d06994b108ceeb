using System.Runtime.InteropServices;
using NestedVirt.Kvm;

namespace NestedVirt.Harness.Kvm.Interop;

/// <summary>
/// The five libc calls a KVM userspace needs. Constants are the x86-64 Linux values
/// (<c>include/uapi/asm-generic/fcntl.h</c>, <c>mman-common.h</c>; errno values are
/// <see cref="LinuxErrno"/>'s); the
/// calibrator refuses to run on any other platform, so no other ABI is needed.
/// </summary>
internal static partial class LibC
{
    public const int O_RDWR = 0x2;
    public const int O_CLOEXEC = 0x80000;

    public const int PROT_READ = 0x1;
    public const int PROT_WRITE = 0x2;
    public const int MAP_SHARED = 0x01;
    public const int MAP_PRIVATE = 0x02;
    public const int MAP_ANONYMOUS = 0x20;
    public const int MAP_NORESERVE = 0x4000;

    /// <summary><c>MAP_FAILED</c>, <c>(void *)-1</c>.</summary>
    public static readonly nint MapFailed = -1;

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    // ioctl is variadic in C; on x86-64 SysV an integer or pointer third argument is passed
    // exactly as in a non-variadic call (the vector-count register AL only matters for floats).
    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    public static partial int Ioctl(int fd, nuint request, nint argument);

    // The same call for the calibrator's timed host-only loops (KVM_CHECK_EXTENSION, KVM_RUN with
    // immediate_exit), so each timed call costs what a C caller pays, which is what
    // bench/native/kvm_exit_probe.c checks: no errno save (the loops check the return value and
    // read errno through Ioctl after a failure) and no GC transition. SuppressGCTransition is
    // only for calls that return at once and never block, which both of these do. (It did not
    // close the old ioctl gap: that was the kernel's fd reference count, see NativeProbe.SharedFdTable.)
    [LibraryImport("libc", EntryPoint = "ioctl")]
    [SuppressGCTransition]
    public static partial int IoctlUnchecked(int fd, nuint request, nint argument);

    [LibraryImport("libc", EntryPoint = "mmap", SetLastError = true)]
    public static partial nint Mmap(nint address, nuint length, int protection, int flags, int fd, nint offset);

    [LibraryImport("libc", EntryPoint = "munmap", SetLastError = true)]
    public static partial int Munmap(nint address, nuint length);

    /// <summary>An errno as <c>ENOENT (No such file or directory)</c> for one-line messages.</summary>
    public static string DescribeErrno(int errno) =>
        LinuxErrno.Name(errno) + " (" + Marshal.GetPInvokeErrorMessage(errno) + ")";
}
