using NestedVirt.Nested;

namespace NestedVirt.Topology;

// The SVM stack (nested SVM, vmcb12): compiled with EnableSvm.
public sealed partial class NestedTopology
{
    /// <summary>L0's nested SVM state (AMD), else null.</summary>
    public NestedSvmState? Svm => Vcpu.Svm;

    /// <summary>
    /// L2 running on vmcb02 from vmcb12; L1 (Hyper-V) intercepts VMRUN and VMMCALL, runs L2 on NPT
    /// at nCR3, and with the gate open sets vmcb12's enlightenment bit 0 and VP-assist Features
    /// bit 0 (G-02).
    /// </summary>
    private void BuildSvm()
    {
        // nestedhvm_vcpu_initialise gave the vCPU its state; L1 has since set EFER.SVME and run VMRUN.
        NestedSvmState s = Vcpu.Svm!;
        s.GuestMode = true;
        s.Gif = true;
        s.Vmcb12Gpa = TopologyLayout.Vmcb12Gpa;
        s.LastVmcb12Gpa = TopologyLayout.Vmcb12Gpa;
        s.VpAssistPageGpa = TopologyLayout.VpAssistGpa;
        s.HasHyperVState = true;
        s.HyperVHypercallsEnabled = true;
        s.NripsExposedToL1 = true;
        Vcpu.Efer = EferSvme | EferLme | EferLma;
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
    }
}
