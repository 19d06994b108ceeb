namespace NestedVirt.Harness.Instructions;

/// <summary>Finds a program on PATH, so a missing valgrind or compiler becomes a skip, not a failure.</summary>
public static class ToolLocator
{
    /// <summary>The full path of <paramref name="name"/> in the first PATH folder holding it, or null.</summary>
    /// <param name="name">Program name without folder (<c>valgrind</c>, <c>cc</c>).</param>
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
