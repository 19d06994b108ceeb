using System.Globalization;

namespace NestedVirt.Harness.Machine;

/// <summary>Parses <c>/proc/meminfo</c> (<c>Key:   123 kB</c> lines) and <c>/proc/swaps</c>.</summary>
internal static class MemInfo
{
    /// <summary>One meminfo value in bytes, or null when the key is absent or malformed.</summary>
    /// <param name="text">The content of /proc/meminfo.</param>
    /// <param name="key">E.g. <c>MemTotal</c>.</param>
    /// <returns>Bytes (the file counts in KiB despite its "kB" unit).</returns>
    public static long? Bytes(string text, string key)
    {
        foreach (string line in text.Split('\n'))
        {
            int colon = line.IndexOf(':');
            if (colon < 0 || !line.AsSpan(0, colon).Trim().SequenceEqual(key))
            {
                continue;
            }

            string[] parts = line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out long value))
            {
                return null;
            }

            return parts.Length > 1 && parts[1] == "kB" ? value * 1024 : value;
        }

        return null;
    }

    /// <summary>Swap in use from meminfo (<c>SwapTotal - SwapFree</c>), or null.</summary>
    /// <param name="text">The content of /proc/meminfo.</param>
    /// <returns>Bytes in use.</returns>
    public static long? SwapUsedBytes(string text) =>
        Bytes(text, "SwapTotal") is long total && Bytes(text, "SwapFree") is long free ? Math.Max(0, total - free) : null;

    /// <summary>Swap in use summed over the <c>Used</c> column (KiB) of /proc/swaps, or null.</summary>
    /// <param name="text">The content of /proc/swaps, header line first.</param>
    /// <returns>Bytes in use; 0 when the table has no devices.</returns>
    public static long? SwapUsedBytesFromSwaps(string text)
    {
        string[] lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 0 || !lines[0].StartsWith("Filename", StringComparison.Ordinal))
        {
            return null;
        }

        long used = 0;
        for (int i = 1; i < lines.Length; i++)
        {
            string[] columns = lines[i].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (columns.Length < 4 || !long.TryParse(columns[3], NumberStyles.None, CultureInfo.InvariantCulture, out long kib))
            {
                return null;
            }

            used += kib * 1024;
        }

        return used;
    }
}
