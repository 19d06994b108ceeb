using System.Runtime;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NestedVirt.Benchmarks.Drivers;

/// <summary>
/// Puts the managed heap in the same state before every case <c>drive --marked</c> counts, so a
/// case's fixture lands at the same addresses modulo <see cref="Boundary"/> whatever ran before
/// it. Without this the count of a case depended on the cases before it in the same process: the
/// vectorised copies and compares of the hypercall paths (256-byte messages, CoreLib's
/// <c>Buffer.Memmove</c> and <c>SpanHelpers</c>) cost a number of instructions that depends on
/// the buffers' alignment, and the reflected VMX PostMessage counted 2,410 instructions per
/// operation as the first case and 2,418 as the fourth (callgrind, this project's machine).
/// </summary>
internal static class HeapAlignment
{
    /// <summary>Alignment of the first allocation after <see cref="Reset"/>: a page, more than any vector width.</summary>
    public const int Boundary = 4096;

    // A byte[]'s method table and length before its data; with the object header word in front, an
    // empty byte[] takes 24 bytes of heap, and byte[n] takes 24 + n (n a multiple of 8).
    private const int ArrayHeader = 16;
    private const int MinimumObject = 24;

    /// <summary>
    /// Collects and compacts the whole heap (large-object heap included, so earlier fixtures leave
    /// no holes), then pads the allocation pointer to a <see cref="Boundary"/>: an empty array sits
    /// there and the next small object starts right after it.
    /// </summary>
    /// <returns>True when the boundary was hit (the padding can miss when the allocator hands out a new block).</returns>
    public static bool Reset()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        for (int attempt = 0; attempt < 4; attempt++)
        {
            long next = AddressOf(new byte[0]) + MinimumObject;
            long pad = (Boundary - (next % Boundary)) % Boundary;
            if (pad < MinimumObject)
            {
                pad += Boundary;
            }

            GC.KeepAlive(new byte[pad - MinimumObject]);
            if (AddressOf(new byte[0]) % Boundary == 0)
            {
                return true;
            }
        }

        return false;
    }

    // The object's own address: its data starts after the header. Read once, not kept: the next GC may move it.
    private static unsafe long AddressOf(byte[] array) =>
        (long)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array)) - ArrayHeader;
}
