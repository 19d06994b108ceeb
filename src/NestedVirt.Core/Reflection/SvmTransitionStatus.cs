namespace NestedVirt.Reflection;

/// <summary>
/// Outcome of a modelled nested SVM transition (<see cref="SvmReflection"/>). Each member names
/// where the vCPU is afterwards.
/// </summary>
public enum SvmTransitionStatus
{
    /// <summary>VMRUN completed: L2 runs on vmcb02.</summary>
    Resumed = 0,

    /// <summary>The nested #VMEXIT completed: L1 runs after its VMRUN with the exit in vmcb12.</summary>
    InL1 = 1,

    /// <summary>vmcb12 could not be mapped on the exit path: KVM requests a triple fault for L1 (model 01 §6 step 1).</summary>
    TripleFaultL1 = 2,

    /// <summary>VMRUN consistency checks failed: vmcb12 EXITCODE = −1 (VMEXIT_INVALID); L1 continues after VMRUN.</summary>
    VmrunInvalidVmcb = 3,

    /// <summary>The L1/L0 MSR permission maps could not be merged: L2 never runs, L1 sees a VMEXIT_INVALID exit.</summary>
    VmrunMsrpmMergeFailed = 4,

    /// <summary>#GP injected into L1 (vmcb12 GPA not in L1's RAM, or a bogus VP assist page).</summary>
    GeneralProtectionInL1 = 5,

    /// <summary>#UD injected into L1 (VMRUN with EFER.SVME clear).</summary>
    UndefinedOpcodeInL1 = 6,
}
