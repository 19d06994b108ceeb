using NestedVirt.Nested;

namespace NestedVirt.Topology;

// The VMX stack (nested VMX, eVMCS): compiled with EnableVmx.
public sealed partial class NestedTopology
{
    /// <summary>L0's nested VMX state (Intel), else null.</summary>
    public NestedVmxState? Vmx => Vcpu.Vmx;

    /// <summary>
    /// L2 running on vmcs02 from a launched vmcs12 (or eVMCS) whose host state passes the entry
    /// checks; with the gate open, eVMCS[0x344] bit 0 and VP-assist Features bit 0 are set (G-01).
    /// </summary>
    private void BuildVmx()
    {
        bool evmcs = Options.EnlightenedVmcs;
        // nestedhvm_vcpu_initialise gave the vCPU its state; L1 has since run VMXON and VMLAUNCH.
        NestedVmxState s = Vcpu.Vmx!;
        s.GuestMode = true;
        s.VmxOn = true;
        s.CurrentVmptr = evmcs ? NestedVmxState.InvalidGpa : TopologyLayout.Vmcs12Gpa;
        s.HasHyperVState = true;
        s.VpAssistPageGpa = TopologyLayout.VpAssistGpa;
        Vcpu.Cr4 = Cr4Pae | Cr4Vmxe;
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
    }

    private static VmxGuestState LongModeGuest(ulong rip) => new()
    {
        Rip = rip,
        Rflags = 2,
        Cr0 = Cr0PePg,
        Cr4 = Cr4Pae,
        Efer = EferLme | EferLma,
    };
}
