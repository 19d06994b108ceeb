using NestedVirt.Nested;

namespace NestedVirt.Topology;

public sealed partial class NestedTopology
{
    private const ulong EferLme = 1UL << 8;
    private const ulong EferLma = 1UL << 10;
    private const ulong EferSvme = 1UL << 12;
    private const ulong Cr0PePg = (1UL << 0) | (1UL << 31);
    private const ulong Cr4Pae = 1UL << 5;
    private const ulong L1HostRip = 0xFFFF_F800_1000_0000;

    /// <summary>
    /// L2 running on vmcs02 from a launched vmcs12 (or eVMCS) whose host state passes the entry
    /// checks; with the gate open, eVMCS[0x344] bit 0 and VP-assist Features bit 0 are set (G-01).
    /// </summary>
    private void BuildVmx()
    {
        bool evmcs = Options.EnlightenedVmcs;
        var s = new NestedVmxState
        {
            GuestMode = true,
            VmxOn = true,
            CurrentVmptr = evmcs ? NestedVmxState.InvalidGpa : TopologyLayout.Vmcs12Gpa,
            HasHyperVState = true,
            VpAssistPageGpa = TopologyLayout.VpAssistGpa,
        };
        Vmcs12 v = s.Vmcs12;
        v.Launched = true;
        v.HostRip = L1HostRip;
        v.HostRsp = 0xFFFF_C900_0000_0000;
        v.HostCr0 = Cr0PePg;
        v.HostCr3 = 0x1000;
        v.HostCr4 = Cr4Pae;
        v.ExitControls = VmExitControls.HostAddressSpaceSize;
        v.EntryControls = VmEntryControls.Ia32eModeGuest;
        v.EptPointer = Options.L1UsesNestedPaging ? NestedPaging.Root : 0;
        v.Guest = LongModeGuest(TopologyLayout.L2HypercallPageVa);
        s.L2 = LongModeGuest(TopologyLayout.L2HypercallPageVa);
        s.L1 = LongModeGuest(L1HostRip);

        if (evmcs)
        {
            s.EnlightenedVmcsEnabled = true;
            s.EvmcsGpa = TopologyLayout.EvmcsGpa;
            var e = new EnlightenedVmcs(Memory, TopologyLayout.EvmcsGpa);
            Memory.TryWriteUInt32(TopologyLayout.EvmcsGpa + EnlightenedVmcs.VersionNumberOffset, EnlightenedVmcs.SupportedVersion);
            e.TryWriteCleanFields(EvmcsCleanFields.All);
            Memory.TryWriteUInt32(TopologyLayout.EvmcsGpa + EnlightenedVmcs.EnlightenmentsControlOffset,
                Options.DirectHypercallGate ? (uint)HvEnlightenmentsControl.NestedFlushVirtualHypercall : 0);
            Memory.TryGetSpan(TopologyLayout.VpAssistGpa + VpAssistPage.EnlightenVmEntryOffset, 1, out Span<byte> enlighten);
            enlighten[0] = 1;
            Memory.TryWriteUInt64(TopologyLayout.VpAssistGpa + VpAssistPage.CurrentNestedVmcsOffset, TopologyLayout.EvmcsGpa);
        }
        WriteVpAssistFeatures();
        Vmx = s;
    }

    /// <summary>
    /// L2 running on vmcb02 from vmcb12; L1 (Hyper-V) intercepts VMRUN and VMMCALL, runs L2 on NPT
    /// at nCR3, and with the gate open sets vmcb12's enlightenment bit 0 and VP-assist Features
    /// bit 0 (G-02).
    /// </summary>
    private void BuildSvm()
    {
        var s = new NestedSvmState
        {
            GuestMode = true,
            Gif = true,
            Vmcb12Gpa = TopologyLayout.Vmcb12Gpa,
            LastVmcb12Gpa = TopologyLayout.Vmcb12Gpa,
            VpAssistPageGpa = TopologyLayout.VpAssistGpa,
            HasHyperVState = true,
            HyperVHypercallsEnabled = true,
            NripsExposedToL1 = true,
        };
        s.Control.SetIntercept(SvmInterceptBit.Vmrun);
        s.Control.SetIntercept(SvmInterceptBit.Vmmcall);
        s.Control.Asid = 1;
        s.Control.MsrpmBasePa = TopologyLayout.MsrpmGpa;
        s.Control.IopmBasePa = TopologyLayout.IopmGpa;
        s.Control.NestedCtl = Options.L1UsesNestedPaging ? 1UL : 0;
        s.Control.NestedCr3 = Options.L1UsesNestedPaging ? NestedPaging.Root : 0;
        s.Control.CleanBits = VmcbCleanBits.All;
        s.Control.HvEnlightenments = Options.DirectHypercallGate ? HvEnlightenmentsControl.NestedFlushVirtualHypercall : 0;
        s.L1.Efer = EferSvme | EferLme | EferLma;
        s.L1.Cr0 = Cr0PePg;
        s.L1.Cr4 = Cr4Pae;
        s.L1.Rax = TopologyLayout.Vmcb12Gpa;
        s.L1.Rip = L1HostRip;
        s.L2.Efer = EferSvme | EferLme | EferLma;
        s.L2.Cr0 = Cr0PePg;
        s.L2.Cr4 = Cr4Pae;
        s.L2.Cr3 = L2Paging.Root;
        s.L2.Rip = TopologyLayout.L2HypercallPageVa;
        s.L2.Rflags = 2;

        ulong vmcb = TopologyLayout.Vmcb12Gpa;
        Memory.TryWriteUInt32(vmcb + VmcbLayout.InterceptMisc2, (1u << ((int)SvmInterceptBit.Vmrun - 128)) | (1u << ((int)SvmInterceptBit.Vmmcall - 128)));
        Memory.TryWriteUInt32(vmcb + VmcbLayout.Asid, 1);
        Memory.TryWriteUInt64(vmcb + VmcbLayout.MsrpmBasePa, TopologyLayout.MsrpmGpa);
        Memory.TryWriteUInt64(vmcb + VmcbLayout.IopmBasePa, TopologyLayout.IopmGpa);
        Memory.TryWriteUInt64(vmcb + VmcbLayout.NestedCtl, s.Control.NestedCtl);
        Memory.TryWriteUInt64(vmcb + VmcbLayout.NestedCr3, s.Control.NestedCr3);
        Memory.TryWriteUInt32(vmcb + VmcbLayout.CleanBits, (uint)VmcbCleanBits.All);
        Memory.TryWriteUInt32(vmcb + VmcbLayout.HvEnlightenmentsControl, (uint)s.Control.HvEnlightenments);
        Memory.TryWriteUInt64(vmcb + VmcbLayout.SaveEfer, s.L2.Efer);
        Memory.TryWriteUInt64(vmcb + VmcbLayout.SaveCr0, s.L2.Cr0);
        Memory.TryWriteUInt64(vmcb + VmcbLayout.SaveRip, s.L2.Rip);
        Memory.TryWriteUInt64(vmcb + VmcbLayout.SaveRflags, 2);
        WriteVpAssistFeatures();
        Svm = s;
    }

    private void WriteVpAssistFeatures() =>
        Memory.TryWriteUInt32(TopologyLayout.VpAssistGpa + VpAssistPage.FeaturesOffset,
            Options.DirectHypercallGate ? (uint)VpAssistFeatures.DirectHypercall : 0);

    private static VmxGuestState LongModeGuest(ulong rip) => new()
    {
        Rip = rip,
        Rflags = 2,
        Cr0 = Cr0PePg,
        Cr4 = Cr4Pae,
        Efer = EferLme | EferLma,
    };
}
