using NestedVirt.Counters;
using NestedVirt.Memory;

namespace NestedVirt.Reflection;

/// <summary>
/// The VMX MSR-load and MSR-store lists in L1 memory (SDM Vol 3C §25.7.2/§25.8.2: 16-byte entries,
/// index in bits 31:0, reserved bits 63:32, data in bits 127:64). The model reads and writes the
/// entries but does not load MSR values into any register.
/// </summary>
internal static class VmxMsrLists
{
    /// <summary>
    /// Walks a load list (VM-entry or VM-exit MSR-load): reads each 16-byte entry.
    /// </summary>
    /// <returns>0 on success, else the 1-based index of the failing entry (unreadable, or reserved bits set), as KVM's <c>nested_vmx_load_msr</c>.</returns>
    public static uint Load(GuestMemory memory, ulong address, uint count, ref PathCounters counters)
    {
        for (uint i = 0; i < count; i++)
        {
            ulong entry = address + (ulong)i * VmxFieldCounts.MsrEntryBytes;
            if (!memory.TryReadUInt64(entry, out ulong header) || !memory.TryReadUInt64(entry + 8, out _))
                return i + 1;
            counters.GuestBytesRead += VmxFieldCounts.MsrEntryBytes;
            // Bits 63:32 of the entry are reserved and must be 0 (SDM Vol 3C §27.4 "Loading MSRs").
            if ((header >> 32) != 0)
                return i + 1;
        }
        return 0;
    }

    /// <summary>
    /// Walks the VM-exit MSR-store list: reads each entry's header and writes its 8-byte value.
    /// </summary>
    /// <returns><see langword="false"/> when an entry is not in guest RAM (KVM then aborts VMX).</returns>
    public static bool Store(GuestMemory memory, ulong address, uint count, ref PathCounters counters)
    {
        for (uint i = 0; i < count; i++)
        {
            ulong entry = address + (ulong)i * VmxFieldCounts.MsrEntryBytes;
            if (!memory.TryReadUInt64(entry, out _))
                return false;
            counters.GuestBytesRead += VmxFieldCounts.MsrStoreHeaderBytes;
            if (!memory.TryWriteUInt64(entry + 8, 0))
                return false;
            counters.GuestBytesWritten += 8;
        }
        return true;
    }
}
