using System.Globalization;
using System.Text;
using NestedVirt.Harness.Statistics;

namespace NestedVirt.Harness.Reporting;

/// <summary>
/// Short, stable names for benchmarks in 72-column tables (<c>rvr/vmx/hvpostmessage/relay/clean</c>)
/// and greppable raw names in kvm-unit-tests vmexit style (<c>rvr_vmx_hvpostmessage_relay_clean</c>).
/// </summary>
/// <remarks>
/// The two headline suites are identified by their parameters alone, in a fixed order:
/// <c>RelayVsReflection</c> (Vendor, Call, Path, Clean) and <c>NestedWalk</c> (Format, Levels,
/// PageSize, Dimension, Caches). Other suites get <c>suite/method</c> then their parameters in
/// ordinal name order. A boolean parameter becomes its name or <c>no</c> + its name, an integer
/// becomes name + value, anything else its value; everything is lowercased.
/// </remarks>
public static class BenchmarkLabel
{
    /// <summary>Suite name of the relay-versus-reflection benchmarks.</summary>
    public const string RelayVsReflectionSuite = "RelayVsReflection";

    /// <summary>Suite name of the nested page-walk benchmarks.</summary>
    public const string NestedWalkSuite = "NestedWalk";

    private const int MaxRawNameLength = 60;

    private static readonly string[] RelayOrder = ["Vendor", "Call", "Path", "Clean"];
    private static readonly string[] WalkOrder = ["Format", "Levels", "PageSize", "Dimension", "Caches"];

    /// <summary>The short label, parts separated by <c>/</c>.</summary>
    /// <param name="key">The benchmark.</param>
    public static string Short(BenchmarkKey key) => string.Join('/', Parts(key));

    /// <summary>
    /// The raw name: only <c>[a-z0-9_]</c>, at most 60 characters (a longer one keeps its start
    /// and ends in an 8-digit hash of the whole label, so it stays unique and stable).
    /// </summary>
    /// <param name="key">The benchmark.</param>
    public static string RawName(BenchmarkKey key)
    {
        var sb = new StringBuilder();
        foreach (char ch in Short(key))
        {
            sb.Append(ch is >= 'a' and <= 'z' or >= '0' and <= '9' ? ch : '_');
        }

        string name = sb.ToString();
        if (name.Length <= MaxRawNameLength)
        {
            return name;
        }

        return name[..(MaxRawNameLength - 9)] + "_" + Fnv1a(Short(key)).ToString("x8", CultureInfo.InvariantCulture);
    }

    private static List<string> Parts(BenchmarkKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        string[] order;
        var parts = new List<string>();
        if (key.Suite == RelayVsReflectionSuite)
        {
            parts.Add("rvr");
            order = RelayOrder;
        }
        else if (key.Suite == NestedWalkSuite)
        {
            parts.Add("walk");
            order = WalkOrder;
        }
        else
        {
            parts.Add(Clean(key.Suite));
            parts.Add(Clean(key.Method));
            order = [];
        }

        foreach (string name in order)
        {
            if (key.Parameters.TryGetValue(name, out string? value))
            {
                parts.Add(Part(name, value));
            }
        }

        var others = new List<string>();
        foreach (string name in key.Parameters.Keys)
        {
            if (Array.IndexOf(order, name) < 0)
            {
                others.Add(name);
            }
        }

        others.Sort(StringComparer.Ordinal);
        foreach (string name in others)
        {
            parts.Add(Part(name, key.Parameters[name]));
        }

        return parts;
    }

    private static string Part(string name, string value)
    {
        if (bool.TryParse(value, out bool flag))
        {
            return flag ? Clean(name) : "no" + Clean(name);
        }

        if (long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
        {
            return Clean(name) + Clean(value);
        }

        return Clean(value);
    }

    private static string Clean(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (char ch in text.ToLowerInvariant())
        {
            if (ch is >= 'a' and <= 'z' or >= '0' and <= '9' or '.' or '-' or '_')
            {
                sb.Append(ch);
            }
        }

        return sb.Length == 0 ? "x" : sb.ToString();
    }

    private static uint Fnv1a(string text)
    {
        uint hash = 2166136261;
        foreach (char ch in text)
        {
            hash = (hash ^ ch) * 16777619;
        }

        return hash;
    }
}
