using System.Runtime.InteropServices;

namespace NestedVirt.Exits;

/// <summary>
/// The L0-side inputs of one routing decision: <see cref="L0ExitFlags"/>, the hypercall call code
/// (G-04) and, for SVM, the exception intercepts of vmcb01 (D-11). 12 bytes, passed by
/// <see langword="in"/>.
/// </summary>
/// <remarks>
/// The D-02 VMCALL row and the D-11 VMMCALL row need the direct-flush gate state. The router never
/// reads the eVMCS or the VP assist page itself: the caller evaluates the gate once
/// (<c>DirectHypercallGate.IsVmxGateOpen</c> / <c>IsSvmGateOpen</c>) and passes the result in
/// <see cref="L0ExitFlags.L2DirectHypercallGateOpen"/>, as the relay does too.
/// </remarks>
[StructLayout(LayoutKind.Sequential)]
public readonly struct L0ExitContext
{
    /// <summary>Creates a context.</summary>
    /// <param name="flags">L0 interests and state.</param>
    /// <param name="hypercallCode">Hyper-V call code: RCX[15:0] for a 64-bit caller, EAX[15:0] otherwise.</param>
    /// <param name="l0ExceptionIntercepts">SVM: vmcb01's exception intercept vector (bit n = vector n).</param>
    public L0ExitContext(L0ExitFlags flags, ushort hypercallCode = 0, uint l0ExceptionIntercepts = 0)
    {
        Flags = flags;
        HypercallCode = hypercallCode;
        L0ExceptionIntercepts = l0ExceptionIntercepts;
    }

    /// <summary>L0 interests and state.</summary>
    public L0ExitFlags Flags { get; }

    /// <summary>Low 16 bits of the hypercall input (G-04 ignores the fast and nested bits).</summary>
    public ushort HypercallCode { get; }

    /// <summary>SVM: exception intercepts L0 set in vmcb01 (its own interest, D-11). Unused for VMX.</summary>
    public uint L0ExceptionIntercepts { get; }

    /// <summary>True when every bit of <paramref name="flag"/> is set.</summary>
    public bool Has(L0ExitFlags flag) => (Flags & flag) == flag;
}
