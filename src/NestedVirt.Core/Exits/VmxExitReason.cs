namespace NestedVirt.Exits;

/// <summary>
/// VMX basic exit reasons: bits 15:0 of the 32-bit exit-reason field (Intel SDM Vol 3C,
/// Appendix C "VMX Basic Exit Reasons"; model 01 §1.1). Dispatch switches on these 16 bits only
/// (<see cref="VmxExitReasonField.Basic"/>), as KVM casts <c>exit_reason.basic</c> to <c>u16</c>.
/// </summary>
/// <remarks>
/// Numbers follow the table of model 01 §1.1, verified against Xen <c>vmx.h</c> and Linux
/// <c>uapi/asm/vmx.h</c>. Gaps (35, 38, 42, 65, 69–73, 78–83) are "unknown", not "reserved":
/// they were not checked against the current SDM and are deliberately absent.
/// </remarks>
public enum VmxExitReason : ushort
{
    /// <summary>Exception or NMI; the interruption-information field says which.</summary>
    ExceptionOrNmi = 0,

    /// <summary>External interrupt arrived while "external-interrupt exiting" was set.</summary>
    ExternalInterrupt = 1,

    /// <summary>Triple fault in the guest.</summary>
    TripleFault = 2,

    /// <summary>INIT signal arrived.</summary>
    InitSignal = 3,

    /// <summary>Start-up IPI arrived while in wait-for-SIPI.</summary>
    Sipi = 4,

    /// <summary>I/O system-management interrupt.</summary>
    IoSmi = 5,

    /// <summary>Other system-management interrupt.</summary>
    OtherSmi = 6,

    /// <summary>Interrupt window opened ("interrupt-window exiting").</summary>
    InterruptWindow = 7,

    /// <summary>NMI window opened ("NMI-window exiting").</summary>
    NmiWindow = 8,

    /// <summary>Task switch.</summary>
    TaskSwitch = 9,

    /// <summary>CPUID (always exits in VMX non-root operation).</summary>
    Cpuid = 10,

    /// <summary>GETSEC.</summary>
    Getsec = 11,

    /// <summary>HLT with "HLT exiting".</summary>
    Hlt = 12,

    /// <summary>INVD (always exits).</summary>
    Invd = 13,

    /// <summary>INVLPG with "INVLPG exiting".</summary>
    Invlpg = 14,

    /// <summary>RDPMC with "RDPMC exiting".</summary>
    Rdpmc = 15,

    /// <summary>RDTSC with "RDTSC exiting".</summary>
    Rdtsc = 16,

    /// <summary>RSM in SMM.</summary>
    Rsm = 17,

    /// <summary>VMCALL: the hypercall instruction (Hyper-V, KVM and Xen hypercalls from a VMX guest).</summary>
    Vmcall = 18,

    /// <summary>VMCLEAR.</summary>
    Vmclear = 19,

    /// <summary>VMLAUNCH.</summary>
    Vmlaunch = 20,

    /// <summary>VMPTRLD.</summary>
    Vmptrld = 21,

    /// <summary>VMPTRST.</summary>
    Vmptrst = 22,

    /// <summary>VMREAD (an L1 without enlightened or shadow VMCS exits on each one).</summary>
    Vmread = 23,

    /// <summary>VMRESUME.</summary>
    Vmresume = 24,

    /// <summary>VMWRITE.</summary>
    Vmwrite = 25,

    /// <summary>VMXOFF.</summary>
    Vmxoff = 26,

    /// <summary>VMXON.</summary>
    Vmxon = 27,

    /// <summary>Control-register access (MOV to/from CR, CLTS, LMSW).</summary>
    CrAccess = 28,

    /// <summary>MOV to/from a debug register with "MOV-DR exiting".</summary>
    DrAccess = 29,

    /// <summary>IN/OUT/INS/OUTS.</summary>
    IoInstruction = 30,

    /// <summary>RDMSR.</summary>
    MsrRead = 31,

    /// <summary>WRMSR.</summary>
    MsrWrite = 32,

    /// <summary>VM-entry failure due to invalid guest state (reported with the entry-failure bit).</summary>
    InvalidGuestState = 33,

    /// <summary>VM-entry failure while loading MSRs (reported with the entry-failure bit).</summary>
    MsrLoading = 34,

