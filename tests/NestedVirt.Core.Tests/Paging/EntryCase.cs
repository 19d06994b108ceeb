using System.Globalization;
using NestedVirt.Paging;

namespace NestedVirt.Tests.Paging;

/// <summary>
/// One line of <c>Data/Paging/ept-entries.txt</c> or <c>npt-entries.txt</c>:
/// <c>level entry caps access status at code output # source</c>. See the files' headers.
/// </summary>
internal sealed class EntryCase
{
    public required string File { get; init; }
    public required int Line { get; init; }
    public required string Text { get; init; }
    public required int Level { get; init; }
    public required ulong Entry { get; init; }
    public required HashSet<string> Caps { get; init; }
    public required string Access { get; init; }
    public required WalkStatus Status { get; init; }
    public required int At { get; init; }
    public required ulong? Code { get; init; }
    public required ulong? Output { get; init; }
    public required string Comment { get; init; }

    public int WalkLevels => Level == 5 || Caps.Contains("l5") ? 5 : 4;

    public int MaxPhysAddr
    {
        get
        {
            foreach (string cap in Caps)
            {
                if (cap.Length == 3 && cap[0] == 'm')
                    return int.Parse(cap.AsSpan(1), CultureInfo.InvariantCulture);
            }
            return 52;
        }
    }

    public AccessIntent Intent
    {
        get
        {
            AccessIntent intent = 0;
            foreach (char c in Access)
            {
                intent |= c switch
                {
                    'r' => AccessIntent.Read,
                    'w' => AccessIntent.Write,
                    'x' => AccessIntent.Fetch,
                    'u' => AccessIntent.User,
                    'l' => AccessIntent.GuestLinear,
                    'p' => AccessIntent.GuestPagingEntry,
                    _ => throw new FormatException($"{Where}: unknown access letter '{c}'"),
                };
            }
            return intent;
        }
    }

    public string Where => $"{File}:{Line}";

    public override string ToString() => $"{Where}: {Text}";

    public static EntryCase? Parse(string file, int line, string text)
    {
        int hash = text.IndexOf('#', StringComparison.Ordinal);
        string data = (hash < 0 ? text : text[..hash]).Trim();
        if (data.Length == 0)
            return null;
        string comment = hash < 0 ? "" : text[(hash + 1)..].Trim();
        string[] f = data.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (f.Length != 8)
            throw new FormatException($"{file}:{line}: expected 8 columns, found {f.Length}");
        return new EntryCase
        {
            File = file,
            Line = line,
            Text = text.Trim(),
            Level = int.Parse(f[0], CultureInfo.InvariantCulture),
            Entry = Hex(f[1]),
            Caps = f[2] == "-" ? [] : [.. f[2].Split(',')],
            Access = f[3],
            Status = Enum.Parse<WalkStatus>(f[4]),
            At = int.Parse(f[5], CultureInfo.InvariantCulture),
            Code = f[6] == "-" ? null : Hex(f[6]),
            Output = f[7] == "-" ? null : Hex(f[7]),
            Comment = comment,
        };
    }

    private static ulong Hex(string s)
    {
        if (!s.StartsWith("0x", StringComparison.Ordinal))
            throw new FormatException($"hex value expected: {s}");
        return ulong.Parse(s.AsSpan(2).ToString().Replace("_", "", StringComparison.Ordinal), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
    }
}
