namespace NestedVirt.Exits;

/// <summary>
/// SVM intercept exit codes, the 64-bit EXITCODE at VMCB offset 0x70 (AMD APM Vol 2, Appendix C
/// "SVM Intercept Exit Codes"; model 01 §2, verified there against Xen <c>vmcb.h</c> and Linux
/// <c>uapi/asm/svm.h</c>).
/// </summary>
/// <remarks>
/// Four ranges are numbered per register or vector: CR0–15 read (0x00–0x0F) and write (0x10–0x1F),
/// DR0–15 read (0x20–0x2F) and write (0x30–0x3F), and exception vector n at 0x40 + n (0x40–0x5F).
/// Only the common members of those ranges are named here; <see cref="SvmExitCodeRanges"/> builds
/// and classifies any member of a range. For codes up to 0xA5 the code is also the bit number of
/// the matching intercept in the VMCB intercept vectors (<see cref="NestedVirt.Nested.SvmInterceptBit"/>).
/// </remarks>
public enum SvmExitCode : ulong
{
    /// <summary>Read of CR0 (first of the CR-read range 0x00–0x0F).</summary>
    ReadCr0 = 0x000,

    /// <summary>Read of CR3.</summary>
    ReadCr3 = 0x003,

    /// <summary>Read of CR4.</summary>
    ReadCr4 = 0x004,

    /// <summary>Read of CR8 (TPR).</summary>
    ReadCr8 = 0x008,

    /// <summary>Write of CR0 (first of the CR-write range 0x10–0x1F).</summary>
    WriteCr0 = 0x010,

    /// <summary>Write of CR3.</summary>
    WriteCr3 = 0x013,

    /// <summary>Write of CR4.</summary>
    WriteCr4 = 0x014,

    /// <summary>Write of CR8 (TPR).</summary>
    WriteCr8 = 0x018,

    /// <summary>Read of DR0 (first of the DR-read range 0x20–0x2F).</summary>
    ReadDr0 = 0x020,

    /// <summary>Read of DR7.</summary>
    ReadDr7 = 0x027,

    /// <summary>Write of DR0 (first of the DR-write range 0x30–0x3F).</summary>
    WriteDr0 = 0x030,

    /// <summary>Write of DR7.</summary>
    WriteDr7 = 0x037,

    /// <summary>Exception vector 0, #DE (first of the exception range 0x40–0x5F).</summary>
    ExceptionDe = 0x040,

    /// <summary>Exception vector 1, #DB.</summary>
    ExceptionDb = 0x041,

    /// <summary>Exception vector 3, #BP.</summary>
    ExceptionBp = 0x043,

    /// <summary>Exception vector 6, #UD (model 01 §2).</summary>
    ExceptionUd = 0x046,

    /// <summary>Exception vector 7, #NM.</summary>
    ExceptionNm = 0x047,

    /// <summary>Exception vector 8, #DF.</summary>
    ExceptionDf = 0x048,

    /// <summary>Exception vector 13, #GP.</summary>
    ExceptionGp = 0x04D,

    /// <summary>Exception vector 14, #PF (model 01 §2).</summary>
    ExceptionPf = 0x04E,

    /// <summary>Exception vector 17, #AC.</summary>
    ExceptionAc = 0x051,

    /// <summary>Exception vector 18, #MC.</summary>
    ExceptionMc = 0x052,

    /// <summary>Physical INTR (external interrupt).</summary>
    Intr = 0x060,

    /// <summary>Physical NMI.</summary>
    Nmi = 0x061,

    /// <summary>Physical SMI.</summary>
    Smi = 0x062,

    /// <summary>Physical INIT.</summary>
    Init = 0x063,

    /// <summary>Virtual interrupt (VINTR).</summary>
    Vintr = 0x064,

    /// <summary>Write of CR0 that changes bits other than TS and MP (selective CR0 write).</summary>
    Cr0SelectiveWrite = 0x065,

    /// <summary>Read of IDTR (SIDT).</summary>
    IdtrRead = 0x066,

    /// <summary>Read of GDTR (SGDT).</summary>
    GdtrRead = 0x067,

