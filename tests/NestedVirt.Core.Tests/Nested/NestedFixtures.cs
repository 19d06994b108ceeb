using NestedVirt.Memory;
using NestedVirt.Nested;

namespace NestedVirt.Tests.Nested;

/// <summary>
/// Guest-memory layout and ready-made nested states shared by the exit, nested and reflection
/// tests. Every page a test touches lives below <see cref="MemorySize"/>; <see cref="Unmapped"/> is
/// outside L1's RAM.
/// </summary>
internal static class NestedFixtures
{
    public const ulong MemorySize = 0x40000;
    public const ulong Unmapped = 0x1_0000_0000;

    public const ulong Vmcs12Gpa = 0x10000;
    public const ulong EvmcsGpa = 0x11000;
    public const ulong VpAssistGpa = 0x12000;
    public const ulong IoBitmapAGpa = 0x13000;
    public const ulong IoBitmapBGpa = 0x14000;
    public const ulong MsrBitmapGpa = 0x15000;
    public const ulong VmreadBitmapGpa = 0x16000;
    public const ulong VmwriteBitmapGpa = 0x17000;
    public const ulong MsrListsGpa = 0x18000;
    public const ulong Vmcb12Gpa = 0x20000;
    public const ulong MsrpmGpa = 0x22000;
    public const ulong IopmGpa = 0x24000;

    public const ulong HostRip = 0xFFFF_FFFF_8100_0000;
    public const ulong L2Rip = 0x40_1000;

    private const ulong EferLme = 1UL << 8;
    private const ulong EferLma = 1UL << 10;
    private const ulong EferSvme = 1UL << 12;
    private const ulong Cr0PePg = (1UL << 0) | (1UL << 31);
    private const ulong Cr4Pae = 1UL << 5;

#if INTEL_VMX
    /// <summary>
    /// L2 running on vmcs02, L1 in 64-bit mode with VMXON done and a launched vmcs12 whose host
    /// state passes the entry checks. Optionally with an enlightened VMCS (clean fields all set,
    /// VP assist page enlightening VM entry) or with L0's shadow VMCS.
    /// </summary>
    public static (NestedVmxState State, GuestMemory Memory) Vmx(bool evmcs = false, bool shadowVmcs = false)
    {
        var memory = new GuestMemory(MemorySize);
        var s = new NestedVmxState
        {
            GuestMode = true,
            VmxOn = true,
            CurrentVmptr = evmcs ? NestedVmxState.InvalidGpa : Vmcs12Gpa,
            ShadowVmcsForL1 = shadowVmcs,
        };
        Vmcs12 v = s.Vmcs12;
        v.Launched = true;
        v.HostRip = HostRip;
        v.HostRsp = 0xFFFF_C900_0000_0000;
        v.HostCr0 = Cr0PePg;
        v.HostCr3 = 0x1000;
        v.HostCr4 = Cr4Pae;
        v.ExitControls = VmExitControls.HostAddressSpaceSize;
        v.EntryControls = VmEntryControls.Ia32eModeGuest;
        v.IoBitmapA = IoBitmapAGpa;
        v.IoBitmapB = IoBitmapBGpa;
        v.MsrBitmap = MsrBitmapGpa;
        v.VmreadBitmap = VmreadBitmapGpa;
        v.VmwriteBitmap = VmwriteBitmapGpa;
        v.Guest = LongModeGuest();
        s.L2 = LongModeGuest();
        s.L1 = LongModeGuest();
        s.L1.Rip = HostRip;

        if (evmcs)
        {
            s.EnlightenedVmcsEnabled = true;
            s.HasHyperVState = true;
            s.VpAssistPageGpa = VpAssistGpa;
            s.EvmcsGpa = EvmcsGpa;
            memory.TryWriteUInt32(EvmcsGpa + EnlightenedVmcs.VersionNumberOffset, EnlightenedVmcs.SupportedVersion);
            memory.TryWriteUInt32(EvmcsGpa + EnlightenedVmcs.CleanFieldsOffset, (uint)EvmcsCleanFields.All);
            memory.TryGetSpan(VpAssistGpa + VpAssistPage.EnlightenVmEntryOffset, 1, out Span<byte> enlighten);
            enlighten[0] = 1;
            memory.TryWriteUInt64(VpAssistGpa + VpAssistPage.CurrentNestedVmcsOffset, EvmcsGpa);
        }
        return (s, memory);
    }
#endif

#if AMD_SVM
    /// <summary>
    /// L2 running on vmcb02 from vmcb12 at <see cref="Vmcb12Gpa"/>; vmcb12 in memory intercepts
    /// VMRUN and has ASID 1 and valid save state, so L1's VMRUN succeeds.
    /// </summary>
    public static (NestedSvmState State, GuestMemory Memory) Svm()
    {
        var memory = new GuestMemory(MemorySize);
        var s = new NestedSvmState
        {
            GuestMode = true,
            Gif = true,
            Vmcb12Gpa = Vmcb12Gpa,
            LastVmcb12Gpa = Vmcb12Gpa,
        };
        s.Control.SetIntercept(SvmInterceptBit.Vmrun);
        s.Control.Asid = 1;
        s.Control.MsrpmBasePa = MsrpmGpa;
        s.Control.IopmBasePa = IopmGpa;
        s.L1.Efer = EferSvme | EferLme | EferLma;
        s.L1.Cr0 = Cr0PePg;
        s.L1.Rax = Vmcb12Gpa;
        s.L1.Rip = HostRip;
        s.L2.Efer = EferSvme | EferLme | EferLma;
        s.L2.Cr0 = Cr0PePg;
        s.L2.Rip = L2Rip;
        s.L2.Rflags = 2;

        memory.TryWriteUInt32(Vmcb12Gpa + VmcbLayout.InterceptMisc2, 1u << ((int)SvmInterceptBit.Vmrun - 128));
        memory.TryWriteUInt32(Vmcb12Gpa + VmcbLayout.Asid, 1);
        memory.TryWriteUInt64(Vmcb12Gpa + VmcbLayout.MsrpmBasePa, MsrpmGpa);
        memory.TryWriteUInt64(Vmcb12Gpa + VmcbLayout.IopmBasePa, IopmGpa);
        memory.TryWriteUInt64(Vmcb12Gpa + VmcbLayout.SaveEfer, s.L2.Efer);
        memory.TryWriteUInt64(Vmcb12Gpa + VmcbLayout.SaveCr0, s.L2.Cr0);
        memory.TryWriteUInt64(Vmcb12Gpa + VmcbLayout.SaveRip, L2Rip);
        memory.TryWriteUInt64(Vmcb12Gpa + VmcbLayout.SaveRflags, 2);
        return (s, memory);
    }
#endif

#if INTEL_VMX
    /// <summary>A 64-bit guest: CR0.PE|PG, CR4.PAE, EFER.LME|LMA, RFLAGS bit 1.</summary>
    public static VmxGuestState LongModeGuest() => new()
    {
        Rip = L2Rip,
        Rflags = 2,
        Cr0 = Cr0PePg,
        Cr4 = Cr4Pae,
        Efer = EferLme | EferLma,
    };
#endif

    /// <summary>Sets the bit for <paramref name="bit"/> in the byte-addressed bitmap at <paramref name="gpa"/>.</summary>
    public static void SetBit(GuestMemory memory, ulong gpa, ulong bit)
    {
        memory.TryGetSpan(gpa + bit / 8, 1, out Span<byte> b);
        b[0] |= (byte)(1 << (int)(bit & 7));
    }
}
