using NestedVirt.Counters;
using NestedVirt.Exits;
using NestedVirt.Exits.Dispatch;
using NestedVirt.L0;
using NestedVirt.X86;

namespace NestedVirt.Vendors;

/// <summary>VMX's half of L0's exit handling (KVM <c>kvm_intel</c>, <c>arch/x86/kvm/vmx/</c>). Zero-size.</summary>
internal readonly partial struct VmxOps : IVendorOps
{
    /// <summary>IA32_VMX_BASIC, the first VMX capability MSR (SDM 3D appendix A.1).</summary>
    public const uint VmxBasicMsr = 0x480;

    /// <summary>IA32_VMX_VMFUNC, the last (SDM 3D appendix A.11).</summary>
    public const uint VmxVmfuncMsr = 0x491;

    /// <inheritdoc/>
    public static CpuVendor Vendor => CpuVendor.Intel;

    /// <inheritdoc/>
    public static L0ExitKind Classify(in ExitInfo exit)
    {
        switch ((VmxExitReason)exit.VmxReason.Basic)
        {
            case VmxExitReason.IoInstruction:
                return L0ExitKind.Io;
            case VmxExitReason.MsrRead:
                return L0ExitKind.MsrRead;
            case VmxExitReason.MsrWrite:
                return L0ExitKind.MsrWrite;
            case VmxExitReason.CrAccess:
            {
                var q = new CrAccessQualification(exit.Qualification);
                return q.AccessType == CrAccessType.MovToCr && q.ControlRegister == 4 ? L0ExitKind.Cr4Write : L0ExitKind.Simple;
            }
            case VmxExitReason.Vmcall:
                return L0ExitKind.Hypercall;
            case VmxExitReason.EptViolation:
                return L0ExitKind.NestedPageFault;
            case VmxExitReason.EptMisconfig:
                return L0ExitKind.MmioMisconfig;
            case VmxExitReason.Vmclear:
            case VmxExitReason.Vmlaunch:
            case VmxExitReason.Vmptrld:
            case VmxExitReason.Vmptrst:
            case VmxExitReason.Vmread:
            case VmxExitReason.Vmresume:
            case VmxExitReason.Vmwrite:
            case VmxExitReason.Vmxoff:
            case VmxExitReason.Vmxon:
            case VmxExitReason.Invept:
            case VmxExitReason.Invvpid:
            case VmxExitReason.Vmfunc:
                // The handlers nested_vmx_hardware_setup installs (B-31); without them KVM's
                // handle_vmx_instruction injects #UD.
                return L0ExitKind.VirtualizationInstruction;
            case VmxExitReason.ExceptionOrNmi:
            case VmxExitReason.ExternalInterrupt:
            case VmxExitReason.InterruptWindow:
            case VmxExitReason.NmiWindow:
            case VmxExitReason.TaskSwitch:
            case VmxExitReason.Cpuid:
            case VmxExitReason.Hlt:
            case VmxExitReason.Invd:
            case VmxExitReason.Invlpg:
            case VmxExitReason.Rdpmc:
            case VmxExitReason.Rdtsc:
            case VmxExitReason.Rdtscp:
            case VmxExitReason.DrAccess:
            case VmxExitReason.Mwait:
            case VmxExitReason.MonitorTrapFlag:
            case VmxExitReason.Monitor:
            case VmxExitReason.Pause:
            case VmxExitReason.TprBelowThreshold:
            case VmxExitReason.ApicAccess:
            case VmxExitReason.EoiInduced:
            case VmxExitReason.GdtrIdtrAccess:
            case VmxExitReason.LdtrTrAccess:
            case VmxExitReason.PreemptionTimer:
            case VmxExitReason.Wbinvd:
            case VmxExitReason.Xsetbv:
            case VmxExitReason.ApicWrite:
            case VmxExitReason.Rdrand:
            case VmxExitReason.Invpcid:
            case VmxExitReason.Rdseed:
            case VmxExitReason.PmlFull:
                return L0ExitKind.Simple;
            default:
                return L0ExitKind.Unknown;
        }
    }

    /// <inheritdoc/>
    public static ulong FaultingGpa(in ExitInfo exit) => exit.GuestPhysicalAddress;

    /// <inheritdoc/>
    public static NestedHvmVmexit ReflectL2Exit(GuestVcpu vcpu, in ExitInfo exit, ref PathCounters counters) =>
        NestedVmx.N2VmexitHandler(vcpu, exit, ref counters);

    /// <inheritdoc/>
    public static ExitAction HandleVirtualizationInstruction(GuestVcpu vcpu, in ExitInfo exit) =>
        NestedVmx.HandleVmxInstruction(vcpu, (VmxExitReason)exit.VmxReason.Basic);

    /// <inheritdoc/>
    public static bool IsNestedCapabilityMsr(uint msr) => msr is >= VmxBasicMsr and <= VmxVmfuncMsr;

    /// <inheritdoc/>
    public static bool ReadNestedCapabilityMsr(GuestVcpu vcpu, uint msr, out ulong value) =>
        NestedVmx.MsrReadIntercept(vcpu, msr, out value);

    /// <inheritdoc/>
    public static bool InterruptExitsToL1(GuestVcpu vcpu, byte vector) => NestedVmx.IntrIntercept(vcpu, vector);

    /// <inheritdoc/>
    public static bool ExceptionExitsToL1(GuestVcpu vcpu, byte vector) => NestedVmx.InterceptsException(vcpu, vector);

    /// <inheritdoc/>
    public static int CpuUpPrepare(int cpu) => NestedVmx.CpuUpPrepare(cpu);

    /// <inheritdoc/>
    public static void CpuDead(int cpu) => NestedVmx.CpuDead(cpu);
}
