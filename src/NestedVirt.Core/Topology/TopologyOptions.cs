using NestedVirt.Exits;
using NestedVirt.Kvm;
using NestedVirt.Relay;
using NestedVirt.X86;

namespace NestedVirt.Topology;

/// <summary>How to build a <see cref="NestedTopology"/>: L2 (a Windows root) on L1 (Hyper-V) on L0 (KVM).</summary>
public sealed record TopologyOptions
{
    /// <summary>VMX (EPT, VMCALL) or SVM (NPT, VMMCALL).</summary>
    public CpuVendor Vendor { get; init; } = CpuVendor.Intel;

    /// <summary>The relay mask userspace passes to KVM_ENABLE_CAP (0: capability not enabled).</summary>
    public ulong RelayMask { get; init; }

    /// <summary>L1 granted L2 direct hypercalls (eVMCS/VMCB enlightenment bit 0 and VP-assist DirectHypercall).</summary>
    public bool DirectHypercallGate { get; init; } = true;

    /// <summary>VMX: L1 uses an enlightened VMCS (G-01 needs it).</summary>
    public bool EnlightenedVmcs { get; init; } = true;

    /// <summary>What L1 does with a reflected post.</summary>
    public L1Policy L1Policy { get; init; } = L1Policy.DropsRootPost;

    /// <summary>L1 runs L2 on EPT/NPT (else shadow paging: the relay translates nothing, R-03).</summary>
    public bool L1UsesNestedPaging { get; init; } = true;

    /// <summary>Corrections to the posted patch (default: as posted).</summary>
    public RelayCorrections Corrections { get; init; } = RelayCorrections.None;

    /// <summary>SVM: L0's hardware saves next RIP (NRIPS); without it L0 decodes the instruction.</summary>
    public bool Nrips { get; init; } = true;

#if AMD_SVM
    /// <summary>SVM: KVM's VMMCALL behaviour before or after the 2026 change (D-13).</summary>
    public SvmVmmcallPolicy VmmcallPolicy { get; init; } = SvmVmmcallPolicy.Upstream2026InjectUd;
#endif

    /// <summary>L1's handler leaves every eVMCS/VMCB clean bit set (true) or clears them all (false).</summary>
    public bool L1LeavesCleanFields { get; init; } = true;

    /// <summary>Paging levels of both L2's tables and L1's EPT/NPT.</summary>
    public int Levels { get; init; } = 4;

    /// <summary>Give L0 a nested TLB for its translations.</summary>
    public bool NestedTlb { get; init; } = true;
}