    /// <summary>MWAIT with "MWAIT exiting".</summary>
    Mwait = 36,

    /// <summary>Monitor trap flag.</summary>
    MonitorTrapFlag = 37,

    /// <summary>MONITOR with "MONITOR exiting".</summary>
    Monitor = 39,

    /// <summary>PAUSE with "PAUSE exiting" or "PAUSE-loop exiting".</summary>
    Pause = 40,

    /// <summary>VM-entry failure due to a machine-check event.</summary>
    MceDuringVmentry = 41,

    /// <summary>TPR below threshold (TPR shadow).</summary>
    TprBelowThreshold = 43,

    /// <summary>Access to the APIC-access page.</summary>
    ApicAccess = 44,

    /// <summary>Virtualized EOI (EOI-induced exit).</summary>
    EoiInduced = 45,

    /// <summary>GDTR/IDTR access with "descriptor-table exiting".</summary>
    GdtrIdtrAccess = 46,

    /// <summary>LDTR/TR access with "descriptor-table exiting".</summary>
    LdtrTrAccess = 47,

    /// <summary>EPT violation.</summary>
    EptViolation = 48,

    /// <summary>EPT misconfiguration (KVM's MMIO fast path).</summary>
    EptMisconfig = 49,

    /// <summary>INVEPT.</summary>
    Invept = 50,

    /// <summary>RDTSCP with "RDTSC exiting".</summary>
    Rdtscp = 51,

    /// <summary>VMX-preemption timer expired.</summary>
    PreemptionTimer = 52,

    /// <summary>INVVPID.</summary>
    Invvpid = 53,

    /// <summary>WBINVD or WBNOINVD with "WBINVD exiting".</summary>
    Wbinvd = 54,

    /// <summary>XSETBV (always exits).</summary>
    Xsetbv = 55,

    /// <summary>APIC write (APIC-register virtualization, trap-like).</summary>
    ApicWrite = 56,

    /// <summary>RDRAND with "RDRAND exiting". Number from Linux <c>uapi/asm/vmx.h</c> (model sources §5.10): 57.</summary>
    Rdrand = 57,

    /// <summary>INVPCID.</summary>
    Invpcid = 58,

    /// <summary>VMFUNC that failed or was not enabled for the function.</summary>
    Vmfunc = 59,

    /// <summary>ENCLS with "ENCLS exiting". Number from Linux <c>uapi/asm/vmx.h</c> (model sources §5.10): 60.</summary>
    Encls = 60,

    /// <summary>RDSEED with "RDSEED exiting". Number from Linux <c>uapi/asm/vmx.h</c> (model sources §5.10): 61.</summary>
    Rdseed = 61,

    /// <summary>Page-modification log full.</summary>
    PmlFull = 62,

    /// <summary>XSAVES (XSS-exiting bitmap).</summary>
    Xsaves = 63,

    /// <summary>XRSTORS (XSS-exiting bitmap).</summary>
    Xrstors = 64,

    /// <summary>Sub-page-permission (SPP) event.</summary>
    Spp = 66,

    /// <summary>UMWAIT with "enable user wait and pause".</summary>
    Umwait = 67,

    /// <summary>TPAUSE with "enable user wait and pause".</summary>
    Tpause = 68,

    /// <summary>Bus lock (the exit reason itself; bit 26 of the field reports a bus lock on another exit).</summary>
    BusLock = 74,

    /// <summary>Notify window expired.</summary>
    Notify = 75,

    /// <summary>SEAMCALL. Number from a Linux <c>uapi/asm/vmx.h</c> diff (model sources §5.10): 76.</summary>
    Seamcall = 76,

    /// <summary>TDCALL. Number from Linux <c>uapi/asm/vmx.h</c> (model sources §5.10): 77.</summary>
    Tdcall = 77,

    /// <summary>RDMSR with an immediate MSR index. Number from Linux <c>uapi/asm/vmx.h</c> (model sources §5.10): 84.</summary>
    MsrReadImm = 84,

    /// <summary>WRMSRNS/WRMSR with an immediate MSR index. Number from Linux <c>uapi/asm/vmx.h</c> (model sources §5.10): 85.</summary>
    MsrWriteImm = 85,
}
