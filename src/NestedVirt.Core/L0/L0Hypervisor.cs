using NestedVirt.Kvm;
using NestedVirt.X86;

namespace NestedVirt.L0;

/// <summary>
/// The modelled L0 hypervisor as its users see it from outside: what this build contains (the
/// Xen <c>CONFIG_NESTED_VIRT</c> proposal, B-10..B-12), what the host CPU allows (B-03) and what
/// the module was loaded with (KVM's <c>nested</c> parameter, B-30..B-32). It answers the
/// toolstack's questions (physical capabilities, supported CPUID, KVM_CHECK_EXTENSION) and creates
/// VMs, refusing what it cannot run.
/// </summary>
public sealed class L0Hypervisor
{
    /// <summary>CPUID.1:ECX bit 5, VMX (SDM 2A, CPUID).</summary>
    public const uint CpuidVmxBit = 1u << 5;

    /// <summary>CPUID 0x80000001:ECX bit 2, SVM (APM 3, CPUID Fn8000_0001_ECX).</summary>
    public const uint CpuidSvmBit = 1u << 2;

    /// <summary>Creates the hypervisor of <paramref name="hardware"/>, loaded with <paramref name="parameters"/> (default: nested on).</summary>
    public L0Hypervisor(HostHardware hardware, L0ModuleParameters? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(hardware);
        Hardware = hardware;
        Parameters = parameters ?? L0ModuleParameters.Default;
    }

    /// <summary>The host CPU.</summary>
    public HostHardware Hardware { get; }

    /// <summary>The module parameters it was loaded with.</summary>
    public L0ModuleParameters Parameters { get; }

    /// <summary>
    /// Xen's <c>hvm_enabled</c>: the host vendor's code is built (<c>start_vmx</c> or
    /// <c>start_svm</c> exists and ran). A core built without that vendor offers no HVM at all.
    /// </summary>
    public bool HvmEnabled => NestedVirtBuild.Has(Hardware.Vendor);

    /// <summary>
    /// B-10 <c>hvm_nested_virt_supported()</c>: nested code compiled in, the vendor routine agreed
    /// (B-03), and the module's <c>nested</c> parameter on (B-30). Everything nested hangs on it:
    /// domain creation (B-11), the PHYSCAP bit (B-12), the supported CPUID (B-31).
    /// </summary>
    public bool NestedVirtSupported =>
        NestedVirtBuild.Nested && HvmEnabled && Hardware.NestedPreconditionsMet && Parameters.Nested;

    /// <summary>
    /// <c>arch_do_physinfo</c>'s capability word (B-12): <see cref="PhysicalCapabilities.Hvm"/>,
    /// <see cref="PhysicalCapabilities.Hap"/>, and <see cref="PhysicalCapabilities.NestedHvm"/>
    /// exactly when <see cref="NestedVirtSupported"/>.
    /// </summary>
    public PhysicalCapabilities PhysicalCapabilities
    {
        get
        {
            var caps = PhysicalCapabilities.None;
            if (HvmEnabled)
                caps |= PhysicalCapabilities.Hvm;
            if (HvmEnabled && Hardware.Hap)
                caps |= PhysicalCapabilities.Hap;
            if (NestedVirtSupported)
                caps |= PhysicalCapabilities.NestedHvm;
            return caps;
        }
    }

    /// <summary>
    /// ECX of <c>KVM_GET_SUPPORTED_CPUID</c> for <paramref name="function"/>, as far as the model
    /// knows it: the VMX bit of leaf 1 (Intel) and the SVM bit of leaf 0x80000001 (AMD) are set
    /// only when nested virtualization is supported (B-31, <c>vmx_set_cpu_caps</c>); every other
    /// bit reads 0 here.
    /// </summary>
    public uint SupportedCpuidEcx(uint function) => function switch
    {
        1 when NestedVirtSupported && Hardware.Vendor == CpuVendor.Intel => CpuidVmxBit,
        0x8000_0001 when NestedVirtSupported && Hardware.Vendor == CpuVendor.Amd => CpuidSvmBit,
        _ => 0,
    };

