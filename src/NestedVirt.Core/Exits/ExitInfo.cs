namespace NestedVirt.Exits;

/// <summary>
/// What L0 knows about one hardware exit from L2: the VMCS exit-information fields (VMX) or the
/// VMCB exit fields (SVM), plus the one guest register a routing decision may read. 64 bytes,
/// passed by <see langword="in"/>; every routing and reflection entry point takes it.
/// </summary>
/// <remarks>
/// Field meanings per architecture:
/// <list type="table">
/// <item><term><see cref="Code"/></term><description>VMX: the full 32-bit exit reason (<see cref="VmxExitReasonField"/>); SVM: EXITCODE (<see cref="SvmExitCode"/>).</description></item>
/// <item><term><see cref="Qualification"/></term><description>VMX: exit qualification; SVM: EXITINFO1.</description></item>
/// <item><term><see cref="Info2"/></term><description>VMX: guest-linear address; SVM: EXITINFO2.</description></item>
/// <item><term><see cref="InterruptionInfo"/></term><description>VMX: VM-exit interruption information; SVM: EXITINTINFO bits 31:0.</description></item>
/// </list>
/// </remarks>
public readonly struct ExitInfo
{
    /// <summary>VMX: the full 32-bit exit-reason field, zero-extended; SVM: the 64-bit EXITCODE.</summary>
    public ulong Code { get; init; }

    /// <summary>VMX: exit qualification; SVM: EXITINFO1.</summary>
    public ulong Qualification { get; init; }

    /// <summary>
    /// VMX: guest-linear address; SVM: EXITINFO2 (the faulting GPA for NPF, CR2 for #PF). For
    /// WRMSR the model puts the value written (EDX:EAX) here, which neither exit format carries.
    /// </summary>
    public ulong Info2 { get; init; }

    /// <summary>VMX: guest-physical address (EPT violation/misconfiguration); SVM: unused (see <see cref="Info2"/>).</summary>
    public ulong GuestPhysicalAddress { get; init; }

    /// <summary>RIP of the instruction after the exiting one (SVM nRIP; VMX guest RIP + <see cref="InstructionLength"/>).</summary>
    public ulong NextRip { get; init; }

    /// <summary>
    /// The guest register a decision reads, as KVM reads it from the vCPU: ECX for RDMSR/WRMSR
    /// (both architectures), the VMCS field encoding for VMREAD/VMWRITE (the register named by VMX
    /// instruction-information bits 31:28), EAX for ENCLS, the source GPR of a MOV to CR0/CR4
    /// (qualification bits 11:8), and for VMCALL/VMMCALL the hypercall input as the relay reads it
    /// RCX as the patch was posted; EDX:EAX for a 32-bit caller with the caller-mode correction).
    /// </summary>
    public ulong Operand { get; init; }

    /// <summary>VMX: VM-exit interruption information (<see cref="VmxInterruptionInfo"/>); SVM: EXITINTINFO bits 31:0.</summary>
    public uint InterruptionInfo { get; init; }

    /// <summary>VMX: VM-exit interruption error code; SVM: EXITINTINFO bits 63:32.</summary>
    public uint InterruptionErrorCode { get; init; }

    /// <summary>VMX: VM-exit instruction length; SVM: bytes between RIP and nRIP.</summary>
    public uint InstructionLength { get; init; }

#if INTEL_VMX
    /// <summary>The VMX view of <see cref="Code"/>.</summary>
    public VmxExitReasonField VmxReason => new((uint)Code);

    /// <summary>A VMX exit with the given basic reason (flags clear) and optional fields.</summary>
    public static ExitInfo Vmx(VmxExitReason reason, ulong qualification = 0, uint interruptionInfo = 0, ulong operand = 0) =>
        new() { Code = (ushort)reason, Qualification = qualification, InterruptionInfo = interruptionInfo, Operand = operand };
#endif

#if AMD_SVM
    /// <summary>The SVM view of <see cref="Code"/>.</summary>
    public SvmExitCode SvmCode => (SvmExitCode)Code;

    /// <summary>An SVM exit with the given code and optional fields.</summary>
    public static ExitInfo Svm(SvmExitCode code, ulong exitInfo1 = 0, ulong exitInfo2 = 0, ulong operand = 0) =>
        new() { Code = (ulong)code, Qualification = exitInfo1, Info2 = exitInfo2, Operand = operand };
#endif
}
