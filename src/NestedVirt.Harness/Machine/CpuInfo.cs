namespace NestedVirt.Harness.Machine;

/// <summary>The parts of <c>/proc/cpuinfo</c> the probe needs.</summary>
/// <param name="Model">The first <c>model name</c> line (x86), or null.</param>
/// <param name="LogicalCpus">Number of <c>processor</c> entries, 0 when none.</param>
/// <param name="HasFlags">Whether a <c>flags</c> line was present (x86), so a missing flag means something.</param>
/// <param name="HypervisorFlag">Whether the flags list <c>hypervisor</c> (CPUID.1:ECX[31], set by hypervisors for their guests).</param>
/// <param name="Vendor">The <c>vendor_id</c> (<c>GenuineIntel</c>, <c>AuthenticAMD</c>), or null.</param>
internal sealed record CpuInfo(string? Model, int LogicalCpus, bool HasFlags, bool HypervisorFlag, string? Vendor)
{
    /// <summary>Parses the file's text; the first processor's model, vendor and flags stand for all.</summary>
    /// <param name="text">The content of /proc/cpuinfo.</param>
    /// <returns>The parsed facts.</returns>
    public static CpuInfo Parse(string text)
    {
        string? model = null;
        string? vendor = null;
        string? flags = null;
        int processors = 0;
        foreach (string rawLine in text.Split('\n'))
        {
            int colon = rawLine.IndexOf(':');
            if (colon < 0)
            {
                continue;
            }

            string key = rawLine[..colon].Trim();
            string value = rawLine[(colon + 1)..].Trim();
            switch (key)
            {
                case "processor":
                    processors++;
                    break;
                case "model name":
                    model ??= value;
                    break;
                case "vendor_id":
                    vendor ??= value;
                    break;
                case "flags":
                    flags ??= value;
                    break;
            }
        }

        bool hypervisor = flags is not null && Array.IndexOf(flags.Split(' ', StringSplitOptions.RemoveEmptyEntries), "hypervisor") >= 0;
        return new CpuInfo(model, processors, flags is not null, hypervisor, vendor);
    }
}
