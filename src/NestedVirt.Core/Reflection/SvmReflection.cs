using NestedVirt.Counters;
using NestedVirt.Exits;
using NestedVirt.Memory;
using NestedVirt.Nested;

namespace NestedVirt.Reflection;

/// <summary>
/// Modelled nested SVM transitions (model 01 §6): the nested #VMEXIT to L1, L1's handler and L1's
/// VMRUN back into L2. Each call mutates the <see cref="NestedSvmState"/>, reads and writes vmcb12
/// in L1 memory, and adds its events into <see cref="PathCounters"/>; deterministic and
/// allocation-free.
/// </summary>
/// <remarks>
/// Transitions counted as in <see cref="VmxReflection"/>: one L0→L1 entry for the reflected exit,
/// one L1→L0 exit for L1's VMRUN, one L0→L2 entry, plus one exit/entry pair per other exit of L1's
/// handler. L1 edits vmcb12 with plain stores, so there is no VMREAD/VMWRITE cost on SVM. The
/// hardware L2→L0 exit is counted by the caller.
/// </remarks>
public static class SvmReflection
{
    /// <summary>
    /// <c>nested_svm_vmexit</c> for <paramref name="exit"/>: vmcb12 receives L2's state and the exit
    /// fields (EXITCODE, EXITINFO1/2, EXITINTINFO, nRIP), GIF is cleared and L1's state is restored.
    /// </summary>
    /// <exception cref="InvalidOperationException">The vCPU is not in guest mode (API misuse).</exception>
    public static SvmTransitionStatus ReflectExit(NestedSvmState state, GuestMemory memory, in ExitInfo exit, ref PathCounters counters)
    {
        if (!state.GuestMode)
            ThrowHelper.ThrowInvalidOperation("only an exit from L2 can be reflected");
        ulong exitIntInfo = exit.InterruptionInfo | ((ulong)exit.InterruptionErrorCode << 32);
        return SvmExitPath.Run(state, memory, exit.Code, exit.Qualification, exit.Info2, exitIntInfo, exit.NextRip, ref counters);
    }

    /// <summary>
    /// L1's exit handler: its other exits cost one exit/entry pair each; the vmcb12 groups it
    /// changed lose their clean bits (L1 marks the rest clean, as KVM-as-L1 and Hyper-V do).
    /// </summary>
    /// <exception cref="InvalidOperationException">The vCPU is in guest mode (API misuse).</exception>
    public static void RunL1Handler(NestedSvmState state, GuestMemory memory, in L1HandlerCost handler, ref PathCounters counters)
    {
        if (state.GuestMode)
            ThrowHelper.ThrowInvalidOperation("L1's handler runs only after a nested exit");
        // L1's own store into the vmcb12 it is about to VMRUN (its RAX), not an L0 cost.
        memory.TryWriteUInt32(state.L1.Rax + VmcbLayout.CleanBits, (uint)(VmcbCleanBits.All & ~handler.DirtiedVmcbGroups));
        counters.L1ToL0Exits += handler.OtherL1Exits;
        counters.L0ToL1Entries += handler.OtherL1Exits;
    }

    /// <summary>
    /// L1 executes VMRUN with the vmcb12 GPA in RAX: one L1→L0 exit, then <c>nested_svm_vmrun</c>
    /// (map and cache vmcb12, consistency checks, park L1 in vmcb01, prepare vmcb02 honouring the
    /// clean bits when the GPA is unchanged, merge the MSR permission maps) and the L0→L2 entry.
    /// </summary>
    /// <exception cref="InvalidOperationException">The vCPU is in guest mode (API misuse).</exception>
    public static SvmTransitionStatus EmulateVmrun(NestedSvmState state, GuestMemory memory, ref PathCounters counters)
    {
        if (state.GuestMode)
            ThrowHelper.ThrowInvalidOperation("VMRUN is emulated only for L1");
        counters.L1ToL0Exits++;
        return SvmEntryPath.Run(state, memory, ref counters);
    }

    /// <summary>
    /// One full reflected round trip: nested #VMEXIT for <paramref name="exit"/>, L1's handler,
    /// L1's VMRUN and the re-entry into L2.
    /// </summary>
    /// <returns><see cref="SvmTransitionStatus.Resumed"/> when L2 runs again; otherwise the status of the step that stopped.</returns>
    /// <exception cref="InvalidOperationException">The vCPU is not in guest mode (API misuse).</exception>
    public static SvmTransitionStatus ReflectAndResume(NestedSvmState state, GuestMemory memory, in ExitInfo exit,
        in L1HandlerCost handler, ref PathCounters counters)
    {
        SvmTransitionStatus status = ReflectExit(state, memory, exit, ref counters);
        if (status != SvmTransitionStatus.InL1)
            return status;
        RunL1Handler(state, memory, handler, ref counters);
        return EmulateVmrun(state, memory, ref counters);
    }
}
