namespace NestedVirt.Harness.Processes;

/// <summary>Finds a program on PATH (used to run <c>rsvg-convert</c> only when it is installed).</summary>
public static class ExecutableLocator
{
    /// <summary>The full path of <paramref name="name"/> in the first PATH folder holding it, or null.</summary>
    /// <param name="name">Program name without folder.</param>
    public static string? Find(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        string? path = Environment.GetEnvironmentVariable("PATH");
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        foreach (string folder in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(folder, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
