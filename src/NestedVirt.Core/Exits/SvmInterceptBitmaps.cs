using NestedVirt.Counters;
using NestedVirt.Memory;
using NestedVirt.Nested;

namespace NestedVirt.Exits;

/// <summary>
/// The permission-map lookups of <c>nested_svm_intercept</c> (model 01 §5 D-12): L1's MSR
/// permission map (MSRPM) and I/O permission map (IOPM), read in place at the bases cached from
/// vmcb12. An unreadable byte means DONE (reflect), as KVM's <c>nested_svm_exit_handled_msr</c> and
/// <c>nested_svm_intercept_ioio</c> return when <c>kvm_vcpu_read_guest</c> fails
/// (<c>arch/x86/kvm/svm/nested.c</c>, gregkh/linux stable).
/// </summary>
public static class SvmInterceptBitmaps
{
    /// <summary>MSRs per MSRPM range (8192), two bits each.</summary>
    public const uint MsrsPerRange = 8192;

    /// <summary>Bytes per MSRPM range (2 KiB).</summary>
    public const int BytesPerRange = 2048;

    /// <summary>First MSR of range 1.</summary>
    public const uint Range1Base = 0xC0000000;

    /// <summary>First MSR of range 2.</summary>
    public const uint Range2Base = 0xC0010000;

    /// <summary>
    /// Bit number of <paramref name="msr"/>'s read bit in the MSRPM (APM Vol 2 §15.11: ranges
    /// 0–0x1FFF at byte 0, 0xC0000000–0xC0001FFF at 0x800, 0xC0010000–0xC0011FFF at 0x1000; the
    /// write bit follows the read bit); −1 for MSRs outside the three ranges (KVM <c>svm_msrpm_bit_nr</c>).
    /// </summary>
    public static int MsrpmBit(uint msr)
    {
        int range;
        switch (msr & ~(MsrsPerRange - 1))
        {
            case 0: range = 0; break;
            case Range1Base: range = 1; break;
            case Range2Base: range = 2; break;
            default: return -1;
        }
        return range * BytesPerRange * 8 + (int)(msr & (MsrsPerRange - 1)) * 2;
    }

    /// <summary>
    /// MSR rule: HOST when vmcb12 does not intercept MSR_PROT; DONE for MSRs outside the MSRPM
    /// ranges, for an unreadable MSRPM byte, or when the read/write bit is set; HOST otherwise.
    /// </summary>
    public static NestedExitResult MsrIntercept(in Vmcb12Controls ctl, GuestMemory memory, uint msr, bool write, ref PathCounters counters)
    {
        if (!ctl.IsIntercepted(SvmInterceptBit.MsrProt))
            return NestedExitResult.Host;
        int bit = MsrpmBit(msr);
        if (bit < 0)
            return NestedExitResult.Done;
        if (!memory.TryReadByte(ctl.MsrpmBasePa + (ulong)(bit >> 3), out byte value))
            return NestedExitResult.Done;
        counters.GuestBytesRead++;
        int mask = (write ? 2 : 1) << (bit & 7);
        return (value & mask) != 0 ? NestedExitResult.Done : NestedExitResult.Host;
    }

    /// <summary>
    /// IOIO rule: HOST when vmcb12 does not intercept IOIO_PROT; otherwise the bits for every byte
    /// of the access in L1's IOPM (one bit per port), reading two bytes when the access crosses a
    /// byte boundary; an unreadable IOPM byte means DONE.
    /// </summary>
    public static NestedExitResult IoIntercept(in Vmcb12Controls ctl, GuestMemory memory, SvmIoioInfo io, ref PathCounters counters)
    {
        if (!ctl.IsIntercepted(SvmInterceptBit.IoioProt))
            return NestedExitResult.Host;
        int port = io.Port;
        int size = io.Size;
        int startBit = port & 7;
        int length = startBit + size > 8 ? 2 : 1;
        int mask = (0xF >> (4 - size)) << startBit;
        if (!memory.TryGetSpan(ctl.IopmBasePa + (ulong)(port >> 3), length, out Span<byte> bytes))
            return NestedExitResult.Done;
        counters.GuestBytesRead += length;
        int value = length == 2 ? bytes[0] | (bytes[1] << 8) : bytes[0];
        return (value & mask) != 0 ? NestedExitResult.Done : NestedExitResult.Host;
    }
}
