using NestedVirt.Counters;
using NestedVirt.Exits;
using NestedVirt.Exits.Dispatch;
using NestedVirt.Kvm;

namespace NestedVirt.L0;

/// <summary>
/// The nested SVM hooks when nested virtualization is compiled out (model 04 §4). STGI and
/// CLGI are reachable by any HVM guest (exits 0x84/0x85) and inject #UD, as the real functions do
/// with nested off. <see cref="EferSvmEnabled"/> is a constant false, which makes VMRUN, VMLOAD and
/// VMSAVE #UD and leaves <see cref="VmcbMap"/> unreachable. The rest run only for a vCPU in guest
/// mode, which no vCPU can be (B-11). <c>nestedsvm_gif_isset</c> is truly unreachable and has no stub.
/// </summary>
internal static class NestedSvm
{
    /// <summary><c>nsvm_efer_svm_enabled</c>: false when compiled out, so the JIT drops what depends on it.</summary>
    public static bool EferSvmEnabled(GuestVcpu vcpu) => false;

    /// <summary><c>nestedsvm_vmcb_map</c>: unreachable behind <see cref="EferSvmEnabled"/>; -EOPNOTSUPP.</summary>
    public static int VmcbMap(GuestVcpu vcpu, ulong vmcbGpa)
    {
        Unreachable.Reached("nestedsvm_vmcb_map");
        return -LinuxErrno.EOPNOTSUPP;
    }

    /// <summary><c>nestedsvm_check_intercepts</c>: unreachable; FATALERROR (kill the guest), as the review asked instead of ERROR.</summary>
    public static NestedHvmVmexit CheckIntercepts(GuestVcpu vcpu, in ExitInfo exit, ref PathCounters counters)
    {
        Unreachable.Reached("nestedsvm_check_intercepts");
        return NestedHvmVmexit.FatalError;
    }

    /// <summary><c>nestedsvm_vmexit_n2n1</c>: unreachable; FATALERROR.</summary>
    public static NestedHvmVmexit VmexitN2N1(GuestVcpu vcpu, in ExitInfo exit, ref PathCounters counters)
    {
        Unreachable.Reached("nestedsvm_vmexit_n2n1");
        return NestedHvmVmexit.FatalError;
    }

    /// <summary><c>svm_vmexit_do_stgi</c>: guest-reachable; no assertion; #UD.</summary>
    public static ExitAction Stgi(GuestVcpu vcpu) => ExitAction.InjectUd;

    /// <summary><c>svm_vmexit_do_clgi</c>: guest-reachable; no assertion; #UD.</summary>
    public static ExitAction Clgi(GuestVcpu vcpu) => ExitAction.InjectUd;

    /// <summary><c>nestedsvm_vcpu_interrupt</c>: unreachable; NOTINTERCEPTED.</summary>
    public static NestedSvmInterrupt VcpuInterrupt(GuestVcpu vcpu, byte vector)
    {
        Unreachable.Reached("nestedsvm_vcpu_interrupt");
        return NestedSvmInterrupt.NotIntercepted;
    }

    /// <summary>The vmcb12 exception intercept (<c>nsvm_vmcb_guest_intercepts_event</c>): unreachable; false.</summary>
    public static bool InterceptsException(GuestVcpu vcpu, byte vector)
    {
        Unreachable.Reached("nsvm_vmcb_guest_intercepts_event");
        return false;
    }
}
