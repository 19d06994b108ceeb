namespace NestedVirt.Nested;

/// <summary>
/// Bit numbers in the VMCB intercept vectors (six u32 words from offset 0, AMD APM Vol 2 Table B-1;
/// Linux <c>enum</c> of <c>INTERCEPT_*</c> in <c>asm/svm.h</c>): bit n is word n/32, bit n%32.
/// For exit codes 0x00–0xA5 the bit number equals the exit code, which is how KVM tests
/// <c>vmcb12_is_intercept(ctl, exit_code)</c>. CR, DR and exception bits are ranges (use
/// <see cref="CrReadBase"/> + n and so on).
/// </summary>
public enum SvmInterceptBit
{
    /// <summary>CRn read = 0 + n (word 0 bits 15:0).</summary>
    CrReadBase = 0,

    /// <summary>CRn write = 16 + n (word 0 bits 31:16).</summary>
    CrWriteBase = 16,

    /// <summary>DRn read = 32 + n (word 1).</summary>
    DrReadBase = 32,

    /// <summary>DRn write = 48 + n (word 1).</summary>
    DrWriteBase = 48,

    /// <summary>Exception vector n = 64 + n (word 2).</summary>
    ExceptionBase = 64,

    /// <summary>INTR (word 3 bit 0).</summary>
    Intr = 96,

    /// <summary>NMI.</summary>
    Nmi = 97,

    /// <summary>SMI.</summary>
    Smi = 98,

    /// <summary>INIT.</summary>
    Init = 99,

    /// <summary>VINTR.</summary>
    Vintr = 100,

    /// <summary>Selective CR0 write.</summary>
    SelectiveCr0 = 101,

    /// <summary>IDTR read.</summary>
    IdtrRead = 102,

    /// <summary>GDTR read.</summary>
    GdtrRead = 103,

    /// <summary>LDTR read.</summary>
    LdtrRead = 104,

    /// <summary>TR read.</summary>
    TrRead = 105,

    /// <summary>IDTR write.</summary>
    IdtrWrite = 106,

    /// <summary>GDTR write.</summary>
    GdtrWrite = 107,

    /// <summary>LDTR write.</summary>
    LdtrWrite = 108,

    /// <summary>TR write.</summary>
    TrWrite = 109,

    /// <summary>RDTSC.</summary>
    Rdtsc = 110,

    /// <summary>RDPMC.</summary>
    Rdpmc = 111,

    /// <summary>PUSHF.</summary>
    Pushf = 112,

    /// <summary>POPF.</summary>
    Popf = 113,

    /// <summary>CPUID.</summary>
    Cpuid = 114,

    /// <summary>RSM.</summary>
    Rsm = 115,

    /// <summary>IRET.</summary>
    Iret = 116,

    /// <summary>INTn.</summary>
    Intn = 117,

    /// <summary>INVD.</summary>
    Invd = 118,

    /// <summary>PAUSE.</summary>
    Pause = 119,

    /// <summary>HLT.</summary>
    Hlt = 120,

    /// <summary>INVLPG.</summary>
    Invlpg = 121,

    /// <summary>INVLPGA.</summary>
    Invlpga = 122,

    /// <summary>IOIO_PROT: consult the I/O permission map.</summary>
    IoioProt = 123,

    /// <summary>MSR_PROT: consult the MSR permission map.</summary>
    MsrProt = 124,

    /// <summary>Task switch.</summary>
    TaskSwitch = 125,

    /// <summary>FERR_FREEZE.</summary>
    FerrFreeze = 126,

    /// <summary>Shutdown.</summary>
    Shutdown = 127,

    /// <summary>VMRUN (word 4 bit 0; must be set in vmcb12 or VMRUN fails).</summary>
    Vmrun = 128,

    /// <summary>VMMCALL.</summary>
    Vmmcall = 129,

    /// <summary>VMLOAD.</summary>
    Vmload = 130,

    /// <summary>VMSAVE.</summary>
    Vmsave = 131,

    /// <summary>STGI.</summary>
    Stgi = 132,

    /// <summary>CLGI.</summary>
    Clgi = 133,

    /// <summary>SKINIT.</summary>
    Skinit = 134,

    /// <summary>RDTSCP.</summary>
    Rdtscp = 135,

    /// <summary>ICEBP.</summary>
    Icebp = 136,

    /// <summary>WBINVD/WBNOINVD.</summary>
    Wbinvd = 137,

    /// <summary>MONITOR/MONITORX.</summary>
    Monitor = 138,

    /// <summary>MWAIT/MWAITX unconditionally.</summary>
    Mwait = 139,

    /// <summary>MWAIT/MWAITX if armed.</summary>
    MwaitConditional = 140,

    /// <summary>XSETBV.</summary>
    Xsetbv = 141,

    /// <summary>RDPRU.</summary>
    Rdpru = 142,

    /// <summary>INVLPGB (word 5 bit 0).</summary>
    Invlpgb = 160,

    /// <summary>Illegal INVLPGB.</summary>
    InvlpgbIllegal = 161,

    /// <summary>INVPCID.</summary>
    Invpcid = 162,

    /// <summary>MCOMMIT.</summary>
    Mcommit = 163,

    /// <summary>TLBSYNC.</summary>
    Tlbsync = 164,

    /// <summary>Bus lock (word 5 bit 5). Not in docs/model: taken from the exit-code/bit correspondence (BUS_LOCK = 0xA5 = 165).</summary>
    BusLock = 165,
}
