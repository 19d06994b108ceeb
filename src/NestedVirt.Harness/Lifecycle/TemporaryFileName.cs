using System.Globalization;
using System.Security.Cryptography;

namespace NestedVirt.Harness.Lifecycle;

/// <summary>
/// Names of the hidden files a write goes to before it is moved into place:
/// <c>.&lt;final name&gt;.tmp-&lt;pid&gt;-&lt;random&gt;</c>. Readers skip them (hidden, and the
/// marker); the pid lets <see cref="Leftovers"/> delete one whose writer was killed.
/// </summary>
public static class TemporaryFileName
{
    /// <summary>Marker inside every such name.</summary>
    public const string Marker = ".tmp-";

    /// <summary>A fresh temporary name beside <paramref name="finalName"/>, owned by this process.</summary>
    /// <param name="finalName">The file name the content will end up under.</param>
    public static string For(string finalName) => string.Create(CultureInfo.InvariantCulture,
        $".{finalName}{Marker}{Environment.ProcessId}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}");

    /// <summary>The writer's pid encoded in a temporary name, or null for any other name (or an older, pid-less one).</summary>
    /// <param name="fileName">A bare file name.</param>
    public static int? OwnerOf(string fileName)
    {
        if (!fileName.StartsWith('.'))
        {
            return null;
        }

        int marker = fileName.LastIndexOf(Marker, StringComparison.Ordinal);
        if (marker < 0)
        {
            return null;
        }

        ReadOnlySpan<char> rest = fileName.AsSpan(marker + Marker.Length);
        int dash = rest.IndexOf('-');
        return dash > 0 && int.TryParse(rest[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out int pid) && pid > 0
            ? pid
            : null;
    }
}
