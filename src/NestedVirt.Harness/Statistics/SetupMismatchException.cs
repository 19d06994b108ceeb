using NestedVirt.Harness.Cli;

namespace NestedVirt.Harness.Statistics;

/// <summary>
/// Thrown when runs measured with different toolchains or jobs would be compared (see
/// <see cref="Results.MeasurementSetup"/>) and <c>--mixed-setup</c> was not given. A
/// <see cref="HarnessException"/>: one line, exit 2.
/// </summary>
public sealed class SetupMismatchException : HarnessException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="what">What was compared, e.g. <c>base and head</c>.</param>
    /// <param name="difference">What differs, e.g. <c>toolchain in-process vs out-of-process</c>.</param>
    public SetupMismatchException(string what, string difference)
        : base($"{what} were measured differently ({difference}): their timings differ for reasons no commit caused; pass --mixed-setup to compare anyway")
    {
        Difference = difference;
    }

    /// <summary>What differs.</summary>
    public string Difference { get; }
}
