using NestedVirt.Counters;
using NestedVirt.Exits;
using NestedVirt.Exits.Dispatch;
using NestedVirt.Kvm;
using NestedVirt.Nested;
using NestedVirt.Reflection;

namespace NestedVirt.L0;

/// <summary>
/// The nested SVM hooks L0's common code calls (Xen <c>nestedsvm.c</c>'s <c>nsvm_*</c> /
/// <c>nestedsvm_*</c>; KVM <c>svm/nested.c</c>). This is the build with nested code;
/// <c>NestedSvm.Stubs.cs</c> replaces it when nested virtualization is compiled out.
/// </summary>
internal static class NestedSvm
{
    /// <summary><c>nsvm_efer_svm_enabled</c>: the guest set EFER.SVME, which only a nested VM can.</summary>
    public static bool EferSvmEnabled(GuestVcpu vcpu) =>
        vcpu.Vm.NestedEnabled && (vcpu.Efer & GuestVcpu.EferSvme) != 0;

    /// <summary>
    /// <c>nestedsvm_vmcb_map</c>: VMRUN's VMCB (RAX) must be a page-aligned GPA inside the
    /// guest's memory (APM 2 15.5.1: otherwise #GP). 0 or -EINVAL.
    /// </summary>
    public static int VmcbMap(GuestVcpu vcpu, ulong vmcbGpa)
    {
        if ((vmcbGpa & 0xFFF) != 0 || !vcpu.Vm.Memory.TryReadUInt64(vmcbGpa, out _))
            return -LinuxErrno.EINVAL;
        if (vcpu.Svm is { } svm)
            svm.Vmcb12Gpa = vmcbGpa;
        return 0;
    }

    /// <summary>
    /// <c>nestedsvm_check_intercepts</c> (KVM <c>nested_svm_exit_special</c> and
    /// <c>nested_svm_intercept</c>, D-10..D-13): INJECT when L1 takes the exit, HOST otherwise.
    /// </summary>
    public static NestedHvmVmexit CheckIntercepts(GuestVcpu vcpu, in ExitInfo exit, ref PathCounters counters)
    {
        var l0 = new L0ExitContext(L0ExitFlags.None, (ushort)exit.Operand, 0, vcpu.Vm.Capabilities.RelayMask);
        ExitRoute route = SvmExitRouter.Route(exit, l0, vcpu.Svm!, vcpu.Vm.Memory, SvmVmmcallPolicy.Upstream2026InjectUd, ref counters);
        return route == ExitRoute.ReflectToL1 ? NestedHvmVmexit.Inject : NestedHvmVmexit.Host;
    }

    /// <summary><c>nestedsvm_vmexit_n2n1</c>: the #VMEXIT to L1. DONE, or ERROR when vmcb12 cannot be written.</summary>
    public static NestedHvmVmexit VmexitN2N1(GuestVcpu vcpu, in ExitInfo exit, ref PathCounters counters) =>
        SvmReflection.ReflectExit(vcpu.Svm!, vcpu.Vm.Memory, exit, ref counters) == SvmTransitionStatus.InL1
            ? NestedHvmVmexit.Done
            : NestedHvmVmexit.Error;

    /// <summary><c>svm_vmexit_do_stgi</c>: #UD unless EFER.SVME (the real function's check); sets GIF.</summary>
    public static ExitAction Stgi(GuestVcpu vcpu) => SetGif(vcpu, true);

    /// <summary><c>svm_vmexit_do_clgi</c>: #UD unless EFER.SVME; clears GIF.</summary>
    public static ExitAction Clgi(GuestVcpu vcpu) => SetGif(vcpu, false);

    /// <summary>
    /// <c>nestedsvm_vcpu_interrupt</c>: while L2 runs, an interrupt is held while GIF is clear,
    /// exits to L1 when vmcb12 intercepts INTR, and goes to L2 otherwise.
    /// </summary>
    public static NestedSvmInterrupt VcpuInterrupt(GuestVcpu vcpu, byte vector)
    {
        NestedSvmState svm = vcpu.Svm!;
        if (!svm.Gif)
            return NestedSvmInterrupt.Masked;
        return svm.Control.IsIntercepted(SvmInterceptBit.Intr) ? NestedSvmInterrupt.ForceVmexit : NestedSvmInterrupt.NotIntercepted;
    }

    /// <summary>The vmcb12 exception intercept for <paramref name="vector"/> (intercept word 2, APM 2 15.12).</summary>
    public static bool InterceptsException(GuestVcpu vcpu, byte vector) =>
        vcpu.Svm!.Control.IsIntercepted((int)SvmInterceptBit.ExceptionBase + (vector & 31));

    private static ExitAction SetGif(GuestVcpu vcpu, bool gif)
    {
        if (!EferSvmEnabled(vcpu))
            return ExitAction.InjectUd;
        if (vcpu.Svm is { } svm)
            svm.Gif = gif;
        return ExitAction.Resume;
    }
}
