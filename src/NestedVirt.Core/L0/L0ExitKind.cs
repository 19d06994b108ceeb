namespace NestedVirt.L0;

/// <summary>
/// What an exit asks of L0, the same for both vendors: the vendor struct maps its exit reason or
/// exit code to one of these (<c>IVendorOps.Classify</c>) and one generic handler does the rest,
/// as KVM's per-vendor handlers call common code (<c>kvm_emulate_cpuid</c>, <c>kvm_fast_pio</c>,
/// <c>kvm_emulate_rdmsr</c>, <c>kvm_emulate_hypercall</c>, ...).
/// </summary>
public enum L0ExitKind : byte
{
    /// <summary>Handled in the kernel with nothing to decide (interrupt, HLT, PAUSE, CPUID, windows, ...).</summary>
    Simple = 0,

    /// <summary>Port I/O (VMX I/O instruction, SVM IOIO).</summary>
    Io = 1,

    /// <summary>RDMSR.</summary>
    MsrRead = 2,

    /// <summary>WRMSR.</summary>
    MsrWrite = 3,

    /// <summary>A write to CR4 (VMX CR access MOV to CR4, SVM CR4 write).</summary>
    Cr4Write = 4,

    /// <summary>VMCALL / VMMCALL.</summary>
    Hypercall = 5,

    /// <summary>EPT violation / #NPF: a guest-physical access L0's tables did not allow.</summary>
    NestedPageFault = 6,

    /// <summary>EPT misconfiguration: KVM's MMIO fast path.</summary>
    MmioMisconfig = 7,

    /// <summary>
    /// An instruction of the virtualization extension itself: VMXON, VMCLEAR, VMLAUNCH,
    /// VMRESUME, VMPTRLD/ST, VMREAD/WRITE, VMXOFF, INVEPT, INVVPID, VMFUNC (VMX); VMRUN, VMLOAD,
    /// VMSAVE, STGI, CLGI, INVLPGA, SKINIT (SVM). Only nested code can give them a meaning.
    /// </summary>
    VirtualizationInstruction = 8,

    /// <summary>An exit L0 does not know: the userspace VMM gets it.</summary>
    Unknown = 9,
}
