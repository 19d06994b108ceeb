namespace NestedVirt.Exits;

/// <summary>
/// How KVM treats a VMMCALL from L2 that L1 does not intercept (model 01 §5 D-13).
/// </summary>
public enum SvmVmmcallPolicy
{
    /// <summary>
    /// Before the 2026 change: <c>recalc_intercepts</c> clears the VMMCALL intercept in vmcb02 unless
    /// the L2 TLB-flush enlightenment (gate G-02) is on, so with the gate closed the processor raises
    /// #UD in L2 without an exit, and with it open L0 runs the call as an ordinary hypercall.
    /// Source: <c>arch/x86/kvm/svm/nested.c</c> (gregkh/linux stable, read for this model).
    /// </summary>
    Pre2026ClearIntercept = 0,

    /// <summary>
    /// Upstream <c>c36991c6f8d2</c> "KVM: nSVM: Raise #UD if unhandled VMMCALL isn't intercepted by
    /// L1": VMMCALL is always intercepted while L2 runs, and an unhandled one injects #UD into L2.
    /// </summary>
    Upstream2026InjectUd = 1,
}
