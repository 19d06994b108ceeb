namespace NestedVirt.Reflection;

/// <summary>
/// Outcome of a modelled nested VMX transition (<see cref="VmxReflection"/>). Guest behaviour — a
/// malformed vmcs12, an unreadable MSR list — is reported here, never thrown. Each member names
/// where the vCPU is afterwards.
/// </summary>
public enum VmxTransitionStatus
{
    /// <summary>The VM entry completed: L2 runs on vmcs02.</summary>
    Resumed = 0,

    /// <summary>The nested VM exit completed: L1 runs at vmcs12's host RIP with the exit in vmcs12.</summary>
    InL1 = 1,

    /// <summary>D-01: the hardware entry into L2 failed late; L1 resumes after its VMLAUNCH/VMRESUME with VMfailValid (error 7).</summary>
    LateVmFail = 2,

    /// <summary>VMLAUNCH/VMRESUME without a current VMCS: VMfailInvalid (CF = 1); L1 continues after the instruction.</summary>
    VmFailInvalid = 3,

    /// <summary>VMfailValid (ZF = 1); the error number is in <c>Vmcs12.InstructionError</c> (model 01 §4.2 step 4). L1 continues.</summary>
    VmFailValid = 4,

    /// <summary>VM entry failed on guest state: L1 runs at host RIP with exit reason 33 and the entry-failure bit.</summary>
    EntryFailedInvalidGuestState = 5,

    /// <summary>VM entry failed loading an MSR: exit reason 34 with the entry-failure bit, qualification = 1-based entry index.</summary>
    EntryFailedMsrLoading = 6,

    /// <summary>VMX abort (an MSR store or load failed on the exit path): L1 gets a triple fault.</summary>
    VmxAbort = 7,

    /// <summary>#UD injected into L1 (VMRESUME outside VMX operation, or the enlightened VMPTRLD could not map the eVMCS).</summary>
    UndefinedOpcodeInL1 = 8,
}
