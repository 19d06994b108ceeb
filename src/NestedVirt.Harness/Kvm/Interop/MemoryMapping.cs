using System.Runtime.InteropServices;

namespace NestedVirt.Harness.Kvm.Interop;

/// <summary>
/// An owned <c>mmap</c> region (guest RAM, or a vCPU's <c>kvm_run</c> page), unmapped exactly
/// once when disposed or finalised.
/// </summary>
internal sealed class MemoryMapping : SafeHandle
{
    private MemoryMapping(nint address, nuint length)
        : base(LibC.MapFailed, ownsHandle: true)
    {
        Length = length;
        SetHandle(address);
    }

    /// <summary>Size of the mapping in bytes.</summary>
    public nuint Length { get; }

    /// <summary>Start of the mapping; valid while this object is not disposed.</summary>
    public nint Address => handle;

    public override bool IsInvalid => handle == LibC.MapFailed || handle == 0;

    /// <summary>Maps <paramref name="length"/> bytes of <paramref name="fd"/> (or anonymous memory when fd is -1).</summary>
    /// <returns>False with <paramref name="errno"/> set when mmap fails.</returns>
    public static bool TryMap(nuint length, int flags, int fd, out MemoryMapping? mapping, out int errno)
    {
        nint address = LibC.Mmap(0, length, LibC.PROT_READ | LibC.PROT_WRITE, flags, fd, 0);
        if (address == LibC.MapFailed)
        {
            errno = Marshal.GetLastPInvokeError();
            mapping = null;
            return false;
        }

        errno = 0;
        mapping = new MemoryMapping(address, length);
        return true;
    }

    protected override bool ReleaseHandle() => LibC.Munmap(handle, Length) == 0;
}
