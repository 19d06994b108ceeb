using System.Runtime.InteropServices;
using NestedVirt.Kvm;

namespace NestedVirt.Harness.Results;

/// <summary>
/// Moves a file to a new name only if that name is free, atomically on Linux. .NET's
/// <c>File.Move(overwrite: false)</c> is not enough there: it checks that the target is absent
/// and then calls rename(2), which silently replaces a file another process created in between
/// (dotnet/runtime <c>FileSystem.Unix.cs</c>, <c>MoveFile</c>). link(2) instead fails with
/// EEXIST when the name is taken, so we link and then unlink the source.
/// </summary>
internal static partial class NoReplaceMove
{
    /// <summary>Moves <paramref name="source"/> to <paramref name="destination"/> unless it exists.</summary>
    /// <param name="source">An existing file.</param>
    /// <param name="destination">The wanted name, in the same folder.</param>
    /// <returns>True when moved; false when <paramref name="destination"/> was already taken.</returns>
    /// <exception cref="IOException">Any other failure.</exception>
    public static bool TryMove(string source, string destination)
    {
        if (OperatingSystem.IsWindows())
        {
            return TryPortableMove(source, destination);
        }

        if (Link(source, destination) == 0)
        {
            File.Delete(source);
            return true;
        }

        if (Marshal.GetLastPInvokeError() == LinuxErrno.EEXIST) // 17 on macOS as well
        {
            return false;
        }

        // Filesystems without hard links (EPERM, EXDEV, EOPNOTSUPP, ...): fall back to the
        // portable move, which is correct unless another writer races us for the same name.
        return TryPortableMove(source, destination);
    }

    private static bool TryPortableMove(string source, string destination)
    {
        if (File.Exists(destination))
        {
            return false;
        }

        try
        {
            File.Move(source, destination, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(destination))
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Link(string oldPath, string newPath);
}