    /// <summary>
    /// <c>KVM_CHECK_EXTENSION</c> on the system fd for <see cref="KvmCap.NestedState"/>: the
    /// maximum <c>kvm_nested_state</c> size whenever the vendor's nested-state hooks exist, which
    /// does not depend on the <c>nested</c> parameter (B-32): <c>vmx_get_nested_state</c> and
    /// <c>svm_get_nested_state</c> answer a NULL vCPU with the size before looking at anything
    /// (Linux <c>arch/x86/kvm/vmx/nested.c</c>, <c>svm/nested.c</c>, read for this model). A
    /// core built without nested code has no hooks and answers 0. Other capabilities: 0.
    /// </summary>
    public int CheckExtension(uint capability)
    {
        if (capability != KvmCap.NestedState || !NestedVirtBuild.Nested || !HvmEnabled)
            return 0;
        return Hardware.Vendor == CpuVendor.Intel ? KvmNestedState.MaxVmxSize : KvmNestedState.MaxSvmSize;
    }

    /// <summary>
    /// Creates a VM, or refuses it as Xen's <c>sanitise_domain_config</c> and
    /// <c>arch_sanitise_domain_config</c> do: every refusal is -EINVAL with the log line Xen
    /// prints. B-11: the nested flag without nested support is refused, and so is nested without
    /// HAP or together with altp2m.
    /// </summary>
    /// <param name="config">The request.</param>
    /// <param name="vm">The VM, or null when refused.</param>
    /// <param name="log">Why it was refused, or null.</param>
    /// <returns>0, or <c>-EINVAL</c>.</returns>
    public int CreateVm(DomainConfig config, out GuestVm? vm, out string? log)
    {
        vm = null;
        log = Refusal(config);
        if (log is not null)
            return -LinuxErrno.EINVAL;
        vm = new GuestVm(this, config);
        return 0;
    }

    /// <summary>
    /// CPU hotplug: physical CPU <paramref name="cpu"/> comes up (<c>vmx_cpu_up_prepare</c> calls
    /// <c>nvmx_cpu_up_prepare</c>); runs on every host whatever the VMs. 0 or a negated errno.
    /// </summary>
    public int CpuOnline(int cpu)
    {
#if INTEL_VMX && AMD_SVM
        return Hardware.Vendor == CpuVendor.Intel ? Vendors.VmxOps.CpuUpPrepare(cpu) : Vendors.SvmOps.CpuUpPrepare(cpu);
#elif INTEL_VMX
        return Hardware.Vendor == CpuVendor.Intel ? Vendors.VmxOps.CpuUpPrepare(cpu) : 0;
#else
        return Hardware.Vendor == CpuVendor.Amd ? Vendors.SvmOps.CpuUpPrepare(cpu) : 0;
#endif
    }

    /// <summary>CPU hotplug: physical CPU <paramref name="cpu"/> went away (<c>nvmx_cpu_dead</c> on VMX).</summary>
    public void CpuOffline(int cpu)
    {
#if INTEL_VMX
        if (Hardware.Vendor == CpuVendor.Intel)
            Vendors.VmxOps.CpuDead(cpu);
#endif
#if AMD_SVM
        if (Hardware.Vendor == CpuVendor.Amd)
            Vendors.SvmOps.CpuDead(cpu);
#endif
    }

    private string? Refusal(DomainConfig config)
    {
        DomainCreateFlags flags = config.Flags;
        if ((flags & ~(DomainCreateFlags)((uint)DomainCreateFlags.Vpmu * 2 - 1)) != 0)
            return "Unknown CDF flags";
        if ((flags & DomainCreateFlags.Hvm) == 0)
            return "PV guests are not modelled";
        if (!HvmEnabled)
            return "HVM requested but not available";
        if ((flags & DomainCreateFlags.Hap) != 0 && !Hardware.Hap)
            return "HAP requested but not available";
        if ((flags & DomainCreateFlags.NestedVirt) == 0)
            return null;
        // B-11, in arch_sanitise_domain_config's order.
        if (!NestedVirtSupported)
            return "Nested virt requested but not available";
        if ((flags & DomainCreateFlags.Hap) == 0)
            return "Nested virt not supported without HAP";
        if (config.Altp2m)
            return "Nested virt and altp2m are not supported together";
        return null;
    }
}
