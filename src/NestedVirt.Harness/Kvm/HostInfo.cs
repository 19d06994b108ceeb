namespace NestedVirt.Harness.Kvm;

/// <summary>What <c>/proc/cpuinfo</c> says about the machine the numbers were measured on.</summary>
/// <param name="IsVirtualMachine">The <c>hypervisor</c> flag (CPUID.1:ECX[31], set by every hypervisor for its guests).</param>
/// <param name="CpuVirtualization"><c>vmx</c>, <c>svm</c> or <c>none</c>.</param>
/// <param name="CpuModel">The first <c>model name</c>, or empty.</param>
internal sealed record HostInfo(bool IsVirtualMachine, string CpuVirtualization, string CpuModel)
{
    /// <summary>Reads <c>/proc/cpuinfo</c>; an unreadable file gives "not a VM, unknown".</summary>
    public static HostInfo Read(string path = "/proc/cpuinfo")
    {
        try
        {
            return Parse(File.ReadAllText(path));
        }
        catch (IOException)
        {
            return new HostInfo(false, "unknown", "");
        }
        catch (UnauthorizedAccessException)
        {
            return new HostInfo(false, "unknown", "");
        }
    }

    /// <summary>Parses the text of <c>/proc/cpuinfo</c> (first processor's <c>flags</c> and <c>model name</c>).</summary>
    public static HostInfo Parse(string cpuinfo)
    {
        string? flags = null;
        string model = "";
        foreach (var line in cpuinfo.Split('\n'))
        {
            int colon = line.IndexOf(':');
            if (colon < 0)
                continue;
            var key = line.AsSpan(0, colon).Trim();
            var value = line[(colon + 1)..].Trim();
            if (flags is null && key.SequenceEqual("flags"))
                flags = value;
            else if (model.Length == 0 && key.SequenceEqual("model name"))
                model = value;
        }

        var set = new HashSet<string>((flags ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);
        string virtualization = set.Contains("vmx") ? "vmx" : set.Contains("svm") ? "svm" : flags is null ? "unknown" : "none";
        return new HostInfo(set.Contains("hypervisor"), virtualization, model);
    }
}
