using NestedVirt.Counters;
using NestedVirt.Memory;
using NestedVirt.Nested;

namespace NestedVirt.Exits;

/// <summary>
/// The bitmap lookups of <c>nested_vmx_l1_wants_exit</c> (model 01 §3.3): L1's I/O bitmaps, MSR
/// bitmap and VMREAD/VMWRITE bitmaps, read in place from L1 memory at the GPAs in vmcs12. Every
/// byte read is added to <see cref="PathCounters.GuestBytesRead"/>.
/// </summary>
/// <remarks>
/// An unreadable bitmap byte (GPA outside L1's RAM) means "L1 wants the exit": KVM's
/// <c>nested_vmx_check_io_bitmaps</c>, <c>nested_vmx_exit_handled_msr</c> and
/// <c>nested_vmx_exit_handled_vmcs_access</c> return true when <c>kvm_vcpu_read_guest</c> fails
/// (<c>arch/x86/kvm/vmx/nested.c</c>, read in the RFC mirror <c>bitranox/linux-nested-vmbus-relay</c>).
/// </remarks>
public static class VmxInterceptBitmaps
{
    /// <summary>Ports below this use bitmap A, the rest bitmap B.</summary>
    public const int IoBitmapBFirstPort = 0x8000;

    /// <summary>Byte offset of the read bitmap for MSRs 0x00000000–0x00001FFF.</summary>
    public const int MsrReadLowOffset = 0;

    /// <summary>Byte offset of the read bitmap for MSRs 0xC0000000–0xC0001FFF.</summary>
    public const int MsrReadHighOffset = 1024;

    /// <summary>Byte offset of the write bitmap for low MSRs.</summary>
    public const int MsrWriteLowOffset = 2048;

    /// <summary>Byte offset of the write bitmap for high MSRs.</summary>
    public const int MsrWriteHighOffset = 3072;

    /// <summary>First "high" MSR.</summary>
    public const uint HighMsrBase = 0xC0000000;

    /// <summary>MSRs covered by each 1 KiB bitmap (8192).</summary>
    public const uint MsrsPerBitmap = 1024 * 8;

    /// <summary>VMCS field encodings above this always exit to L1 (bit 15 set: out of the 32 KiB bitmap).</summary>
    public const ulong MaxBitmapField = 0x7FFF;

    /// <summary>
    /// I/O instruction rule: without "use I/O bitmaps" the answer is "unconditional I/O exiting";
    /// otherwise any of the <paramref name="size"/> ports from <paramref name="port"/> with its bit
    /// set in bitmap A (ports &lt; 0x8000) or B wants the exit, and an access running past 0xFFFF
    /// always does (KVM <c>nested_vmx_exit_handled_io</c>).
    /// </summary>
    public static bool IoWantsExit(Vmcs12 vmcs12, GuestMemory memory, ushort port, int size, ref PathCounters counters)
    {
        if (!vmcs12.Has(PrimaryProcessorControls.UseIoBitmaps))
            return vmcs12.Has(PrimaryProcessorControls.UnconditionalIoExiting);
        return PortsWantExit(vmcs12, memory, port, size, ref counters);
    }

    /// <summary>
    /// Bitmap walk of <c>nested_vmx_check_io_bitmaps</c>: one byte read per bitmap byte touched, so
    /// an access crossing 0x7FFF/0x8000 reads one byte of A and one of B.
    /// </summary>
    public static bool PortsWantExit(Vmcs12 vmcs12, GuestMemory memory, ushort port, int size, ref PathCounters counters)
    {
        ulong lastByte = NestedVmxState.InvalidGpa;
        byte b = 0;
        for (int p = port, end = port + size; p < end; p++)
        {
            ulong bitmap;
            if (p < IoBitmapBFirstPort)
                bitmap = vmcs12.IoBitmapA;
            else if (p <= ushort.MaxValue)
                bitmap = vmcs12.IoBitmapB;
            else
                return true; // wrapped past port 0xFFFF: KVM lets L1 decide
            ulong at = bitmap + (ulong)((p & 0x7FFF) >> 3);
            if (at != lastByte)
            {
                if (!memory.TryReadByte(at, out b))
                    return true;
                counters.GuestBytesRead++;
                lastByte = at;
            }
            if ((b & (1 << (p & 7))) != 0)
                return true;
        }
        return false;
    }

    /// <summary>
    /// MSR rule (KVM <c>nested_vmx_exit_handled_msr</c>): without "use MSR bitmaps" L1 wants every
    /// MSR exit; otherwise the bit for <paramref name="msr"/> in the read or write half of L1's
    /// 4 KiB bitmap decides, and MSRs outside 0–0x1FFF and 0xC0000000–0xC0001FFF always exit to L1.
    /// </summary>
    public static bool MsrWantsExit(Vmcs12 vmcs12, GuestMemory memory, uint msr, bool write, ref PathCounters counters)
    {
        if (!vmcs12.Has(PrimaryProcessorControls.UseMsrBitmaps))
            return true;
        ulong bitmap = vmcs12.MsrBitmap + (ulong)(write ? MsrWriteLowOffset : MsrReadLowOffset);
        uint index = msr;
        if (index >= HighMsrBase)
        {
            index -= HighMsrBase;
            bitmap += MsrReadHighOffset;
        }
        if (index >= MsrsPerBitmap)
            return true; // no bitmap covers it: L1 decides
        if (!memory.TryReadByte(bitmap + index / 8, out byte b))
            return true;
        counters.GuestBytesRead++;
        return ((b >> (int)(index & 7)) & 1) != 0;
    }

    /// <summary>
    /// VMREAD/VMWRITE rule (KVM <c>nested_vmx_exit_handled_vmcs_access</c>): without VMCS shadowing
    /// in vmcs12 L1 wants the exit; a field encoding above 0x7FFF always exits; otherwise the bit for
    /// the field in L1's VMREAD or VMWRITE bitmap decides.
    /// </summary>
    public static bool VmcsAccessWantsExit(Vmcs12 vmcs12, GuestMemory memory, ulong field, bool write, ref PathCounters counters)
    {
        if (!vmcs12.Has(SecondaryProcessorControls.VmcsShadowing))
            return true;
        if (field > MaxBitmapField)
            return true;
        ulong bitmap = write ? vmcs12.VmwriteBitmap : vmcs12.VmreadBitmap;
        if (!memory.TryReadByte(bitmap + field / 8, out byte b))
            return true;
        counters.GuestBytesRead++;
        return ((b >> (int)(field & 7)) & 1) != 0;
    }
}
