namespace NestedVirt.Harness.Cli;

/// <summary>Finds the checkout root: the nearest folder, walking up, that holds <c>Perf.sln</c>.</summary>
public static class RepositoryLocator
{
    /// <summary>The file that marks the repository root.</summary>
    public const string MarkerFile = "Perf.sln";

    /// <summary>Walks up from <paramref name="startDirectory"/> to the folder holding <see cref="MarkerFile"/>.</summary>
    /// <param name="startDirectory">Where to start; the current directory when null.</param>
    /// <returns>The root's full path, or the full start directory when no ancestor holds the marker.</returns>
    public static string Find(string? startDirectory = null)
    {
        string start = Path.GetFullPath(startDirectory ?? Directory.GetCurrentDirectory());
        for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, MarkerFile)))
            {
                return dir.FullName;
            }
        }

        return start;
    }
}
