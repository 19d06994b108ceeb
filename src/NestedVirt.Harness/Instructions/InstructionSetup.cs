using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace NestedVirt.Harness.Instructions;

/// <summary>
/// What a stored instruction count depends on besides the code, in one line: the runtime, the
/// JIT settings of <see cref="CallgrindRunner.DotnetEnvironment"/> (instruction-set pin
/// included), the counting method, N, and the list of cases counted in the one process. Counts
/// are compared exactly when the setups are equal and refused as incomparable otherwise: a case's
/// count can depend on the cases counted before it in the same process (see
/// <c>docs/verdicts.md</c>, "Exact instruction counts"), so a different case list is a
/// different setup, never a change.
/// </summary>
public static class InstructionSetup
{
    /// <summary>The counting method of <c>drive --marked</c>: one process, windows between marks.</summary>
    public const string Method = "callgrind marked windows";

    /// <summary>The setup line of a one-process count.</summary>
    /// <param name="runtime">The runtime, e.g. <c>.NET 10.0.12</c>.</param>
    /// <param name="iterations">N.</param>
    /// <param name="ids">The ids counted, in process order.</param>
    public static string Of(string runtime, long iterations, IReadOnlyList<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var settings = new StringBuilder();
        foreach ((string name, string value) in CallgrindRunner.DotnetEnvironment)
        {
            settings.Append(settings.Length == 0 ? "" : " ").Append(name["DOTNET_".Length..]).Append('=').Append(value);
        }

        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', ids)));
        return string.Create(CultureInfo.InvariantCulture,
            $"{runtime}; {CallgrindRunner.IsaPin}; {settings}; {Method}, N={iterations}, {ids.Count} cases {Convert.ToHexStringLower(hash)[..8]}");
    }

    /// <summary>
    /// Why counts of <paramref name="baseline"/> and <paramref name="head"/> setups cannot be
    /// compared (one line), or null when they can.
    /// </summary>
    /// <param name="baseline">The base side's setup; empty for files that predate exact counts.</param>
    /// <param name="head">The head side's setup.</param>
    public static string? Incomparable(string baseline, string head)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(head);
        if (baseline.Length == 0 || head.Length == 0)
        {
            return "instruction counts not compared: one side predates exact counts (no setup recorded)";
        }

        return baseline == head
            ? null
            : $"instruction counts not compared: counted with different setups (base '{baseline}', head '{head}')";
    }
}
