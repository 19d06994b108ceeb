namespace NestedVirt.L0;

/// <summary>
/// Xen's <c>enum nestedhvm_vmexits</c> (<c>asm/hvm/nestedhvm.h</c>), numbered as there: what a
/// nested exit step decided. Defined in every build (B-15: common code names these values).
/// </summary>
public enum NestedHvmVmexit
{
    /// <summary><c>NESTEDHVM_VMEXIT_ERROR</c>: inject a VM exit with an invalid VMCB into L1.</summary>
    Error = 0,

    /// <summary><c>NESTEDHVM_VMEXIT_FATALERROR</c>: crash L1 (what the compiled-out stubs return, model 04 §4).</summary>
    FatalError = 1,

    /// <summary><c>NESTEDHVM_VMEXIT_HOST</c>: L0 handles the exit.</summary>
    Host = 2,

    /// <summary><c>NESTEDHVM_VMEXIT_CONTINUE</c>: keep checking.</summary>
    Continue = 3,

    /// <summary><c>NESTEDHVM_VMEXIT_INJECT</c>: L1 intercepts it; perform the nested exit.</summary>
    Inject = 4,

    /// <summary><c>NESTEDHVM_VMEXIT_DONE</c>: the nested exit was performed; L1 runs.</summary>
    Done = 5,
}
