using NestedVirt.Counters;
using NestedVirt.Exits;
using NestedVirt.Exits.Dispatch;
using NestedVirt.L0;
using NestedVirt.X86;

namespace NestedVirt.Vendors;

/// <summary>SVM's half of L0's exit handling (KVM <c>kvm_amd</c>, <c>arch/x86/kvm/svm/</c>). Zero-size.</summary>
internal readonly partial struct SvmOps : IVendorOps
{
    /// <inheritdoc/>
    public static CpuVendor Vendor => CpuVendor.Amd;

    /// <inheritdoc/>
    public static L0ExitKind Classify(in ExitInfo exit)
    {
        SvmExitCode code = exit.SvmCode;
        switch (code)
        {
            case SvmExitCode.Ioio:
                return L0ExitKind.Io;
            case SvmExitCode.Msr:
                // EXITINFO1 bit 0: 1 = WRMSR (APM 2 15.11).
                return (exit.Qualification & 1) != 0 ? L0ExitKind.MsrWrite : L0ExitKind.MsrRead;
            case SvmExitCode.WriteCr4:
                return L0ExitKind.Cr4Write;
            case SvmExitCode.Vmmcall:
                return L0ExitKind.Hypercall;
            case SvmExitCode.Npf:
                return L0ExitKind.NestedPageFault;
            case SvmExitCode.Vmrun:
            case SvmExitCode.Vmload:
            case SvmExitCode.Vmsave:
            case SvmExitCode.Stgi:
            case SvmExitCode.Clgi:
            case SvmExitCode.Skinit:
            case SvmExitCode.Invlpga:
                return L0ExitKind.VirtualizationInstruction;
            case SvmExitCode.Intr:
            case SvmExitCode.Nmi:
            case SvmExitCode.Smi:
            case SvmExitCode.Init:
            case SvmExitCode.Vintr:
            case SvmExitCode.Cpuid:
            case SvmExitCode.Pause:
            case SvmExitCode.Hlt:
            case SvmExitCode.Invlpg:
            case SvmExitCode.Invd:
            case SvmExitCode.Rdtsc:
            case SvmExitCode.Rdtscp:
            case SvmExitCode.Rdpmc:
            case SvmExitCode.Wbinvd:
            case SvmExitCode.Monitor:
            case SvmExitCode.Mwait:
            case SvmExitCode.Xsetbv:
            case SvmExitCode.TaskSwitch:
            case SvmExitCode.Iret:
                return L0ExitKind.Simple;
        }
        // CR and DR accesses other than the CR4 write, and exceptions, are handled in the kernel.
        return (ulong)code < 0x60 ? L0ExitKind.Simple : L0ExitKind.Unknown;
    }

    /// <inheritdoc/>
    public static ulong FaultingGpa(in ExitInfo exit) => exit.Info2;

    /// <inheritdoc/>
    public static NestedHvmVmexit ReflectL2Exit(GuestVcpu vcpu, in ExitInfo exit, ref PathCounters counters)
    {
        NestedHvmVmexit check = NestedSvm.CheckIntercepts(vcpu, exit, ref counters);
        return check == NestedHvmVmexit.Inject ? NestedSvm.VmexitN2N1(vcpu, exit, ref counters) : check;
    }

    /// <inheritdoc/>
    public static ExitAction HandleVirtualizationInstruction(GuestVcpu vcpu, in ExitInfo exit)
    {
        switch (exit.SvmCode)
        {
            case SvmExitCode.Stgi:
                return NestedSvm.Stgi(vcpu);
            case SvmExitCode.Clgi:
                return NestedSvm.Clgi(vcpu);
        }
        // Xen svm_vmexit_do_vmrun / _vmload / _vmsave: #UD unless the guest set EFER.SVME, which
        // only a nested VM can (model 04 §4: nsvm_efer_svm_enabled is false when nested is
        // compiled out, so nestedsvm_vmcb_map is never reached).
        if (!NestedSvm.EferSvmEnabled(vcpu))
            return ExitAction.InjectUd;
        if (exit.SvmCode == SvmExitCode.Vmrun)
            return NestedSvm.VmcbMap(vcpu, exit.Operand) == 0 ? ExitAction.Resume : ExitAction.InjectGp;
        return ExitAction.Resume;
    }

    /// <inheritdoc/>
    public static bool IsNestedCapabilityMsr(uint msr) => false;

    /// <inheritdoc/>
    public static bool ReadNestedCapabilityMsr(GuestVcpu vcpu, uint msr, out ulong value)
    {
        value = 0;
        return false;
    }

    /// <inheritdoc/>
    public static bool InterruptExitsToL1(GuestVcpu vcpu, byte vector) =>
        NestedSvm.VcpuInterrupt(vcpu, vector) == NestedSvmInterrupt.ForceVmexit;

    /// <inheritdoc/>
    public static bool ExceptionExitsToL1(GuestVcpu vcpu, byte vector) => NestedSvm.InterceptsException(vcpu, vector);

    /// <inheritdoc/>
    public static int CpuUpPrepare(int cpu) => 0;

    /// <inheritdoc/>
    public static void CpuDead(int cpu)
    {
        // svm_cpu_dead frees the host save area only; nothing nested.
    }
}
