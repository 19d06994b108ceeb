namespace NestedVirt.Harness.Machine;

/// <summary>
/// Reads the KVM module parameters that shape nested-virtualization numbers from
/// <c>/sys/module/kvm*/parameters/</c>, keyed <c>module.parameter</c> (<c>kvm_intel.ept</c>).
/// Only the listed names are read, so the record stays small and comparable between machines.
/// </summary>
internal static class KvmModuleParameters
{
    /// <summary>
    /// Parameter names worth recording (Linux <c>arch/x86/kvm/{x86.c,mmu/mmu.c,vmx/vmx.c,svm/svm.c}</c>
    /// module_param declarations): nested enables VMX/SVM for guests; ept/npt select two-dimensional
    /// paging instead of shadow paging; enlightened_vmcs lets KVM use Hyper-V's enlightened VMCS
    /// when KVM itself runs on Hyper-V (vmx.c: <c>module_param(enlightened_vmcs, ...)</c>; the
    /// kernel's <c>enable_evmcs</c> is an internal switch, not a parameter); the rest change exit
    /// or walk costs.
    /// </summary>
    public static readonly IReadOnlyList<string> Names =
    [
        "nested", "ept", "npt", "enlightened_vmcs", "enable_shadow_vmcs", "unrestricted_guest", "vpid",
        "enable_apicv", "avic", "vls", "vgif", "tdp_mmu", "halt_poll_ns", "nx_huge_pages",
    ];

    /// <summary>Reads every listed parameter of every loaded <c>kvm*</c> module.</summary>
    /// <param name="files">The probed tree.</param>
    /// <returns>Values trimmed, keys sorted; empty when no KVM module is loaded or readable.</returns>
    public static Dictionary<string, string> Read(ProbeFiles files)
    {
        var keys = new List<(string Key, string Value)>();
        foreach (string module in files.ListDirectories("/sys/module", "kvm*"))
        {
            foreach (string name in Names)
            {
                string? value = files.ReadTrimmed($"/sys/module/{module}/parameters/{name}");
                if (!string.IsNullOrEmpty(value))
                {
                    keys.Add(($"{module}.{name}", value));
                }
            }
        }

        keys.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var parameters = new Dictionary<string, string>(keys.Count, StringComparer.Ordinal);
        foreach ((string key, string value) in keys)
        {
            parameters[key] = value;
        }

        return parameters;
    }
}
