using System.Runtime.InteropServices;

namespace NestedVirt.Harness.Lifecycle;

/// <summary>kill(2), which .NET offers only as SIGKILL (<c>Process.Kill</c>). Numbers from Linux <c>asm-generic/signal.h</c> and <c>errno-base.h</c>.</summary>
internal static partial class PosixKill
{
    public const int SigTerm = 15;
    public const int SigKill = 9;
    public const int EPerm = 1;

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/>; 0 on success, -1 with errno set.</summary>
    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Send(int pid, int signal);
}
