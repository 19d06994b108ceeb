using NestedVirt.Kvm;
using NestedVirt.Memory;

namespace NestedVirt.L0;

/// <summary>
/// One VM the modelled L0 created (<c>struct kvm</c> / Xen's <c>struct domain</c>): its
/// configuration, memory, per-VM capabilities and vCPUs.
/// </summary>
public sealed class GuestVm
{
    internal GuestVm(L0Hypervisor host, DomainConfig config)
    {
        Host = host;
        Config = config;
        Memory = new GuestMemory(config.MemoryBytes);
        // The relay has nothing to relay without nested virtualization: a build without nested
        // code has no relay, and with nested=0 the model refuses the capability (issue 9's KVM
        // analogue; the posted patch itself does not look at the parameter).
        Capabilities = new KvmVmCapabilities(relaySupported: host.NestedVirtSupported);
    }

    /// <summary>The hypervisor that created it.</summary>
    public L0Hypervisor Host { get; }

    /// <summary>How it was created.</summary>
    public DomainConfig Config { get; }

    /// <summary>Its memory.</summary>
    public GuestMemory Memory { get; }

    /// <summary>Per-VM capabilities (<c>KVM_ENABLE_CAP</c> / <c>KVM_CHECK_EXTENSION</c> on the VM fd).</summary>
    public KvmVmCapabilities Capabilities { get; }

    /// <summary>
    /// B-10 <c>nestedhvm_enabled(d)</c>: nested code compiled in and the VM created with
    /// <see cref="DomainCreateFlags.NestedVirt"/>. A constant false in a build without nested code.
    /// </summary>
    public bool NestedEnabled => NestedVirtBuild.Nested && (Config.Flags & DomainCreateFlags.NestedVirt) != 0;

    /// <summary>Adds a vCPU; a nested VM's vCPU gets its nested state (<c>nestedhvm_vcpu_initialise</c>).</summary>
    /// <returns>0, or the negated errno of the nested initialisation.</returns>
    public int CreateVcpu(out GuestVcpu? vcpu)
    {
        var created = new GuestVcpu(this);
        if (NestedEnabled)
        {
            int rc = NestedHvm.VcpuInitialise(created);
            if (rc != 0)
            {
                vcpu = null;
                return rc;
            }
        }
        vcpu = created;
        return 0;
    }

    /// <summary>
    /// L0 changed this VM's memory map (a p2m update): a nested VM's vCPUs drop the nested
    /// translations built from it (<c>p2m_flush_nestedp2m</c> calling <c>nestedhvm_vmcx_flushtlb</c>).
    /// </summary>
    public void MemoryMapChanged(GuestVcpu vcpu)
    {
        ArgumentNullException.ThrowIfNull(vcpu);
        if (NestedEnabled)
            NestedHvm.VmcxFlushTlb(vcpu);
    }
}
