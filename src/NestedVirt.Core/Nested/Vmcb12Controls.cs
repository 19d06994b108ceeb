using NestedVirt.Counters;
using NestedVirt.Memory;

namespace NestedVirt.Nested;

/// <summary>
/// L0's cached copy of vmcb12's control area (KVM <c>svm-&gt;nested.ctl</c>, filled by
/// <c>nested_copy_vmcb_control_to_cache</c> at VMRUN). Routing reads the cache, never the page,
/// exactly as KVM does; the MSRPM/IOPM pages it points at are read in place.
/// </summary>
public struct Vmcb12Controls
{
    /// <summary>Intercept word 0: CR reads/writes.</summary>
    public uint InterceptCr;

    /// <summary>Intercept word 1: DR reads/writes.</summary>
    public uint InterceptDr;

    /// <summary>Intercept word 2: exceptions.</summary>
    public uint InterceptExceptions;

    /// <summary>Intercept word 3 (misc 1).</summary>
    public uint InterceptMisc1;

    /// <summary>Intercept word 4 (misc 2).</summary>
    public uint InterceptMisc2;

    /// <summary>Intercept word 5 (misc 3).</summary>
    public uint InterceptMisc3;

    /// <summary>PAUSE filter threshold.</summary>
    public ushort PauseFilterThreshold;

    /// <summary>PAUSE filter count.</summary>
    public ushort PauseFilterCount;

    /// <summary>IOPM base GPA (bits 11:0 cleared, as KVM caches it).</summary>
    public ulong IopmBasePa;

    /// <summary>MSRPM base GPA (bits 11:0 cleared).</summary>
    public ulong MsrpmBasePa;

    /// <summary>TSC offset.</summary>
    public ulong TscOffset;

    /// <summary>Guest ASID (0 is illegal for VMRUN).</summary>
    public uint Asid;

    /// <summary>TLB control.</summary>
    public byte TlbControl;

    /// <summary>Virtual interrupt control.</summary>
    public uint IntCtl;

    /// <summary>Virtual interrupt vector.</summary>
    public uint IntVector;

    /// <summary>Interrupt shadow.</summary>
    public uint IntState;

    /// <summary>EXITCODE.</summary>
    public ulong ExitCode;

    /// <summary>EXITINFO1.</summary>
    public ulong ExitInfo1;

    /// <summary>EXITINFO2.</summary>
    public ulong ExitInfo2;

    /// <summary>EXITINTINFO.</summary>
    public ulong ExitIntInfo;

    /// <summary>Nested-paging control (bit 0 NP_ENABLE).</summary>
    public ulong NestedCtl;

    /// <summary>EVENTINJ.</summary>
    public ulong EventInj;

    /// <summary>nCR3.</summary>
    public ulong NestedCr3;

    /// <summary>LBR / virtual VMLOAD-VMSAVE enables.</summary>
    public ulong VirtExt;

    /// <summary>nRIP.</summary>
    public ulong NextRip;

    /// <summary>Clean bits (cached only when Hyper-V hypercalls are enabled, as KVM does).</summary>
    public VmcbCleanBits CleanBits;

    /// <summary>Hyper-V EnlightenmentsControl at 0x3E0 (cached only with Hyper-V hypercalls enabled).</summary>
    public HvEnlightenmentsControl HvEnlightenments;

    /// <summary>Hyper-V VpId at 0x3E4.</summary>
    public uint HvVpId;

    /// <summary>Hyper-V VmId at 0x3E8.</summary>
    public ulong HvVmId;

    /// <summary>Hyper-V PartitionAssistPage at 0x3F0.</summary>
    public ulong HvPartitionAssistPage;

    /// <summary>Control fields KVM copies into the cache (6 intercept words + 19 others, 64-bit VMCB fields counted once).</summary>
    public const int CachedFields = 25;

    /// <summary>Extra fields cached when Hyper-V hypercalls are enabled (clean bits + 4 enlightenment fields).</summary>
    public const int CachedHyperVFields = 5;

    /// <summary>True when nested paging is enabled (NP_ENABLE, bit 0 at 0x90).</summary>
    public readonly bool NestedPagingEnabled => (NestedCtl & 1) != 0;

    /// <summary>Tests intercept bit <paramref name="bit"/> (<see cref="SvmInterceptBit"/> numbering).</summary>
    /// <returns><see langword="false"/> for bits beyond the six intercept words.</returns>
    public readonly bool IsIntercepted(int bit)
    {
        uint word = (uint)bit >> 5;
        uint value = word switch
        {
            0 => InterceptCr,
            1 => InterceptDr,
            2 => InterceptExceptions,
            3 => InterceptMisc1,
            4 => InterceptMisc2,
            5 => InterceptMisc3,
            _ => 0,
        };
        return (value & (1u << (bit & 31))) != 0;
    }

    /// <summary>Tests a named intercept.</summary>
    public readonly bool IsIntercepted(SvmInterceptBit bit) => IsIntercepted((int)bit);

    /// <summary>Sets or clears intercept bit <paramref name="bit"/> (setup helper).</summary>
    public void SetIntercept(int bit, bool on = true)
    {
        ref uint word = ref InterceptCr;
        switch ((uint)bit >> 5)
        {
            case 0: word = ref InterceptCr; break;
            case 1: word = ref InterceptDr; break;
            case 2: word = ref InterceptExceptions; break;
            case 3: word = ref InterceptMisc1; break;
            case 4: word = ref InterceptMisc2; break;
            case 5: word = ref InterceptMisc3; break;
            default: ThrowHelper.ThrowArgumentOutOfRange(nameof(bit), "intercept bits are 0-191"); break;
        }
        uint mask = 1u << (bit & 31);
        word = on ? word | mask : word & ~mask;
    }