    /// <summary>Read of LDTR (SLDT).</summary>
    LdtrRead = 0x068,

    /// <summary>Read of TR (STR).</summary>
    TrRead = 0x069,

    /// <summary>Write of IDTR (LIDT).</summary>
    IdtrWrite = 0x06A,

    /// <summary>Write of GDTR (LGDT).</summary>
    GdtrWrite = 0x06B,

    /// <summary>Write of LDTR (LLDT).</summary>
    LdtrWrite = 0x06C,

    /// <summary>Write of TR (LTR).</summary>
    TrWrite = 0x06D,

    /// <summary>RDTSC.</summary>
    Rdtsc = 0x06E,

    /// <summary>RDPMC.</summary>
    Rdpmc = 0x06F,

    /// <summary>PUSHF.</summary>
    Pushf = 0x070,

    /// <summary>POPF.</summary>
    Popf = 0x071,

    /// <summary>CPUID.</summary>
    Cpuid = 0x072,

    /// <summary>RSM.</summary>
    Rsm = 0x073,

    /// <summary>IRET.</summary>
    Iret = 0x074,

    /// <summary>Software interrupt (INTn).</summary>
    Swint = 0x075,

    /// <summary>INVD.</summary>
    Invd = 0x076,

    /// <summary>PAUSE.</summary>
    Pause = 0x077,

    /// <summary>HLT.</summary>
    Hlt = 0x078,

    /// <summary>INVLPG.</summary>
    Invlpg = 0x079,

    /// <summary>INVLPGA.</summary>
    Invlpga = 0x07A,

    /// <summary>IN/OUT/INS/OUTS; EXITINFO1 carries port, size and direction.</summary>
    Ioio = 0x07B,

    /// <summary>RDMSR or WRMSR; EXITINFO1 = 0 for RDMSR, 1 for WRMSR.</summary>
    Msr = 0x07C,

    /// <summary>Task switch.</summary>
    TaskSwitch = 0x07D,

    /// <summary>FP error freeze.</summary>
    FerrFreeze = 0x07E,

    /// <summary>Shutdown (triple fault).</summary>
    Shutdown = 0x07F,

    /// <summary>VMRUN.</summary>
    Vmrun = 0x080,

    /// <summary>VMMCALL: the hypercall instruction on AMD.</summary>
    Vmmcall = 0x081,

    /// <summary>VMLOAD.</summary>
    Vmload = 0x082,

    /// <summary>VMSAVE.</summary>
    Vmsave = 0x083,

    /// <summary>STGI.</summary>
    Stgi = 0x084,

    /// <summary>CLGI.</summary>
    Clgi = 0x085,

    /// <summary>SKINIT.</summary>
    Skinit = 0x086,

    /// <summary>RDTSCP.</summary>
    Rdtscp = 0x087,

    /// <summary>ICEBP (INT1).</summary>
    Icebp = 0x088,

    /// <summary>WBINVD or WBNOINVD.</summary>
    Wbinvd = 0x089,

    /// <summary>MONITOR or MONITORX.</summary>
    Monitor = 0x08A,

    /// <summary>MWAIT or MWAITX, unconditionally.</summary>
    Mwait = 0x08B,

    /// <summary>MWAIT or MWAITX when the monitor hardware is armed.</summary>
    MwaitConditional = 0x08C,

    /// <summary>XSETBV.</summary>
    Xsetbv = 0x08D,

    /// <summary>RDPRU.</summary>
    Rdpru = 0x08E,

    /// <summary>Bus lock.</summary>
    BusLock = 0x0A5,

    /// <summary>Nested page fault; EXITINFO1 holds the fault code, EXITINFO2 the faulting GPA.</summary>
    Npf = 0x400,

    /// <summary>AVIC: an IPI could not be delivered to all targets.</summary>
    AvicIncompleteIpi = 0x401,

    /// <summary>AVIC: access to an APIC register the AVIC does not accelerate.</summary>
    AvicUnacceleratedAccess = 0x402,

    /// <summary>VMEXIT_INVALID (−1): VMRUN failed its consistency checks (Linux <c>SVM_EXIT_ERR</c>).</summary>
    Invalid = ulong.MaxValue,
}
