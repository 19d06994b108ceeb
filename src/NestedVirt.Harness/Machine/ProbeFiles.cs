using System.Globalization;

namespace NestedVirt.Harness.Machine;

/// <summary>
/// Reads small kernel files (<c>/proc</c>, <c>/sys</c>, <c>/etc</c>) below a root prefix, so
/// tests can point the probe at a fake tree. Every read tolerates absence: a missing,
/// unreadable or malformed file gives null, never an exception.
/// </summary>
internal sealed class ProbeFiles
{
    private readonly string root;

    /// <summary>Creates a reader below <paramref name="root"/> (<c>/</c> for the real system).</summary>
    /// <param name="root">The prefix every absolute path is taken relative to.</param>
    public ProbeFiles(string root)
    {
        this.root = root;
    }

    /// <summary>The host path for an absolute path of the probed system.</summary>
    /// <param name="absolutePath">E.g. <c>/proc/cpuinfo</c>.</param>
    /// <returns>The path below the root.</returns>
    public string Map(string absolutePath) => Path.Combine(root, absolutePath.TrimStart('/'));

    /// <summary>Whether a file or device node exists.</summary>
    /// <param name="absolutePath">Path on the probed system.</param>
    /// <returns>True when it exists.</returns>
    public bool Exists(string absolutePath) => File.Exists(Map(absolutePath));

    /// <summary>The whole file, or null.</summary>
    /// <param name="absolutePath">Path on the probed system.</param>
    /// <returns>The text, untrimmed.</returns>
    public string? ReadText(string absolutePath)
    {
        try
        {
            return File.ReadAllText(Map(absolutePath));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>The file's text trimmed of surrounding whitespace, or null.</summary>
    /// <param name="absolutePath">Path on the probed system.</param>
    /// <returns>The trimmed text.</returns>
    public string? ReadTrimmed(string absolutePath) => ReadText(absolutePath)?.Trim();

    /// <summary>A file holding one integer, or null.</summary>
    /// <param name="absolutePath">Path on the probed system.</param>
    /// <returns>The value.</returns>
    public long? ReadInteger(string absolutePath) =>
        long.TryParse(ReadTrimmed(absolutePath), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value)
            ? value
            : null;

    /// <summary>A sysfs boolean (<c>1</c>/<c>0</c>, <c>Y</c>/<c>N</c>), or null.</summary>
    /// <param name="absolutePath">Path on the probed system.</param>
    /// <returns>The value.</returns>
    public bool? ReadBoolean(string absolutePath) => ParseBoolean(ReadTrimmed(absolutePath));

    /// <summary>Names of the directories matching a pattern inside a folder of the probed system.</summary>
    /// <param name="absoluteFolder">E.g. <c>/sys/module</c>.</param>
    /// <param name="pattern">E.g. <c>kvm*</c>.</param>
    /// <returns>Directory names (not paths), sorted ordinally; empty when the folder is missing.</returns>
    public IReadOnlyList<string> ListDirectories(string absoluteFolder, string pattern)
    {
        try
        {
            var names = new List<string>();
            foreach (string dir in Directory.EnumerateDirectories(Map(absoluteFolder), pattern))
            {
                names.Add(Path.GetFileName(dir));
            }

            names.Sort(StringComparer.Ordinal);
            return names;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>Parses the spellings sysfs uses for booleans.</summary>
    /// <param name="text">Trimmed file content.</param>
    /// <returns>True, false, or null for anything else.</returns>
    public static bool? ParseBoolean(string? text) => text switch
    {
        "1" or "Y" or "y" or "on" => true,
        "0" or "N" or "n" or "off" => false,
        _ => null,
    };
}
