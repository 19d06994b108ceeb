using NestedVirt.Nested;
using NestedVirt.Relay;

namespace NestedVirt.Exits;

/// <summary>
/// L0's claim on an L2 hypercall exit (VMCALL or VMMCALL), the same on both vendors: the relay
/// keeps a nested post the VM's mask covers when L1 opened the direct-hypercall gate (D-05 on
/// VMX inside <c>nested_vmx_l0_wants_exit</c>, R-06 on SVM inside <c>nested_svm_exit_special</c>);
/// otherwise L0 keeps the Hyper-V L2 TLB-flush hypercalls, only with CONFIG_KVM_HYPERV (G-05).
/// </summary>
internal static class L2HypercallClaim
{
    /// <summary>Relay, Handle or None for a hypercall exit of L2.</summary>
    public static L0Claim For(in ExitInfo exit, in L0ExitContext l0)
    {
        if (NestedHypercallRelay.ShouldRelay(exit, l0))
            return L0Claim.Relay;
        return !l0.Has(L0ExitFlags.KvmHypervCompiledOut)
            && DirectHypercallGate.L0HandlesL2Hypercall(
                l0.Has(L0ExitFlags.HvDirectFlushCpuid),
                l0.Has(L0ExitFlags.L2DirectHypercallGateOpen),
                l0.HypercallCode)
            ? L0Claim.Handle
            : L0Claim.None;
    }
}
