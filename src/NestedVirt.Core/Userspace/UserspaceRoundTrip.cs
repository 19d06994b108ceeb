using NestedVirt.Counters;
using NestedVirt.Hypercalls;

namespace NestedVirt.Userspace;

/// <summary>
/// One userspace round trip for a hypercall: the VMM handles the <c>KVM_EXIT_HYPERV</c> exit,
/// then the next KVM_RUN completes the call (H-17). Generic over the VMM so a struct policy is
/// specialised by the JIT and a class is called without boxing.
/// </summary>
public static class UserspaceRoundTrip
{
    /// <summary>
    /// Delivers <paramref name="exit"/> to <paramref name="vmm"/> and completes the hypercall with
    /// the result it wrote.
    /// </summary>
    /// <param name="kernel">The VM's hypercall handler (KVM's side).</param>
    /// <param name="vmm">The userspace VMM.</param>
    /// <param name="regs">The caller's registers: result written and RIP advanced on completion.</param>
    /// <param name="vcpu">The calling vCPU's Hyper-V state.</param>
    /// <param name="exit">The HCALL exit <see cref="HyperVHypercallHandler.Finish"/> filled.</param>
    /// <param name="counters">Counts of the path: hypercalls completed, guest bytes read.</param>
    /// <param name="status">The status written to the guest.</param>
    public static HypercallOutcome Run<TVmm>(
        HyperVHypercallHandler kernel,
        ref TVmm vmm,
        ref HypercallRegisters regs,
        in HyperVVcpuState vcpu,
        ref KvmHypervExit exit,
        ref PathCounters counters,
        out HvStatus status)
        where TVmm : IUserspaceVmm
    {
        vmm.HandleHypervExit(ref exit, kernel.L1Memory, ref counters);
        return kernel.CompleteUserspace(ref regs, in exit, in vcpu, ref counters, out status);
    }
}
