namespace NestedVirt.L0;

/// <summary>
/// Xen's <c>NSVM_INTR_*</c> (<c>asm/hvm/svm/nestedsvm.h</c>): what delivering an interrupt to a
/// vCPU running L2 means on SVM. Defined in every build (B-15).
/// </summary>
public enum NestedSvmInterrupt
{
    /// <summary><c>NSVM_INTR_MASKED</c>: GIF or L1's masking holds it.</summary>
    Masked = 0,

    /// <summary><c>NSVM_INTR_FORCEVMEXIT</c>: L1 intercepts interrupts; force a #VMEXIT(INTR) to L1.</summary>
    ForceVmexit = 1,

    /// <summary><c>NSVM_INTR_NOTINTERCEPTED</c>: deliver it to L2 (the compiled-out stub's value).</summary>
    NotIntercepted = 2,

    /// <summary><c>NSVM_INTR_NOTHANDLED</c>: not a nested matter.</summary>
    NotHandled = 3,
}
