using System.Reflection;

namespace NestedVirt.Harness.Instructions;

/// <summary>
/// How to start <c>nvbench drive</c>: the program and the arguments before the verb. For the
/// apphost (<c>bin/.../nvbench</c>, what <c>dotnet run</c> starts) that is the program alone; for
/// <c>dotnet nvbench.dll</c> it is the <c>dotnet</c> host followed by the assembly.
/// </summary>
/// <param name="FileName">Executable to start.</param>
/// <param name="PrefixArguments">Arguments before <c>drive &lt;id&gt; &lt;N&gt;</c>.</param>
public sealed record DriverLauncher(string FileName, IReadOnlyList<string> PrefixArguments)
{
    /// <summary>The verb the driver answers to.</summary>
    public const string DriveVerb = "drive";

    /// <summary>The running nvbench itself.</summary>
    /// <returns>The launcher, or null when the process path is unknown.</returns>
    public static DriverLauncher? ForCurrentProcess()
    {
        string? process = Environment.ProcessPath;
        if (process is null)
        {
            return null;
        }

        string name = Path.GetFileNameWithoutExtension(process);
        string? entry = Assembly.GetEntryAssembly()?.Location;
        return name == "dotnet" && !string.IsNullOrEmpty(entry)
            ? new DriverLauncher(process, [entry])
            : new DriverLauncher(process, []);
    }

    /// <summary>The full argument list for one driver run.</summary>
    /// <param name="hotPathId">The hot path.</param>
    /// <param name="iterations">N.</param>
    public IReadOnlyList<string> Arguments(string hotPathId, long iterations) =>
        [.. PrefixArguments, DriveVerb, hotPathId, iterations.ToString(System.Globalization.CultureInfo.InvariantCulture)];

    /// <summary>The argument list of one driver run that does every case between marks (<c>drive --marked ID=CALLS...</c>).</summary>
    /// <param name="cases">Each id with its number of calls.</param>
    public IReadOnlyList<string> MarkedArguments(IEnumerable<(string Id, long Calls)> cases) =>
        [.. PrefixArguments, DriveVerb, "--marked", .. cases.Select(c => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{c.Id}={c.Calls}"))];
}
