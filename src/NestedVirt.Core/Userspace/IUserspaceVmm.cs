using NestedVirt.Counters;
using NestedVirt.Memory;

namespace NestedVirt.Userspace;

/// <summary>
/// The userspace VMM's side of <c>KVM_EXIT_HYPERV</c> (OpenVMM's <c>virt_kvm</c> exit loop):
/// receive the exit by reference, act on it, write <c>hcall.result</c>. Implementations are
/// allocated once per VM (or are struct policies) and must not allocate per exit.
/// </summary>
public interface IUserspaceVmm
{
    /// <summary>
    /// Handles one <c>KVM_EXIT_HYPERV</c>. For an HCALL exit, writes
    /// <see cref="KvmHypervExit.HcallResult"/>; other exit types carry no result.
    /// </summary>
    /// <param name="exit">The exit, by reference (no copy).</param>
    /// <param name="l1Memory">Guest memory as userspace maps it: L1's GPA space.</param>
    /// <param name="counters">Counts of the path; add guest bytes read or written.</param>
    void HandleHypervExit(ref KvmHypervExit exit, GuestMemory l1Memory, ref PathCounters counters);
}
