using NestedVirt.Counters;
using NestedVirt.Exits;
using NestedVirt.Exits.Dispatch;
using NestedVirt.Vendors;
using NestedVirt.X86;

namespace NestedVirt.L0;

/// <summary>
/// One vCPU of a <see cref="GuestVm"/> (<c>struct kvm_vcpu</c> / Xen's <c>struct vcpu</c>): the
/// guest state L0 consults for nested questions (CR4.VMXE, EFER.SVME, CPL) and, in a build with
/// nested code, the vCPU's nested state. Exits, interrupts, exceptions and its lifecycle go
/// through L0's common code, which reaches nested code only through the hooks of model 04 §4.
/// </summary>
public sealed partial class GuestVcpu
{
    /// <summary>CR4.VMXE (bit 13, SDM 3A 2.5).</summary>
    public const ulong Cr4Vmxe = 1UL << 13;

    /// <summary>EFER.SVME (bit 12, APM 2 3.1.7).</summary>
    public const ulong EferSvme = 1UL << 12;

    /// <summary>IA32_EFER.</summary>
    public const uint EferMsr = 0xC000_0080;

    internal GuestVcpu(GuestVm vm) => Vm = vm;

    /// <summary>The VM.</summary>
    public GuestVm Vm { get; }

    /// <summary>The vendor of the host (and so of the vCPU).</summary>
    public CpuVendor Vendor => Vm.Host.Hardware.Vendor;

    /// <summary>The guest's CR4 as L0 last accepted it.</summary>
    public ulong Cr4 { get; set; }

    /// <summary>The guest's EFER as L0 last accepted it.</summary>
    public ulong Efer { get; set; }

    /// <summary>The guest's current privilege level.</summary>
    public byte Cpl { get; set; }

    /// <summary>The vCPU was destroyed.</summary>
    public bool Destroyed { get; private set; }

    /// <summary>Handles one exit of this vCPU: nested routing when it runs L2, then L0's own handling.</summary>
    public ExitAction HandleExit(in ExitInfo exit, ref PathCounters counters)
    {
#if INTEL_VMX && AMD_SVM
        return Vendor == CpuVendor.Intel
            ? L0ExitHandler.Handle<VmxOps>(this, exit, ref counters)
            : L0ExitHandler.Handle<SvmOps>(this, exit, ref counters);
#elif INTEL_VMX
        return L0ExitHandler.Handle<VmxOps>(this, exit, ref counters);
#else
        return L0ExitHandler.Handle<SvmOps>(this, exit, ref counters);
#endif
    }

    /// <summary>
    /// L0 delivers external interrupt <paramref name="vector"/>: to the guest, or, while L2 runs
    /// and L1 intercepts interrupts, as an exit to L1.
    /// </summary>
    public ExitAction DeliverInterrupt(byte vector)
    {
        if (!NestedHvm.InGuestMode(this))
            return ExitAction.Resume;
#if INTEL_VMX && AMD_SVM
        bool toL1 = Vendor == CpuVendor.Intel ? VmxOps.InterruptExitsToL1(this, vector) : SvmOps.InterruptExitsToL1(this, vector);
#elif INTEL_VMX
        bool toL1 = VmxOps.InterruptExitsToL1(this, vector);
#else
        bool toL1 = SvmOps.InterruptExitsToL1(this, vector);
#endif
        return toL1 ? ExitAction.ReflectToL1 : ExitAction.Resume;
    }

    /// <summary>
    /// L0 injects exception <paramref name="vector"/>: into the guest, or, while L2 runs and L1's
    /// exception bitmap (or vmcb12 intercept) asks for it, as an exit to L1.
    /// </summary>
    public ExitAction InjectException(byte vector)
    {
        if (!NestedHvm.InGuestMode(this))
            return ExitAction.Resume;
#if INTEL_VMX && AMD_SVM
        bool toL1 = Vendor == CpuVendor.Intel ? VmxOps.ExceptionExitsToL1(this, vector) : SvmOps.ExceptionExitsToL1(this, vector);
#elif INTEL_VMX
        bool toL1 = VmxOps.ExceptionExitsToL1(this, vector);
#else
        bool toL1 = SvmOps.ExceptionExitsToL1(this, vector);
#endif
        return toL1 ? ExitAction.ReflectToL1 : ExitAction.Resume;
    }

    /// <summary>INIT: architectural reset of the registers L0 tracks, and of the nested state of a nested VM.</summary>
    public void Reset()
    {
        Cr4 = 0;
        Efer = 0;
        Cpl = 0;
        if (Vm.NestedEnabled)
            NestedHvm.VcpuReset(this);
    }

    /// <summary>Teardown: <c>nestedhvm_vcpu_destroy</c> runs for every vCPU, nested VM or not.</summary>
    public void Destroy()
    {
        if (Destroyed)
            return;
        NestedHvm.VcpuDestroy(this);
        Destroyed = true;
    }

    /// <summary>
    /// <c>KVM_SET_NESTED_STATE</c> (B-32). Returns 0 or -EINVAL: a state that asks for VMX
    /// operation or guest mode needs a guest with VMX/SVM, which only a nested VM has; the
    /// "no nested state" header is accepted. A build without nested code has no nested-state
    /// hooks and refuses every request.
    /// </summary>
    public int SetNestedState(in KvmNestedState state) => NestedHvm.SetNestedState(this, state);
}
