namespace NestedVirt.Exits;

/// <summary>
/// Where an exit from L2 goes, as decided by <see cref="VmxExitRouter.Route"/> or
/// <see cref="SvmExitRouter.Route"/>. Each member names the caller's next step.
/// </summary>
public enum ExitRoute
{
    /// <summary>
    /// L0 wants the exit (VMX D-02 <c>nested_vmx_l0_wants_exit</c>; SVM D-11 <c>nested_svm_exit_special</c>
    /// returned HOST). Next: run L0's own exit handler with L2 still current, then re-enter L2.
    /// </summary>
    HandleInL0 = 0,

    /// <summary>
    /// Neither L0 needs the exit nor L1 intercepts it (VMX D-03; SVM D-12 <c>nested_svm_intercept</c>
    /// returned HOST). Next: L0 emulates what the hardware would have done for L2 without the
    /// intercept, then re-enters L2.
    /// </summary>
    HandleInL0NotInterceptedByL1 = 1,

    /// <summary>
    /// The relay kept an L2 hypercall in L0 (D-05 on VMX, R-06 on SVM: the test inside L0's own
    /// step of the routing). Next: clear RCX bit 31 as the RFC does on this branch, complete the
    /// call as a Hyper-V hypercall and re-enter L2.
    /// </summary>
    HandleInL0ByRelay = 2,

    /// <summary>
    /// L1 intercepts the exit (VMX D-04; SVM <c>nested_svm_intercept</c> returned DONE). Next: perform
    /// the nested VM exit (<c>VmxReflection</c> / <c>SvmReflection</c>) and run L1's handler.
    /// </summary>
    ReflectToL1 = 3,

    /// <summary>
    /// D-01: the hardware VM entry into L2 failed late (<c>vmx-&gt;fail</c>). Next: take the nested
    /// exit path with interruption info 0 and qualification 0; L1 sees its VMLAUNCH/VMRESUME fail.
    /// </summary>
    ReflectEntryFailureToL1 = 4,

    /// <summary>
    /// D-13 (2026 upstream): VMMCALL from L2 that L1 does not intercept and L0 does not handle.
    /// Next: inject #UD into L2 (the architectural result of a non-intercepted VMMCALL) and re-enter L2.
    /// </summary>
    InjectUdIntoL2 = 5,

    /// <summary>
    /// Pre-2026 SVM: vmcb02 did not intercept VMMCALL at all (L1 does not intercept it and the L2
    /// TLB-flush gate is closed), so the processor raised #UD in L2 without any exit. Next: nothing;
    /// count no transition.
    /// </summary>
    UdInL2WithoutExit = 6,
}
