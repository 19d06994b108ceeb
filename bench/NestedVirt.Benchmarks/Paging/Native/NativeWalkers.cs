using System.Reflection;
using System.Runtime.InteropServices;

namespace NestedVirt.Benchmarks.Paging.Native;

/// <summary>
/// The C reference walkers (<c>bench/native/nvwalk_*.c</c>, built into <c>libnvwalk</c> with
/// <c>cc -O2</c> by <c>bench/native/NativeWalkers.targets</c>). Every entry point takes plain
/// values and pointers, so the calls need no marshalling.
/// </summary>
internal static unsafe partial class NativeWalkers
{
    private const string Library = "nvwalk";
    private static readonly Lazy<string?> Unavailable = new(Probe);

    /// <summary>Why the C walkers cannot run here (one line), or null when they can.</summary>
    public static string? SkipReason => Unavailable.Value;

    [LibraryImport(Library, EntryPoint = "nv_ept_paging")]
    public static partial int EptPaging(ulong eptp, ulong capabilities, int maxPhysAddr, NativePaging* paging);

    [LibraryImport(Library, EntryPoint = "nv_npt_paging")]
    public static partial int NptPaging(ulong ncr3, int levels, int noExecute, int pages1G, int maxPhysAddr, NativePaging* paging);

    [LibraryImport(Library, EntryPoint = "nv_x64_paging")]
    public static partial int X64Paging(ulong cr3, int levels, int noExecute, int writeProtect, int pages1G, int maxPhysAddr, NativePaging* paging);

    [LibraryImport(Library, EntryPoint = "nv_walk")]
    public static partial int Walk(NativeWalker walker, NativeMemory* memory, NativePaging* guest, NativePaging* nested,
        ulong address, uint access, NativeResult* result);

    [LibraryImport(Library, EntryPoint = "nv_walk_stream")]
    public static partial ulong WalkStream(NativeWalker walker, NativeMemory* memory, NativePaging* guest, NativePaging* nested,
        ulong* stream, ulong length, ulong count, uint access);

    private static string? Probe()
    {
        if (NativeLibrary.TryLoad(Library, typeof(NativeWalkers).Assembly, DllImportSearchPath.AssemblyDirectory, out nint handle))
        {
            NativeLibrary.Free(handle);
            return null;
        }

        string folder = Path.GetDirectoryName(typeof(NativeWalkers).Assembly.Location) ?? AppContext.BaseDirectory;
        return $"libnvwalk is not in {folder} (nvbench was built without a C compiler)";
    }
}
