using System.Runtime.InteropServices;

namespace NestedVirt.Benchmarks.Drivers;

/// <summary>
/// A boundary callgrind can see inside one process: a call of libc's <c>getppid</c>, which
/// icount's callgrind run is started with <c>--dump-before=getppid</c> for. Each call makes
/// callgrind write the instructions counted since the previous boundary to a file of its own and
/// start again from zero (Valgrind manual, Callgrind, "--dump-before=&lt;function&gt;"), so one
/// process can count many cases, each between two marks. JIT-compiled code has no symbol
/// callgrind could toggle on; a libc function does, and <c>getppid</c> is a syscall wrapper the
/// runtime does not call while a driver runs (icount checks the number of parts it gets).
/// </summary>
internal static partial class CallgrindMark
{
    /// <summary>The function named in <c>--dump-before</c>.</summary>
    public const string FunctionName = "getppid";

    /// <summary>Marks a boundary (outside callgrind, one cheap system call).</summary>
    public static void Here() => _ = GetParentProcessId();

    [LibraryImport("libc", EntryPoint = FunctionName)]
    private static partial long GetParentProcessId();
}
