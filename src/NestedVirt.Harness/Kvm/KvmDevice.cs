using System.Globalization;
using System.Runtime.InteropServices;
using NestedVirt.Harness.Kvm.Interop;
using NestedVirt.Kvm;

namespace NestedVirt.Harness.Kvm;

/// <summary>
/// An open, version-checked KVM system fd (<c>/dev/kvm</c> or the path given). Every way KVM can
/// be missing is a normal outcome with a one-line reason naming the path, never an exception:
/// the calibrator turns it into "skipped".
/// </summary>
internal sealed class KvmDevice : IDisposable
{
    private readonly FileDescriptor fd;

    private KvmDevice(string path, FileDescriptor fd, int vcpuMmapSize)
    {
        Path = path;
        this.fd = fd;
        VcpuMmapSize = vcpuMmapSize;
    }

    /// <summary>The device path as opened.</summary>
    public string Path { get; }

    /// <summary>Size of a vCPU's <c>kvm_run</c> mapping (<c>KVM_GET_VCPU_MMAP_SIZE</c>).</summary>
    public int VcpuMmapSize { get; }

    /// <summary>The raw system fd; valid until disposed.</summary>
    public int Fd => fd.Fd;

    /// <summary>Why KVM cannot run on this platform at all, or null on Linux x86-64.</summary>
    public static string? PlatformReason()
    {
        if (OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64)
            return null;
        return "KVM calibration needs Linux on x86-64 (this is " + RuntimeInformation.OSDescription + ", "
            + RuntimeInformation.ProcessArchitecture.ToString() + ")";
    }

    /// <summary>Opens <paramref name="path"/> and checks the API version and user-memory capability.</summary>
    /// <returns>False with a one-line <paramref name="reason"/> when KVM is unusable.</returns>
    public static bool TryOpen(string path, out KvmDevice? device, out string reason)
    {
        device = null;
        string? platform = PlatformReason();
        if (platform is not null)
        {
            reason = platform;
            return false;
        }

        int raw = LibC.Open(path, LibC.O_RDWR | LibC.O_CLOEXEC);
        if (raw < 0)
        {
            reason = OpenFailure(path, Marshal.GetLastPInvokeError());
            return false;
        }

        var fd = new FileDescriptor(raw);
        int version = LibC.Ioctl(fd.Fd, KvmIoctl.GetApiVersion, 0);
        if (version != KvmIoctl.ApiVersion)
        {
            reason = version < 0
                ? path + ": KVM_GET_API_VERSION failed: " + LibC.DescribeErrno(Marshal.GetLastPInvokeError())
                : path + ": KVM_GET_API_VERSION is " + version.ToString(CultureInfo.InvariantCulture)
                    + ", expected " + KvmIoctl.ApiVersion.ToString(CultureInfo.InvariantCulture);
            fd.Dispose();
            return false;
        }

        if (LibC.Ioctl(fd.Fd, KvmIoctl.CheckExtension, KvmIoctl.CapUserMemory) <= 0)
        {
            reason = path + ": KVM_CAP_USER_MEMORY is not available";
            fd.Dispose();
            return false;
        }

        int mmapSize = LibC.Ioctl(fd.Fd, KvmIoctl.GetVcpuMmapSize, 0);
        if (mmapSize <= 0)
        {
            reason = path + ": KVM_GET_VCPU_MMAP_SIZE failed: " + LibC.DescribeErrno(Marshal.GetLastPInvokeError());
            fd.Dispose();
            return false;
        }

        device = new KvmDevice(path, fd, mmapSize);
        reason = "";
        return true;
    }

    /// <summary>One <c>KVM_CHECK_EXTENSION(KVM_CAP_USER_MEMORY)</c>: the cheapest KVM ioctl, a syscall baseline.</summary>
    /// <returns>The ioctl's result: 1 when the capability is present, negative on error.</returns>
    public int CheckUserMemory() => LibC.IoctlUnchecked(fd.Fd, KvmIoctl.CheckExtension, KvmIoctl.CapUserMemory);

    /// <summary>Closes the system fd.</summary>
    public void Dispose() => fd.Dispose();

    private static string OpenFailure(string path, int errno) => errno switch
    {
        LinuxErrno.ENOENT => path + ": not present, " + LibC.DescribeErrno(errno),
        LinuxErrno.EACCES or LinuxErrno.EPERM => path + ": permission denied, " + LibC.DescribeErrno(errno)
            + "; add the user to the group owning it (usually kvm)",
        LinuxErrno.ENXIO or LinuxErrno.ENODEV => path + ": no KVM module behind the device, " + LibC.DescribeErrno(errno),
        _ => path + ": open failed, " + LibC.DescribeErrno(errno),
    };
}
