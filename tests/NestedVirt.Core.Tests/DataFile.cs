namespace NestedVirt.Tests;

/// <summary>Reads table-driven test cases: one case per line, '#' starts a comment, blank lines skipped.</summary>
internal static class DataFile
{
    /// <summary>Each case as { line number, whitespace-separated fields, comment }.</summary>
    public static IEnumerable<object[]> Cases(string relativePath)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Data", relativePath);
        string[] lines = File.ReadAllLines(path);
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            int hash = line.IndexOf('#');
            string data = (hash < 0 ? line : line[..hash]).Trim();
            if (data.Length == 0)
                continue;
            string comment = hash < 0 ? "" : line[(hash + 1)..].Trim();
            yield return [i + 1, data.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries), comment];
        }
    }

    /// <summary>Parses "0x..." as hexadecimal, anything else as decimal.</summary>
    public static ulong ParseNumber(string text) =>
        text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? Convert.ToUInt64(text[2..], 16)
            : ulong.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
