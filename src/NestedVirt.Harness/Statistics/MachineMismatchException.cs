using NestedVirt.Harness.Cli;

namespace NestedVirt.Harness.Statistics;

/// <summary>
/// Thrown when base and head come from different machines and cross-machine comparison was not
/// allowed. A <see cref="HarnessException"/>: the user fixes it (other files, or
/// <c>--cross-machine</c>), so the command line prints one line and exits 2.
/// </summary>
public sealed class MachineMismatchException : HarnessException
{
    /// <summary>Creates the exception for the two machine ids.</summary>
    /// <param name="baseMachineId">Machine id of the base results.</param>
    /// <param name="headMachineId">Machine id of the head results.</param>
    public MachineMismatchException(string baseMachineId, string headMachineId)
        : base($"base and head come from different machines ({baseMachineId} vs {headMachineId}); pass --cross-machine to compare anyway")
    {
        BaseMachineId = baseMachineId;
        HeadMachineId = headMachineId;
    }

    /// <summary>Machine id of the base results.</summary>
    public string BaseMachineId { get; }

    /// <summary>Machine id of the head results.</summary>
    public string HeadMachineId { get; }
}
