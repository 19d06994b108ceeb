namespace NestedVirt.Harness.Results;

/// <summary>
/// Parameter values that results files written before a rename still hold, and what they are
/// called now. The suites' parameters were strings until they were typed with the core's enums
/// (<c>CpuVendor</c>, <c>HvCallCode</c>, <c>L2HypercallPath</c>): "Vmx" is now <c>Intel</c>,
/// "HvPostMessage" <c>PostMessage</c>, "Relay" <c>Relayed</c>.
/// </summary>
public static class LegacyParameterValues
{
    private static readonly (string Suite, string Parameter, string Old, string Current)[] Renames =
    [
        (BenchmarkName.RelayVsReflectionSuite, "Vendor", "Vmx", "Intel"),
        (BenchmarkName.RelayVsReflectionSuite, "Vendor", "Svm", "Amd"),
        (BenchmarkName.RelayVsReflectionSuite, "Call", "HvPostMessage", "PostMessage"),
        (BenchmarkName.RelayVsReflectionSuite, "Call", "HvSignalEvent", "SignalEvent"),
        (BenchmarkName.RelayVsReflectionSuite, "Path", "Relay", "Relayed"),
        (BenchmarkName.RelayVsReflectionSuite, "Path", "Reflect", "Reflected"),
        ("ExitRouting", "Vendor", "Vmx", "Intel"),
        ("ExitRouting", "Vendor", "Svm", "Amd"),
    ];

    /// <summary>The parameters with every renamed value replaced by its current name.</summary>
    /// <param name="suite">The suite the parameters belong to.</param>
    /// <param name="parameters">Stored parameter values.</param>
    /// <returns><paramref name="parameters"/> itself when nothing was renamed, else a new dictionary.</returns>
    public static Dictionary<string, string> Upgrade(string suite, Dictionary<string, string> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Dictionary<string, string>? upgraded = null;
        foreach ((string renamedSuite, string parameter, string old, string current) in Renames)
        {
            if (renamedSuite == suite && parameters.TryGetValue(parameter, out string? value) && value == old)
            {
                upgraded ??= new Dictionary<string, string>(parameters, StringComparer.Ordinal);
                upgraded[parameter] = current;
            }
        }

        return upgraded ?? parameters;
    }
}
