using System.Globalization;
using System.Text;
using System.Text.Json;
using NestedVirt.Harness.Cli;
using NestedVirt.Kvm;
using NestedVirt.L0;
using NestedVirt.X86;

namespace NestedVirt.Benchmarks.Commands;

/// <summary>
/// <c>nvbench capabilities</c>: what this build of the core offers, as a toolstack would ask the
/// modelled L0: the build switches, then per vendor host the <c>XEN_SYSCTL_PHYSCAP_*</c> word
/// (bit 10, <c>nestedhvm</c>, is B-12), <c>hvm_nested_virt_supported()</c> (B-10), the VMX/SVM bit
/// of the supported CPUID (B-31), <c>KVM_CHECK_EXTENSION(KVM_CAP_NESTED_STATE)</c> (B-32) and
/// whether a VM with the nested flag and the relay capability are accepted (B-11, R-01).
/// </summary>
public sealed class CapabilitiesCommand : ICommand
{
    private readonly OptionSet options = new OptionSet()
        .Option("nested", "0|1", "the modelled L0's kvm nested parameter (default 1)")
        .Option("format", "text|json", "output format (default text)");

    /// <inheritdoc/>
    public string Name => "capabilities";

    /// <inheritdoc/>
    public string Summary => "build switches, PHYSCAP and nested support";

    /// <inheritdoc/>
    public string Help =>
        "usage: nvbench capabilities [--nested 0|1] [--format text|json]\n\n" +
        "Prints the core's build switches (EnableNested, EnableVmx, EnableSvm)\n" +
        "and, for an Intel and an AMD host of the modelled L0, the physical\n" +
        "capabilities word (XEN_SYSCTL_PHYSCAP_*, nestedhvm = bit 10), whether\n" +
        "nested virtualization is supported, the VMX/SVM bit of the supported\n" +
        "CPUID, KVM_CHECK_EXTENSION(KVM_CAP_NESTED_STATE), and what creating a\n" +
        "VM with the nested flag and enabling the relay capability return.\n\n" +
        "options:\n" + options.Describe() + "\n" +
        "example:\n  nvbench capabilities --nested 0\n";

    /// <inheritdoc/>
    public int Run(IReadOnlyList<string> args, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        ParsedArguments parsed = options.Parse(args);
        parsed.RejectPositionalsBeyond(0);
        bool nested = parsed.GetChoice("nested", "1", ["0", "1"]) == "1";
        string format = parsed.GetChoice("format", "text", ["text", "json"]);

        var rows = new List<HostRow>();
        foreach (CpuVendor vendor in new[] { CpuVendor.Intel, CpuVendor.Amd })
            rows.Add(HostRow.Of(new L0Hypervisor(HostHardware.For(vendor), new L0ModuleParameters { Nested = nested })));

        context.Out.Write(format == "json" ? Json(rows, nested) : Text(rows, nested));
        return 0;
    }

    private static string Text(List<HostRow> rows, bool nested)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"build: {NestedVirtBuild.Switches}\n");
        text.Append(CultureInfo.InvariantCulture, $"L0 (modelled), kvm nested={(nested ? 1 : 0)}:\n");
        text.Append("host   physcap                 nested  cpuid  state  nested-vm  relay\n");
        foreach (HostRow r in rows)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"{r.Host,-6} {"0x" + r.Physcap.ToString("x3", CultureInfo.InvariantCulture) + " " + r.PhyscapNames,-23} {(r.NestedSupported ? "yes" : "no"),-7} {r.Cpuid,-6} {r.NestedStateSize,5}  {Errno(r.CreateNestedVm),-9}  {Errno(r.EnableRelay)}\n");
        }
        text.Append("physcap bits: hvm 0, hap 3, nestedhvm 10 (XEN_SYSCTL_PHYSCAP_nestedhvm)\n");
        return text.ToString();
    }

    private static string Json(List<HostRow> rows, bool nested) =>
        JsonSerializer.Serialize(new
        {
            build = new { enableNested = NestedVirtBuild.Nested, enableVmx = NestedVirtBuild.Vmx, enableSvm = NestedVirtBuild.Svm },
            kvmNested = nested,
            hosts = rows.ConvertAll(r => new
            {
                host = r.Host,
                physcap = r.Physcap,
                physcapNames = r.PhyscapNames.Split(' ', StringSplitOptions.RemoveEmptyEntries),
                nestedVirtSupported = r.NestedSupported,
                supportedCpuid = r.Cpuid,
                nestedStateSize = r.NestedStateSize,
                createNestedVm = r.CreateNestedVm,
                enableRelay = r.EnableRelay,
            }),
        }, new JsonSerializerOptions { WriteIndented = true }) + "\n";

    private static string Errno(int rc) => rc switch
    {
        0 => "0",
        -LinuxErrno.EINVAL => "-EINVAL",
        _ => rc.ToString(CultureInfo.InvariantCulture),
    };

    private sealed record HostRow(string Host, uint Physcap, string PhyscapNames, bool NestedSupported, string Cpuid,
        int NestedStateSize, int CreateNestedVm, int EnableRelay)
    {
        public static HostRow Of(L0Hypervisor l0)
        {
            bool intel = l0.Hardware.Vendor == CpuVendor.Intel;
            PhysicalCapabilities caps = l0.PhysicalCapabilities;
            var names = new List<string>();
            if ((caps & PhysicalCapabilities.Hvm) != 0) names.Add("hvm");
            if ((caps & PhysicalCapabilities.Hap) != 0) names.Add("hap");
            if ((caps & PhysicalCapabilities.NestedHvm) != 0) names.Add("nestedhvm");
            uint cpuid = intel ? l0.SupportedCpuidEcx(1) & L0Hypervisor.CpuidVmxBit : l0.SupportedCpuidEcx(0x8000_0001) & L0Hypervisor.CpuidSvmBit;
            int nestedVm = l0.CreateVm(DomainConfig.NestedHvm, out _, out _);
            int relay = -LinuxErrno.EINVAL;
            if (l0.CreateVm(DomainConfig.Hvm, out GuestVm? vm, out _) == 0)
                relay = vm!.Capabilities.EnableCap(KvmEnableCap.Create(KvmCap.NestedHypervHcallRelay, (ulong)NestedHypervRelayMask.PostMessage));
            return new HostRow(intel ? "Intel" : "AMD", (uint)caps, string.Join(' ', names), l0.NestedVirtSupported,
                cpuid == 0 ? "-" : intel ? "VMX" : "SVM", l0.CheckExtension(KvmCap.NestedState), nestedVm, relay);
        }
    }
}
