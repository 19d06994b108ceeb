using NestedVirt.Counters;
using NestedVirt.Exits;
using NestedVirt.Memory;
using NestedVirt.Nested;

namespace NestedVirt.Reflection;

/// <summary>
/// Modelled nested VMX transitions: reflecting an L2 exit to L1 (model 01 §4.1), L1's handler, and
/// the re-entry into L2 on L1's VMRESUME (§4.2). Each call mutates the <see cref="NestedVmxState"/>
/// and adds its events into <see cref="PathCounters"/>; all are deterministic and allocation-free.
/// </summary>
/// <remarks>
/// Transitions counted: one L0→L1 entry when L1 resumes after the reflected exit, one L1→L0 exit
/// for L1's VMRESUME, one L0→L2 entry when L2 runs again, plus one L1→L0 exit and one L0→L1 entry
/// for every VMREAD/VMWRITE that traps (an L1 without eVMCS, or outside the shadow-VMCS set) and for
/// every other exit of L1's handler. The hardware L2→L0 exit that starts a round trip is counted
/// by whoever observed it, not here. Field counts follow <see cref="VmxFieldCounts"/> and
/// <see cref="EvmcsGroupCosts"/>.
/// </remarks>
public static class VmxReflection
{
    /// <summary>
    /// D-04 then <c>nested_vmx_vmexit</c>: copies the interruption error code when the exit is an
    /// exception with one, then runs the nested exit path and resumes L1.
    /// </summary>
    /// <returns><see cref="VmxTransitionStatus.InL1"/>, or <see cref="VmxTransitionStatus.VmxAbort"/> when an exit MSR list is unreadable.</returns>
    /// <exception cref="InvalidOperationException">The vCPU is not in guest mode (API misuse).</exception>
    public static VmxTransitionStatus ReflectExit(NestedVmxState state, GuestMemory memory, in ExitInfo exit, ref PathCounters counters)
    {
        if (!state.GuestMode)
            ThrowHelper.ThrowInvalidOperation("only an exit from L2 can be reflected");
        uint intrInfo = exit.InterruptionInfo;
        if (new VmxInterruptionInfo(intrInfo).HasErrorCode)
        {
            state.Vmcs12.ExitInterruptionErrorCode = exit.InterruptionErrorCode;
            counters.VmcsFieldsRead += VmxFieldCounts.ReflectErrorCode;
            counters.VmcsFieldsWritten += VmxFieldCounts.ReflectErrorCode;
        }
        return VmxExitPath.Run(state, memory, (uint)exit.Code, intrInfo, exit.Qualification, exit, ref counters);
    }

    /// <summary>
    /// D-01: the hardware entry into L2 failed late. L0 takes the exit path without syncing vmcs12
    /// and L1 sees its VMLAUNCH/VMRESUME fail with VMfailValid (error 7).
    /// </summary>
    /// <exception cref="InvalidOperationException">The vCPU is not in guest mode (API misuse).</exception>
    public static VmxTransitionStatus ReflectLateEntryFailure(NestedVmxState state, ref PathCounters counters)
    {
        if (!state.GuestMode)
            ThrowHelper.ThrowInvalidOperation("a late VM-entry failure happens only in guest mode");
        return VmxExitPath.RunLateFailure(state, ref counters);
    }

    /// <summary>
    /// L1's exit handler, from its cost description: with an eVMCS its vmcs12 accesses are plain
    /// memory accesses and it clears the clean bits of the groups it changed; without one, each
    /// VMREAD/VMWRITE (only those outside the shadow set when L0 uses shadow VMCS) is an emulated
    /// exit, a trapping VMWRITE marks vmcs12 dirty and the first trapping access syncs the stale
    /// rare fields.
    /// </summary>
    /// <exception cref="InvalidOperationException">The vCPU is in guest mode (API misuse).</exception>
    public static void RunL1Handler(NestedVmxState state, GuestMemory memory, in L1HandlerCost handler, ref PathCounters counters)
    {
        if (state.GuestMode)
            ThrowHelper.ThrowInvalidOperation("L1's handler runs only after a nested exit");

        if (state.IsEvmcsInUse)
        {
            var evmcs = new EnlightenedVmcs(memory, state.EvmcsGpa);
            if (handler.DirtiedEvmcsGroups != EvmcsCleanFields.None && evmcs.TryReadCleanFields(out EvmcsCleanFields clean))
                evmcs.TryWriteCleanFields(clean & ~handler.DirtiedEvmcsGroups); // L1's own store, not an L0 cost
        }
        else
        {
            int reads = state.ShadowVmcsForL1 ? handler.UnshadowedVmReads : handler.VmReads;
            int writes = state.ShadowVmcsForL1 ? handler.UnshadowedVmWrites : handler.VmWrites;
            if (handler.UnshadowedVmReads + handler.UnshadowedVmWrites > 0)
                VmxExitPath.SyncRareIfStale(state, ref counters);
            counters.VmcsFieldsRead += reads * VmxFieldCounts.EmulatedVmcsAccess;
            counters.VmcsFieldsWritten += writes * VmxFieldCounts.EmulatedVmcsAccess;
            counters.L1ToL0Exits += reads + writes;
            counters.L0ToL1Entries += reads + writes;
            if (handler.UnshadowedVmWrites > 0)
                state.DirtyVmcs12 = true;
        }

        counters.L1ToL0Exits += handler.OtherL1Exits;
        counters.L0ToL1Entries += handler.OtherL1Exits;
    }

    /// <summary>
    /// L1 executes VMLAUNCH (<paramref name="launch"/>) or VMRESUME: one L1→L0 exit, then
    /// <c>nested_vmx_run</c> (permission and enlightened VMPTRLD, eVMCS or shadow copy, checks,
    /// <c>prepare_vmcs02</c>, VM-entry MSR loading) and the L0→L2 entry.
    /// </summary>
    /// <exception cref="InvalidOperationException">The vCPU is in guest mode (API misuse).</exception>
    public static VmxTransitionStatus EmulateVmEntry(NestedVmxState state, GuestMemory memory, bool launch, ref PathCounters counters)
    {
        if (state.GuestMode)
            ThrowHelper.ThrowInvalidOperation("VMLAUNCH/VMRESUME are emulated only for L1");
        counters.L1ToL0Exits++;
        return VmxEntryPath.Run(state, memory, launch, ref counters);
    }

    /// <summary>
    /// One full reflected round trip, the unit benchmarks call: reflect <paramref name="exit"/> to
    /// L1 (D-04 and §4.1), run L1's handler as described by <paramref name="handler"/>, emulate L1's
    /// VMRESUME (§4.2) and re-enter L2.
    /// </summary>
    /// <returns><see cref="VmxTransitionStatus.Resumed"/> when L2 runs again; otherwise the status of the step that stopped.</returns>
    /// <exception cref="InvalidOperationException">The vCPU is not in guest mode (API misuse).</exception>
    public static VmxTransitionStatus ReflectAndResume(NestedVmxState state, GuestMemory memory, in ExitInfo exit,
        in L1HandlerCost handler, ref PathCounters counters)
    {
        VmxTransitionStatus status = ReflectExit(state, memory, exit, ref counters);
        if (status != VmxTransitionStatus.InL1)
            return status;
        RunL1Handler(state, memory, handler, ref counters);
        return EmulateVmEntry(state, memory, launch: false, ref counters);
    }
}
