using System.Runtime.InteropServices;

namespace NestedVirt.Benchmarks.Paging.Native;

/// <summary>Which C walker to run (<c>enum nv_walker</c> in <c>bench/native/nvwalk.h</c>).</summary>
internal enum NativeWalker
{
    /// <summary>1-D walk of L1's EPT.</summary>
    Ept1D = 0,

    /// <summary>1-D walk of L1's NPT.</summary>
    Npt1D = 1,

    /// <summary>2-D walk: L2's tables over L1's EPT.</summary>
    Ept2D = 2,

    /// <summary>2-D walk: L2's tables over L1's NPT.</summary>
    Npt2D = 3,
}

/// <summary>L1's memory as the C walkers see it (<c>struct nv_memory</c>): one slot.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct NativeMemory
{
    public byte* Bytes;
    public ulong Base;
    public ulong Size;
}

/// <summary>A root and its rules, derived by the C code itself (<c>struct nv_paging</c>).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NativePaging
{
    public ulong RootTable;
    public ulong FrameMask;
    public ulong ReservedAddress;
    public int Levels;
    public uint Features;
    public int Valid;
    public int Unused;
}

/// <summary>One C walk's outcome (<c>struct nv_result</c>); statuses and stages numbered as the C# enums.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NativeResult
{
    public ulong Address;
    public byte Status;
    public byte Stage;
    public byte Level;
    public byte Granted;
    public byte PageShift;
    public byte Unused;
    public ushort Reads;
}
