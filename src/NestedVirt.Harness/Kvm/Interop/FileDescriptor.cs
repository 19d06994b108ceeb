using Microsoft.Win32.SafeHandles;

namespace NestedVirt.Harness.Kvm.Interop;

/// <summary>
/// An owned Linux file descriptor (the <c>/dev/kvm</c> system fd, a VM fd or a vCPU fd), closed
/// exactly once when disposed or finalised.
/// </summary>
internal sealed class FileDescriptor : SafeHandleMinusOneIsInvalid
{
    public FileDescriptor(int fd)
        : base(ownsHandle: true)
    {
        SetHandle(fd);
    }

    /// <summary>The raw descriptor for ioctl calls; valid while this object is not disposed.</summary>
    public int Fd => (int)handle;

    protected override bool ReleaseHandle() => LibC.Close((int)handle) == 0;
}
