using System.Globalization;

namespace NestedVirt.Tests.Exits;

/// <summary>
/// Reads a routing data file: one case per line, <c>reason | setup | expected | model row</c>,
/// <c>#</c> starts a comment line. Setup is a whitespace-separated list of <c>key=value</c> tokens
/// (or <c>-</c>) interpreted by the VMX or SVM table test.
/// </summary>
internal static class RoutingTable
{
    public sealed record Row(int Line, string Reason, string[] Setup, string Expected, string Source);

    public static IEnumerable<object[]> Cases(string fileName)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Data", fileName);
        string[] lines = File.ReadAllLines(path);
        for (int i = 0; i < lines.Length; i++)
        {
            string text = lines[i].Trim();
            if (text.Length == 0 || text[0] == '#')
                continue;
            yield return [i + 1, text];
        }
    }

    public static IEnumerable<Row> Rows(string fileName)
    {
        foreach (object[] c in Cases(fileName))
            yield return Parse((int)c[0], (string)c[1]);
    }

    public static Row Parse(int line, string text)
    {
        string[] cols = text.Split('|');
        if (cols.Length != 4)
            throw new FormatException($"line {line}: expected 4 columns 'reason | setup | expected | source'");
        string setup = cols[1].Trim();
        string[] tokens = setup == "-" ? [] : setup.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return new Row(line, cols[0].Trim(), tokens, cols[2].Trim(), cols[3].Trim());
    }

    public static (string Key, string Value) Split(string token)
    {
        int eq = token.IndexOf('=');
        return eq < 0 ? (token, "") : (token[..eq], token[(eq + 1)..]);
    }

    public static ulong Number(string text) =>
        text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? ulong.Parse(text.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture)
            : ulong.Parse(text, CultureInfo.InvariantCulture);

    public static TEnum Flags<TEnum>(string text) where TEnum : struct, Enum
    {
        ulong value = 0;
        foreach (string name in text.Split('+'))
            value |= Convert.ToUInt64(Enum.Parse<TEnum>(name), CultureInfo.InvariantCulture);
        return (TEnum)Enum.ToObject(typeof(TEnum), value);
    }
}
