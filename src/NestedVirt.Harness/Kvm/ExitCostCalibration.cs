namespace NestedVirt.Harness.Kvm;

/// <summary>
/// The outcome of <see cref="ExitCostCalibrator.Run"/>: exit costs measured through
/// <c>/dev/kvm</c> on this machine, or why they could not be. Plain properties so
/// <c>System.Text.Json</c> stores it in a results envelope as is.
/// </summary>
public sealed class ExitCostCalibration
{
    /// <summary><see cref="Status"/> when every test ran and the guest proved it ran.</summary>
    public const string StatusOk = "ok";

    /// <summary><see cref="Status"/> when KVM is unavailable here (not an error).</summary>
    public const string StatusSkipped = "skipped";

    /// <summary><see cref="Status"/> when KVM was usable but a guest did not behave as assembled.</summary>
    public const string StatusFailed = "failed";

    /// <summary><see cref="StatusOk"/>, <see cref="StatusSkipped"/> or <see cref="StatusFailed"/>.</summary>
    public string Status { get; set; } = StatusOk;

    /// <summary>One line saying why the calibration was skipped or failed; null when ok.</summary>
    public string? Reason { get; set; }

    /// <summary>The KVM device path used.</summary>
    public string Device { get; set; } = "";

    /// <summary>True when <c>/proc/cpuinfo</c> has the <c>hypervisor</c> flag: the numbers include an outer hypervisor.</summary>
    public bool HostIsVirtualMachine { get; set; }

    /// <summary>The CPU's hardware virtualization flag: <c>vmx</c>, <c>svm</c>, or <c>none</c> (e.g. KVM on PVM).</summary>
    public string CpuVirtualization { get; set; } = "";

    /// <summary>CPU model name from <c>/proc/cpuinfo</c>.</summary>
    public string CpuModel { get; set; } = "";

    /// <summary>The tests that completed, in the order they ran.</summary>
    public List<ExitCostSample> Tests { get; set; } = [];

    /// <summary>The test named <paramref name="name"/>, or null.</summary>
    public ExitCostSample? Find(string name)
    {
        foreach (var test in Tests)
        {
            if (test.Name == name)
                return test;
        }

        return null;
    }
}
