using NestedVirt.Counters;
using NestedVirt.Exits;
using NestedVirt.Hypercalls;
using NestedVirt.L0;
using NestedVirt.Nested;
using NestedVirt.Paging;
using NestedVirt.Reflection;
using NestedVirt.Relay;
using NestedVirt.Topology;
using NestedVirt.X86;

namespace NestedVirt.Vendors;

// Nested VMX (KVM vmx/nested.c, Xen vvmx.o): compiled only with EnableNested and EnableVmx.
internal readonly partial struct VmxOps
{
    /// <inheritdoc/>
    public static bool IsDirectHypercallGateOpen(NestedTopology topology) =>
        DirectHypercallGate.IsVmxGateOpen(topology.Vmx!, topology.Memory);

    /// <inheritdoc/>
    public static ExitInfo HypercallExit(NestedTopology topology, in HypercallRegisters regs, ulong operand) => new()
    {
        Code = (ushort)VmxExitReason.Vmcall,
        InstructionLength = regs.InstructionLength,
        NextRip = regs.Rip + regs.InstructionLength,
        Operand = operand,
    };

    /// <inheritdoc/>
    public static ExitRoute Route(NestedTopology topology, in ExitInfo exit, in L0ExitContext l0, ref PathCounters counters) =>
        VmxExitRouter.Route(exit, l0, topology.Vmx!, topology.Memory, ref counters);

    /// <inheritdoc/>
    public static bool ReflectExit(NestedTopology topology, in ExitInfo exit, in HypercallRegisters regs, ref PathCounters counters)
    {
        NestedVmxState vmx = topology.Vmx!;
        vmx.L2.Rip = regs.Rip;
        return VmxReflection.ReflectExit(vmx, topology.Memory, exit, ref counters) == VmxTransitionStatus.InL1;
    }

    /// <inheritdoc/>
    public static void RunL1Handler(NestedTopology topology, in L1HandlerCost handler, ref PathCounters counters) =>
        VmxReflection.RunL1Handler(topology.Vmx!, topology.Memory, handler, ref counters);

    /// <inheritdoc/>
    public static bool ResumeL2(NestedTopology topology, in HypercallRegisters regs, ref PathCounters counters)
    {
        NestedVmxState vmx = topology.Vmx!;
        vmx.Vmcs12.Guest.Rip = regs.Rip;
        return VmxReflection.EmulateVmEntry(vmx, topology.Memory, launch: false, ref counters) == VmxTransitionStatus.Resumed;
    }

    /// <inheritdoc/>
    public static InstructionFetchStatus LearnInstructionLength(NestedTopology topology, ref HypercallRegisters regs,
        ref PathCounters counters, out WalkResult fault)
    {
        // SDM 3C 28.2.5: the VM-exit instruction-length field is valid for VMCALL.
        fault = default;
        return InstructionFetchStatus.Decoded;
    }

    /// <inheritdoc/>
    public static bool ReflectFetchFault(NestedTopology topology, in WalkResult fault, ulong rip, ref PathCounters counters)
    {
        // LearnInstructionLength never fetches on VMX, so there is no fetch fault to deliver.
        ThrowHelper.ThrowInvalidOperation("VMX reports the instruction length; L0 never fetches it");
        return false;
    }

    /// <inheritdoc/>
    public static void TranslateInput(NestedTopology topology, ref HypercallContext call, ref PathCounters counters) =>
        NestedHypercallRelay.TranslateInput<EptFormat>(ref call, topology.Memory, topology.NestedPaging, topology.Caches, ref counters);

    /// <inheritdoc/>
    public static WalkResult WalkL1Tables(NestedTopology topology, ulong l2Gpa, AccessIntent intent) =>
        PageWalker.Walk<EptFormat>(topology.Memory, topology.NestedPaging, l2Gpa, intent);

    /// <inheritdoc/>
    public static NestedPageFaultResult HapWalkL1P2m(GuestVcpu vcpu, ulong l2Gpa)
    {
        // W-21: "user|present" reads through L1's table; the nested TLB answers repeats.
        WalkResult walk = NestedTranslation.Translate<EptFormat>(vcpu.Vm.Memory, PagingConfig.Ept(vcpu.Vmx!.Vmcs12.EptPointer, EptVpidCapabilities.KvmNestedDefault), l2Gpa, AccessIntent.Read,
            vcpu.NestedCaches);
        return walk.Status switch
        {
            WalkStatus.Translated => NestedPageFaultResult.Done,
            // N-04a: a table outside L1's memory is L1's error (Xen's nested walker's answer).
            WalkStatus.TableOutsideMemory => NestedPageFaultResult.L1Error,
            _ => NestedPageFaultResult.Inject,
        };
    }
}
