using NestedVirt.Nested;
using NestedVirt.Paging;

namespace NestedVirt.L0;

// The vCPU's nested state (KVM vmx->nested / svm->nested; Xen struct nestedvcpu): compiled only
// with EnableNested, allocated by nestedhvm_vcpu_initialise for a VM created with the nested flag.
public sealed partial class GuestVcpu
{
#if INTEL_VMX
    /// <summary>L0's nested VMX state, or null (not a nested VM, or not an Intel host).</summary>
    public NestedVmxState? Vmx { get; internal set; }
#endif

#if AMD_SVM
    /// <summary>L0's nested SVM state, or null (not a nested VM, or not an AMD host).</summary>
    public NestedSvmState? Svm { get; internal set; }
#endif

    /// <summary>L0's nested TLB for this vCPU's L2 translations, when the stack that built it gave one.</summary>
    public PagingCaches? NestedCaches { get; set; }

    /// <summary>Nested TLB flushes since creation (<c>nestedhvm_vmcx_flushtlb</c>).</summary>
    public int NestedTlbFlushes { get; internal set; }
}
