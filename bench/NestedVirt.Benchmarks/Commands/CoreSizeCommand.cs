using System.Globalization;
using System.Text;
using System.Text.Json;
using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Build;
using NestedVirt.Harness.Processes;

namespace NestedVirt.Benchmarks.Commands;

/// <summary>
/// <c>nvbench core-size [DLL...]</c>: the core's size in every valid build combination, the
/// attack-surface figure of the build-time proposal. Without arguments it builds the core six
/// times (release, each into a temporary folder, removed afterwards); with DLL paths it reads
/// those (CI passes the cores it has just built and tested).
/// </summary>
public sealed class CoreSizeCommand : ICommand
{
    private const string CoreProject = "src/NestedVirt.Core/NestedVirt.Core.csproj";
    private readonly IProcessRunner processes;
    private readonly OptionSet options = new OptionSet()
        .Option("format", "text|json", "output format (default text)");

    /// <summary>Creates the verb.</summary>
    public CoreSizeCommand(IProcessRunner? processes = null) => this.processes = processes ?? SystemProcessRunner.Instance;

    /// <inheritdoc/>
    public string Name => "core-size";

    /// <inheritdoc/>
    public string Summary => "IL bytes and types of the core per build switch";

    /// <inheritdoc/>
    public string Help =>
        "usage: nvbench core-size [DLL...] [--format text|json]\n\n" +
        "Prints the types, methods, IL bytes and file size of NestedVirt.Core\n" +
        "for each valid combination of EnableNested x EnableVmx x EnableSvm\n" +
        "(six: both vendors off does not build). Without DLL, builds the core\n" +
        "in Release six times into a temporary folder (a minute or two), then\n" +
        "removes it; with DLL paths, reads those. Each DLL records the switches\n" +
        "that built it.\n\n" +
        "options:\n" + options.Describe() + "\n" +
        "example:\n  nvbench core-size\n";

    /// <inheritdoc/>
    public int Run(IReadOnlyList<string> args, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        ParsedArguments parsed = options.Parse(args);
        string format = parsed.GetChoice("format", "text", ["text", "json"]);

        var sizes = new List<AssemblySize>();
        if (parsed.Positionals.Count > 0)
        {
            foreach (string path in parsed.Positionals)
                sizes.Add(AssemblySizeReader.Read(path));
        }
        else
        {
            sizes.AddRange(BuildAll(context));
        }

        context.Out.Write(format == "json" ? Json(sizes) : Text(sizes));
        return 0;
    }

    private List<AssemblySize> BuildAll(CommandContext context)
    {
        string root = Path.Combine(Path.GetTempPath(), "nvbench-core-size-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        var sizes = new List<AssemblySize>();
        try
        {
            int n = 0;
            foreach (BuildCombination combination in BuildCombination.All)
            {
                n++;
                context.Error.WriteLine($"core-size: building {combination.Switches} ({n}/{BuildCombination.All.Count})");
                string artifacts = Path.Combine(root, combination.Slug);
                var arguments = new List<string> { "build", CoreProject, "-c", "Release", "-nologo", "-v", "q", "--artifacts-path", artifacts };
                arguments.AddRange(combination.MsBuildArguments);
                ProcessResult result = processes.Run("dotnet", arguments, context.RepositoryRoot, CancellationToken.None);
                if (!result.Succeeded)
                    throw new HarnessException($"core-size: building {combination.Switches} failed: {LastError(result)}");
                sizes.Add(AssemblySizeReader.Read(Path.Combine(artifacts, "bin", "NestedVirt.Core", "release", "NestedVirt.Core.dll")));
            }
        }
        finally
        {
            if (Directory.Exists(root))
                Directory.Delete(root, recursive: true);
        }
        return sizes;
    }

    private static string LastError(ProcessResult result)
    {
        string[] lines = (result.StandardOutput + "\n" + result.StandardError).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        string? error = Array.FindLast(lines, l => l.Contains("error", StringComparison.OrdinalIgnoreCase));
        return error ?? (lines.Length > 0 ? lines[^1] : $"exit code {result.ExitCode}");
    }

    /// <summary>The table, 72 columns: one row per DLL, IL as a share of the full build's when there is one.</summary>
    internal static string Text(IReadOnlyList<AssemblySize> sizes)
    {
        AssemblySize? full = null;
        foreach (AssemblySize size in sizes)
        {
            if (size.Switches == new BuildCombination(true, true, true).Switches)
                full = size;
        }

        var text = new StringBuilder();
        text.Append("NestedVirt.Core by build switch\n");
        text.Append("nested  vmx  svm   types  methods   IL bytes  of full  DLL bytes\n");
        foreach (AssemblySize size in sizes)
        {
            string share = full is null || full.IlBytes == 0 ? "-" : (100.0 * size.IlBytes / full.IlBytes).ToString("0.0", CultureInfo.InvariantCulture) + "%";
            text.Append(CultureInfo.InvariantCulture,
                $"{Switch(size, "EnableNested"),-7} {Switch(size, "EnableVmx"),-4} {Switch(size, "EnableSvm"),-4} {size.Types,6} {size.Methods,8} {size.IlBytes,10:N0} {share,8} {size.FileBytes,10:N0}\n");
        }
        return text.ToString();
    }

    private static string Json(IReadOnlyList<AssemblySize> sizes) =>
        JsonSerializer.Serialize(sizes.Select(s => new
        {
            path = s.Path,
            switches = s.Switches,
            types = s.Types,
            methods = s.Methods,
            ilBytes = s.IlBytes,
            fileBytes = s.FileBytes,
        }), new JsonSerializerOptions { WriteIndented = true }) + "\n";

    // "on"/"off" for one switch as the DLL recorded it, "?" for a DLL without the record.
    private static string Switch(AssemblySize size, string name)
    {
        foreach (string part in size.Switches.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.StartsWith(name + "=", StringComparison.Ordinal))
                return part.EndsWith("=true", StringComparison.Ordinal) ? "on" : "off";
        }
        return "?";
    }
}
