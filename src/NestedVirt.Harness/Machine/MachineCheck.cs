namespace NestedVirt.Harness.Machine;

/// <summary>One line of the <c>check-machine</c> report.</summary>
/// <param name="Name">What was checked (<c>cpu governor</c>, <c>nested (kvm_intel)</c>).</param>
/// <param name="Status">The outcome.</param>
/// <param name="Detail">The value found, in a few words.</param>
/// <param name="Advice">For <see cref="CheckStatus.Warn"/>: the exact command, sysfs write or kernel parameter that fixes it; otherwise null.</param>
public sealed record MachineCheck(string Name, CheckStatus Status, string Detail, string? Advice = null)
{
    /// <summary>The status as printed: <c>OK</c>, <c>WARN</c> or <c>N/A</c>.</summary>
    public string Label => Status switch
    {
        CheckStatus.Ok => "OK",
        CheckStatus.Warn => "WARN",
        _ => "N/A",
    };
}
