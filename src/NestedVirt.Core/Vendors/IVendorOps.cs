using NestedVirt.Counters;
using NestedVirt.Exits;
using NestedVirt.Exits.Dispatch;
using NestedVirt.L0;
using NestedVirt.X86;

namespace NestedVirt.Vendors;

/// <summary>
/// What differs between VMX and SVM in L0's exit handling, as static members of a zero-size
/// struct: <see cref="VmxOps"/> or <see cref="SvmOps"/>. Generic code written once over
/// <c>TOps : struct, IVendorOps</c> is compiled once per vendor by the JIT, with every call to
/// the vendor resolved and inlined, the way the walker uses <c>IPageTableFormat</c> and KVM uses
/// its <c>kvm_x86_ops</c> table filled by <c>kvm_intel</c> or <c>kvm_amd</c>.
/// </summary>
/// <remarks>
/// The interface is partial: this file holds what every build has; the members only nested
/// virtualization needs are in <c>IVendorOps.Nested.cs</c>, compiled with <c>EnableNested</c>
/// (B-01), so a build without nested code has no nested member to implement or call. The
/// members here that ask a nested question do it through the hooks (<c>NestedVmx</c>,
/// <c>NestedSvm</c>), which are stubs in such a build (model 04 §4).
/// </remarks>
internal partial interface IVendorOps
{
    /// <summary>The vendor this struct stands for.</summary>
    static abstract CpuVendor Vendor { get; }

    /// <summary>What the exit asks of L0, vendor-neutral.</summary>
    static abstract L0ExitKind Classify(in ExitInfo exit);

    /// <summary>The guest-physical address of an EPT violation (VMX) or #NPF (SVM EXITINFO2).</summary>
    static abstract ulong FaultingGpa(in ExitInfo exit);

    /// <summary>
    /// An exit taken while L2 runs: L1's interest checked and, if L1 wants it, the nested exit
    /// performed (<c>nvmx_n2_vmexit_handler</c>; <c>nestedsvm_check_intercepts</c> then
    /// <c>nestedsvm_vmexit_n2n1</c>). <see cref="NestedHvmVmexit.Host"/>: L0 handles it.
    /// </summary>
    static abstract NestedHvmVmexit ReflectL2Exit(GuestVcpu vcpu, in ExitInfo exit, ref PathCounters counters);

    /// <summary>An instruction of the virtualization extension (<see cref="L0ExitKind.VirtualizationInstruction"/>).</summary>
    static abstract ExitAction HandleVirtualizationInstruction(GuestVcpu vcpu, in ExitInfo exit);

    /// <summary>True for an MSR only nested code can give a value (VMX: IA32_VMX_BASIC to IA32_VMX_VMFUNC).</summary>
    static abstract bool IsNestedCapabilityMsr(uint msr);

    /// <summary>Reads such an MSR; false when nested code does not handle it (the caller injects #GP).</summary>
    static abstract bool ReadNestedCapabilityMsr(GuestVcpu vcpu, uint msr, out ulong value);

    /// <summary>While L2 runs: does external interrupt <paramref name="vector"/> exit to L1?</summary>
    static abstract bool InterruptExitsToL1(GuestVcpu vcpu, byte vector);

    /// <summary>While L2 runs: does exception <paramref name="vector"/> exit to L1?</summary>
    static abstract bool ExceptionExitsToL1(GuestVcpu vcpu, byte vector);

    /// <summary>CPU hotplug: a physical CPU comes up (<c>vmx_cpu_up_prepare</c> / <c>svm_cpu_up_prepare</c>); 0 or a negated errno.</summary>
    static abstract int CpuUpPrepare(int cpu);

    /// <summary>CPU hotplug: a physical CPU went away.</summary>
    static abstract void CpuDead(int cpu);
}
