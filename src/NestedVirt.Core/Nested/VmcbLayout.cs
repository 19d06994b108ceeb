namespace NestedVirt.Nested;

/// <summary>
/// Byte offsets inside a VMCB page (AMD APM Vol 2, Appendix B, Table B-1 "VMCB Layout, Control
/// Area" and Table B-2 "VMCB Layout, State Save Area"). The offsets model 01 §2 lists were verified
/// there against Xen <c>vmcb.h</c>; the rest were cross-checked against Linux
/// <c>struct vmcb_control_area</c>/<c>struct vmcb_save_area</c> (<c>arch/x86/include/asm/svm.h</c>).
/// vmcb12 lives in L1 memory, so these are read and written through <c>GuestMemory</c>.
/// </summary>
public static class VmcbLayout
{
    /// <summary>Intercept vector word 0: CR0–15 reads (bits 15:0) and writes (31:16), u32.</summary>
    public const int InterceptCr = 0x000;

    /// <summary>Intercept vector word 1: DR0–15 reads (bits 15:0) and writes (31:16), u32.</summary>
    public const int InterceptDr = 0x004;

    /// <summary>Intercept vector word 2: exception vectors 0–31, u32.</summary>
    public const int InterceptExceptions = 0x008;

    /// <summary>Intercept vector word 3 ("misc 1": INTR ... SHUTDOWN), u32.</summary>
    public const int InterceptMisc1 = 0x00C;

    /// <summary>Intercept vector word 4 ("misc 2": VMRUN ... RDPRU, write traps), u32.</summary>
    public const int InterceptMisc2 = 0x010;

    /// <summary>Intercept vector word 5 ("misc 3": INVLPGB ... bus lock), u32.</summary>
    public const int InterceptMisc3 = 0x014;

    /// <summary>Number of 32-bit intercept words (Linux <c>MAX_INTERCEPT</c>).</summary>
    public const int InterceptWords = 6;

    /// <summary>PAUSE filter threshold, u16.</summary>
    public const int PauseFilterThreshold = 0x03C;

    /// <summary>PAUSE filter count, u16.</summary>
    public const int PauseFilterCount = 0x03E;

    /// <summary>IOPM_BASE_PA, u64 (bits 11:0 ignored).</summary>
    public const int IopmBasePa = 0x040;

    /// <summary>MSRPM_BASE_PA, u64 (bits 11:0 ignored).</summary>
    public const int MsrpmBasePa = 0x048;

    /// <summary>TSC_OFFSET, u64.</summary>
    public const int TscOffset = 0x050;

    /// <summary>Guest ASID, u32.</summary>
    public const int Asid = 0x058;

    /// <summary>TLB_CONTROL, u8.</summary>
    public const int TlbControl = 0x05C;

    /// <summary>Virtual interrupt control (V_TPR, V_IRQ, V_INTR_MASKING, ...), u32.</summary>
    public const int IntCtl = 0x060;

    /// <summary>Virtual interrupt vector, u32.</summary>
    public const int IntVector = 0x064;

    /// <summary>Interrupt shadow state, u32.</summary>
    public const int IntState = 0x068;

    /// <summary>EXITCODE, u64 (Linux splits it into <c>exit_code</c>/<c>exit_code_hi</c>).</summary>
    public const int ExitCode = 0x070;

    /// <summary>EXITINFO1, u64.</summary>
    public const int ExitInfo1 = 0x078;

    /// <summary>EXITINFO2, u64.</summary>
    public const int ExitInfo2 = 0x080;

    /// <summary>EXITINTINFO, u64 (error code in bits 63:32).</summary>
    public const int ExitIntInfo = 0x088;

    /// <summary>Nested-paging control, u64: bit 0 NP_ENABLE.</summary>
    public const int NestedCtl = 0x090;

    /// <summary>EVENTINJ, u64 (error code in bits 63:32).</summary>
    public const int EventInj = 0x0A8;

    /// <summary>Nested CR3 (nCR3), u64.</summary>
    public const int NestedCr3 = 0x0B0;

    /// <summary>LBR virtualization and virtual VMLOAD/VMSAVE enables, u64.</summary>
    public const int VirtExt = 0x0B8;

    /// <summary>VMCB clean bits, u32 (<see cref="VmcbCleanBits"/>).</summary>
    public const int CleanBits = 0x0C0;

    /// <summary>nRIP (next sequential instruction pointer), u64.</summary>
    public const int NextRip = 0x0C8;

    /// <summary>Hyper-V EnlightenmentsControl, u32 (TLFS <c>HV_SVM_ENLIGHTENED_VMCB_FIELDS</c>; 0x3E0–0x3FF is reserved for software).</summary>
    public const int HvEnlightenmentsControl = 0x3E0;

    /// <summary>Hyper-V VpId, u32.</summary>
    public const int HvVpId = 0x3E4;

    /// <summary>Hyper-V VmId, u64.</summary>
    public const int HvVmId = 0x3E8;

    /// <summary>Hyper-V PartitionAssistPage, u64.</summary>
    public const int HvPartitionAssistPage = 0x3F0;

    /// <summary>Start of the state save area.</summary>
    public const int SaveArea = 0x400;

    /// <summary>ES segment (selector u16, attrib u16, limit u32, base u64 = 16 bytes).</summary>
    public const int SaveEs = 0x400;

    /// <summary>CS segment.</summary>
    public const int SaveCs = 0x410;

    /// <summary>SS segment.</summary>
    public const int SaveSs = 0x420;

    /// <summary>DS segment.</summary>
    public const int SaveDs = 0x430;

    /// <summary>GDTR (limit and base used).</summary>
    public const int SaveGdtr = 0x460;

    /// <summary>IDTR (limit and base used).</summary>
    public const int SaveIdtr = 0x480;

    /// <summary>CPL, u8.</summary>
    public const int SaveCpl = 0x4CB;

    /// <summary>EFER, u64.</summary>
    public const int SaveEfer = 0x4D0;

    /// <summary>CR4, u64.</summary>
    public const int SaveCr4 = 0x548;

    /// <summary>CR3, u64.</summary>
    public const int SaveCr3 = 0x550;

    /// <summary>CR0, u64.</summary>
    public const int SaveCr0 = 0x558;

    /// <summary>DR7, u64.</summary>
    public const int SaveDr7 = 0x560;

    /// <summary>DR6, u64.</summary>
    public const int SaveDr6 = 0x568;

    /// <summary>RFLAGS, u64.</summary>
    public const int SaveRflags = 0x570;

    /// <summary>RIP, u64.</summary>
    public const int SaveRip = 0x578;

    /// <summary>RSP, u64.</summary>
    public const int SaveRsp = 0x5D8;

    /// <summary>RAX, u64.</summary>
    public const int SaveRax = 0x5F8;

    /// <summary>CR2, u64.</summary>
    public const int SaveCr2 = 0x640;

    /// <summary>MSR permission map size: 8 KiB (APM Vol 2 §15.11).</summary>
    public const int MsrpmSize = 0x2000;

    /// <summary>I/O permission map size: 12 KiB (APM Vol 2 §15.10.1).</summary>
    public const int IopmSize = 0x3000;
}
