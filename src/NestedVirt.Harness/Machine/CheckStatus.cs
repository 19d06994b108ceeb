namespace NestedVirt.Harness.Machine;

/// <summary>Outcome of one machine check.</summary>
public enum CheckStatus
{
    /// <summary>Tuned as benchmarking wants.</summary>
    Ok,

    /// <summary>A noise source is present; the check carries one line of advice.</summary>
    Warn,

    /// <summary>The setting could not be read or does not apply here (printed <c>N/A</c>).</summary>
    NotAvailable,
}