    /// <summary>Sets or clears a named intercept (setup helper).</summary>
    public void SetIntercept(SvmInterceptBit bit, bool on = true) => SetIntercept((int)bit, on);

    /// <summary>
    /// Fills the cache from the vmcb12 page at <paramref name="vmcb12Gpa"/>
    /// (<c>__nested_copy_vmcb_control_to_cache</c>), counting the fields and bytes read.
    /// </summary>
    /// <param name="memory">L1 memory.</param>
    /// <param name="vmcb12Gpa">GPA of vmcb12.</param>
    /// <param name="withHyperV">Also cache clean bits and the Hyper-V enlightenments (<c>kvm_hv_hypercall_enabled</c>).</param>
    /// <param name="controls">The cache; fully assigned even on failure.</param>
    /// <param name="counters">Receives <see cref="PathCounters.VmcsFieldsRead"/> and <see cref="PathCounters.GuestBytesRead"/>.</param>
    /// <returns><see langword="false"/> when the control area is not inside guest RAM.</returns>
    public static bool TryLoad(GuestMemory memory, ulong vmcb12Gpa, bool withHyperV, out Vmcb12Controls controls, ref PathCounters counters)
    {
        controls = default;
        if (!memory.Contains(vmcb12Gpa, VmcbLayout.SaveArea))
            return false;

        ulong b = vmcb12Gpa;
        memory.TryReadUInt32(b + VmcbLayout.InterceptCr, out controls.InterceptCr);
        memory.TryReadUInt32(b + VmcbLayout.InterceptDr, out controls.InterceptDr);
        memory.TryReadUInt32(b + VmcbLayout.InterceptExceptions, out controls.InterceptExceptions);
        memory.TryReadUInt32(b + VmcbLayout.InterceptMisc1, out controls.InterceptMisc1);
        memory.TryReadUInt32(b + VmcbLayout.InterceptMisc2, out controls.InterceptMisc2);
        memory.TryReadUInt32(b + VmcbLayout.InterceptMisc3, out controls.InterceptMisc3);
        memory.TryReadUInt32(b + VmcbLayout.PauseFilterThreshold, out uint pause);
        controls.PauseFilterThreshold = (ushort)pause;
        controls.PauseFilterCount = (ushort)(pause >> 16);
        memory.TryReadUInt64(b + VmcbLayout.IopmBasePa, out ulong iopm);
        memory.TryReadUInt64(b + VmcbLayout.MsrpmBasePa, out ulong msrpm);
        controls.IopmBasePa = iopm & ~0xFFFUL;
        controls.MsrpmBasePa = msrpm & ~0xFFFUL;
        memory.TryReadUInt64(b + VmcbLayout.TscOffset, out controls.TscOffset);
        memory.TryReadUInt32(b + VmcbLayout.Asid, out controls.Asid);
        memory.TryReadByte(b + VmcbLayout.TlbControl, out controls.TlbControl);
        memory.TryReadUInt32(b + VmcbLayout.IntCtl, out controls.IntCtl);
        memory.TryReadUInt32(b + VmcbLayout.IntVector, out controls.IntVector);
        memory.TryReadUInt32(b + VmcbLayout.IntState, out controls.IntState);
        memory.TryReadUInt64(b + VmcbLayout.ExitCode, out controls.ExitCode);
        memory.TryReadUInt64(b + VmcbLayout.ExitInfo1, out controls.ExitInfo1);
        memory.TryReadUInt64(b + VmcbLayout.ExitInfo2, out controls.ExitInfo2);
        memory.TryReadUInt64(b + VmcbLayout.ExitIntInfo, out controls.ExitIntInfo);
        memory.TryReadUInt64(b + VmcbLayout.NestedCtl, out controls.NestedCtl);
        memory.TryReadUInt64(b + VmcbLayout.EventInj, out controls.EventInj);
        memory.TryReadUInt64(b + VmcbLayout.NestedCr3, out controls.NestedCr3);
        memory.TryReadUInt64(b + VmcbLayout.VirtExt, out controls.VirtExt);
        memory.TryReadUInt64(b + VmcbLayout.NextRip, out controls.NextRip);
        counters.VmcsFieldsRead += CachedFields;
        // 24 bytes of intercepts, 4 of PAUSE filter, 12 u64 fields, 4 u32 fields, 1 byte.
        counters.GuestBytesRead += 24 + 4 + 12 * 8 + 4 * 4 + 1;

        if (withHyperV)
        {
            memory.TryReadUInt32(b + VmcbLayout.CleanBits, out uint clean);
            memory.TryReadUInt32(b + VmcbLayout.HvEnlightenmentsControl, out uint hv);
            controls.CleanBits = (VmcbCleanBits)clean;
            controls.HvEnlightenments = (HvEnlightenmentsControl)hv;
            memory.TryReadUInt32(b + VmcbLayout.HvVpId, out controls.HvVpId);
            memory.TryReadUInt64(b + VmcbLayout.HvVmId, out controls.HvVmId);
            memory.TryReadUInt64(b + VmcbLayout.HvPartitionAssistPage, out controls.HvPartitionAssistPage);
            counters.VmcsFieldsRead += CachedHyperVFields;
            counters.GuestBytesRead += 4 + 4 + 4 + 8 + 8;
        }
        return true;
    }
}
