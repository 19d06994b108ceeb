namespace NestedVirt.Harness.Machine;

/// <summary>
/// cpufreq state from <c>/sys/devices/system/cpu</c>: governor, driver and turbo/boost. The
/// files are those of the kernel's admin guide (Documentation/admin-guide/pm/cpufreq.rst,
/// intel_pstate.rst); all are absent on VMs without a cpufreq driver.
/// </summary>
internal static class CpuFrequency
{
    private const string CpuFolder = "/sys/devices/system/cpu";

    /// <summary>The distinct scaling governors of all policies, sorted and comma-separated, or null.</summary>
    /// <param name="files">The probed tree.</param>
    /// <returns>E.g. <c>performance</c> or <c>performance,powersave</c>.</returns>
    public static string? Governor(ProbeFiles files)
    {
        var governors = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string file in PolicyFiles(files, "scaling_governor"))
        {
            if (files.ReadTrimmed(file) is { Length: > 0 } governor)
            {
                governors.Add(governor);
            }
        }

        return governors.Count == 0 ? null : string.Join(',', governors);
    }

    /// <summary>The scaling driver of the first policy, or null.</summary>
    /// <param name="files">The probed tree.</param>
    /// <returns>E.g. <c>intel_pstate</c>.</returns>
    public static string? Driver(ProbeFiles files)
    {
        foreach (string file in PolicyFiles(files, "scaling_driver"))
        {
            if (files.ReadTrimmed(file) is { Length: > 0 } driver)
            {
                return driver;
            }
        }

        return null;
    }

    /// <summary>Whether turbo/boost is enabled, or null when no driver exposes it.</summary>
    /// <param name="files">The probed tree.</param>
    /// <returns>True when the CPU may run above its base frequency.</returns>
    public static bool? Turbo(ProbeFiles files)
    {
        // intel_pstate inverts the sense: no_turbo=1 means turbo is off.
        if (files.ReadBoolean($"{CpuFolder}/intel_pstate/no_turbo") is bool noTurbo)
        {
            return !noTurbo;
        }

        // acpi-cpufreq (and amd-pstate on older kernels) expose a global switch.
        if (files.ReadBoolean($"{CpuFolder}/cpufreq/boost") is bool boost)
        {
            return boost;
        }

        // Newer amd-pstate exposes boost per policy: any policy boosting counts.
        bool? any = null;
        foreach (string file in PolicyFiles(files, "boost"))
        {
            if (files.ReadBoolean(file) is bool policyBoost)
            {
                any = (any ?? false) || policyBoost;
            }
        }

        return any;
    }

    // policyN/<name> under cpufreq/; when there are no policy folders (old kernels),
    // cpuN/cpufreq/<name>.
    private static List<string> PolicyFiles(ProbeFiles files, string name)
    {
        var paths = new List<string>();
        foreach (string policy in files.ListDirectories($"{CpuFolder}/cpufreq", "policy*"))
        {
            paths.Add($"{CpuFolder}/cpufreq/{policy}/{name}");
        }

        if (paths.Count > 0)
        {
            return paths;
        }

        foreach (string cpu in files.ListDirectories(CpuFolder, "cpu*"))
        {
            if (cpu.Length > 3 && cpu.AsSpan(3).IndexOfAnyExceptInRange('0', '9') < 0)
            {
                paths.Add($"{CpuFolder}/{cpu}/cpufreq/{name}");
            }
        }

        return paths;
    }
}
