using NestedVirt.Counters;
using NestedVirt.Exits;
using NestedVirt.Exits.Dispatch;

namespace NestedVirt.L0;

/// <summary>
/// The nested VMX hooks when nested virtualization is compiled out (model 04 §4). Two are
/// reachable by any HVM guest and answer as a CPU without VMX would: a VMX instruction is #UD, a
/// VMX capability MSR is "not handled" (the caller injects #GP). The CPU hotplug hooks run on
/// every host. The rest only run for a vCPU in guest mode, which no vCPU can be (B-11).
/// Xen's <c>nvmx_idtv_handling</c>, <c>nvmx_update_*</c>, <c>nvmx_set_cr_read_shadow</c>,
/// <c>nvmx_get_tsc_offset</c> and <c>get_vvmcs</c> have no call site in this model and no stub.
/// </summary>
internal static class NestedVmx
{
    /// <summary><c>nvmx_msr_read_intercept</c>: guest-reachable; no assertion; 0, "not handled", as the real function with nested off.</summary>
    public static bool MsrReadIntercept(GuestVcpu vcpu, uint msr, out ulong value)
    {
        value = 0;
        return false;
    }

    /// <summary><c>nvmx_handle_vmx_insn</c>: guest-reachable; no assertion; #UD, as the real function with nested off.</summary>
    public static ExitAction HandleVmxInstruction(GuestVcpu vcpu, VmxExitReason reason) => ExitAction.InjectUd;

    /// <summary><c>nvmx_n2_vmexit_handler</c>: unreachable (no vCPU is in guest mode); FATALERROR.</summary>
    public static NestedHvmVmexit N2VmexitHandler(GuestVcpu vcpu, in ExitInfo exit, ref PathCounters counters)
    {
        Unreachable.Reached("nvmx_n2_vmexit_handler");
        return NestedHvmVmexit.FatalError;
    }

    /// <summary><c>nvmx_intercepts_exception</c>: unreachable; false.</summary>
    public static bool InterceptsException(GuestVcpu vcpu, byte vector)
    {
        Unreachable.Reached("nvmx_intercepts_exception");
        return false;
    }

    /// <summary><c>nvmx_intr_intercept</c>: unreachable; false.</summary>
    public static bool IntrIntercept(GuestVcpu vcpu, byte vector)
    {
        Unreachable.Reached("nvmx_intr_intercept");
        return false;
    }

    /// <summary><c>nvmx_cpu_up_prepare</c>: CPU hotplug runs on every host; no assertion; 0.</summary>
    public static int CpuUpPrepare(int cpu) => 0;

    /// <summary><c>nvmx_cpu_dead</c>: CPU hotplug; empty, no assertion.</summary>
    public static void CpuDead(int cpu)
    {
    }
}
