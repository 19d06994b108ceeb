using System.Runtime.InteropServices;
using NestedVirt.Kvm;
using NestedVirt.Relay;

namespace NestedVirt.Exits;

/// <summary>
/// The L0-side inputs of one routing decision: <see cref="L0ExitFlags"/>, the hypercall call code
/// (G-04), for SVM the exception intercepts of vmcb01 (D-11), and the VM's relay mask with the
/// model's relay corrections. 12 bytes, passed by <see langword="in"/>.
/// </summary>
/// <remarks>
/// The D-02 VMCALL row and the D-11 VMMCALL row need the direct-flush gate state. The router never
/// reads the eVMCS or the VP assist page itself: the caller evaluates the gate once
/// (<c>VmxOps</c> / <c>SvmOps</c>) and passes the result in
/// <see cref="L0ExitFlags.L2DirectHypercallGateOpen"/>. The relay decision itself (D-05, R-02,
/// R-06) is taken inside the router, in L0's step, from <see cref="RelayMask"/>, the gate, and the
/// hypercall input the caller put in <see cref="ExitInfo.Operand"/>.
/// </remarks>
[StructLayout(LayoutKind.Sequential)]
public readonly struct L0ExitContext
{
    /// <summary>Creates a context.</summary>
    /// <param name="flags">L0 interests and state.</param>
    /// <param name="hypercallCode">Hyper-V call code: RCX[15:0] for a 64-bit caller, EAX[15:0] otherwise.</param>
    /// <param name="l0ExceptionIntercepts">SVM: vmcb01's exception intercept vector (bit n = vector n).</param>
    /// <param name="relayMask">The VM's relay mask (<c>kvm-&gt;arch.nested_hv_relay_mask</c>, R-01); none = off.</param>
    /// <param name="relayCorrections">Corrections to the posted relay patch the model applies (default: none).</param>
    /// <exception cref="ArgumentOutOfRangeException">A mask bit outside <see cref="NestedHypervRelayMask.All"/> (KVM_ENABLE_CAP refuses those, R-01).</exception>
    public L0ExitContext(L0ExitFlags flags, ushort hypercallCode = 0, uint l0ExceptionIntercepts = 0,
        NestedHypervRelayMask relayMask = NestedHypervRelayMask.None, RelayCorrections relayCorrections = RelayCorrections.None)
    {
        if ((relayMask & ~NestedHypervRelayMask.All) != 0)
            ThrowHelper.ThrowArgumentOutOfRange(nameof(relayMask), "a VM's relay mask has only the bits KVM_ENABLE_CAP accepts (R-01)");
        Flags = flags;
        HypercallCode = hypercallCode;
        RelayCorrections = relayCorrections;
        relayMask8 = (byte)relayMask;
        L0ExceptionIntercepts = l0ExceptionIntercepts;
    }

    /// <summary>L0 interests and state.</summary>
    public L0ExitFlags Flags { get; }

    /// <summary>Low 16 bits of the hypercall input (G-04 ignores the fast and nested bits).</summary>
    public ushort HypercallCode { get; }

    /// <summary>Corrections to the posted relay patch in force (R-02 notes); none models the patch as posted.</summary>
    public RelayCorrections RelayCorrections { get; }

    // The two defined mask bits fit a byte, which keeps the context at 12 bytes.
    private readonly byte relayMask8;

    /// <summary>SVM: exception intercepts L0 set in vmcb01 (its own interest, D-11). Unused for VMX.</summary>
    public uint L0ExceptionIntercepts { get; }

    /// <summary>The VM's relay mask; <see cref="NestedHypervRelayMask.None"/> when the capability is off.</summary>
    public NestedHypervRelayMask RelayMask => (NestedHypervRelayMask)relayMask8;

    /// <summary>True when every bit of <paramref name="flag"/> is set.</summary>
    public bool Has(L0ExitFlags flag) => (Flags & flag) == flag;
}
