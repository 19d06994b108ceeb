namespace NestedVirt.Harness.Cli;

/// <summary>
/// Finds the checkout root: the nearest folder, walking up, that holds <c>Perf.sln</c>. The
/// command line looks above the tool's own location first (the checkout it was built from,
/// whose commit a run records), then above the current folder (issue 11).
/// </summary>
public static class RepositoryLocator
{
    /// <summary>The file that marks the repository root.</summary>
    public const string MarkerFile = "Perf.sln";

    /// <summary>The checkout of a tool in <paramref name="toolDirectory"/> run from <paramref name="currentDirectory"/>.</summary>
    /// <param name="toolDirectory">Where the running program is (<see cref="AppContext.BaseDirectory"/>).</param>
    /// <param name="currentDirectory">The current folder.</param>
    /// <returns>The root, and a warning to print when neither folder is inside a checkout.</returns>
    public static CheckoutLocation Locate(string toolDirectory, string currentDirectory)
    {
        string tool = Path.TrimEndingDirectorySeparator(Path.GetFullPath(toolDirectory));
        string current = Path.TrimEndingDirectorySeparator(Path.GetFullPath(currentDirectory));
        foreach (string start in (ReadOnlySpan<string>)[tool, current])
        {
            if (TryFind(start) is { } root)
            {
                return new CheckoutLocation(root, null);
            }
        }

        return new CheckoutLocation(current,
            $"nvbench: warning: no checkout ({MarkerFile}) above '{tool}' or '{current}'; results are read from and written to '{Path.Combine(current, "results")}'");
    }

    /// <summary>Walks up from <paramref name="startDirectory"/> to the folder holding <see cref="MarkerFile"/>.</summary>
    /// <param name="startDirectory">Where to start; the current directory when null.</param>
    /// <returns>The root's full path, or the full start directory when no ancestor holds the marker.</returns>
    public static string Find(string? startDirectory = null)
    {
        string start = Path.GetFullPath(startDirectory ?? Directory.GetCurrentDirectory());
        return TryFind(start) ?? start;
    }

    private static string? TryFind(string start)
    {
        for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, MarkerFile)))
            {
                return Path.TrimEndingDirectorySeparator(dir.FullName);
            }
        }

        return null;
    }
}
