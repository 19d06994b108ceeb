using System.Globalization;
using System.Text;

namespace NestedVirt.Harness.Results;

/// <summary>
/// The one name of a benchmark case: what <c>nvbench list</c> prints, what <c>--filter</c>
/// matches, what a results file stores as <see cref="BenchmarkResult.Id"/>, and what compare,
/// ab, history, cover-letter and every export print. Short enough for a 72-column table, made
/// of <c>[a-z0-9._-]</c> parts joined by <c>/</c> so a glob such as <c>walk/ept/*</c> selects
/// a family: <c>rvr/intel/postmessage/relayed/clean</c>, <c>walk/ept/levels4/size4k/oned/cold</c>,
/// <c>exitrouting/route/amd</c>.
/// </summary>
/// <remarks>
/// The two headline suites are named by their parameters alone, in a fixed order:
/// <c>RelayVsReflection</c> (<c>rvr</c>: Vendor, Call, Path, Clean) and <c>NestedWalk</c>
/// (<c>walk</c>: Format, Levels, PageSize, Dimension, Caches). Other suites get
/// <c>suite/method</c> then their parameters in ordinal name order. A boolean parameter becomes
/// its name or <c>no</c> + its name, an integer becomes name + value, anything else (the enum
/// members the suites are typed with) its value; everything is lowercased. Renaming a suite,
/// method, parameter or enum member renames the case: add an alias to
/// <see cref="LegacyParameterValues"/> so older results still match.
/// </remarks>
public static class BenchmarkName
{
    /// <summary>Suite name of the relay-versus-reflection benchmarks.</summary>
    public const string RelayVsReflectionSuite = "RelayVsReflection";

    /// <summary>Suite name of the nested page-walk benchmarks.</summary>
    public const string NestedWalkSuite = "NestedWalk";

    private static readonly string[] RelayOrder = ["Vendor", "Call", "Path", "Clean"];
    private static readonly string[] WalkOrder = ["Format", "Levels", "PageSize", "Dimension", "Caches"];

    /// <summary>The name of a case.</summary>
    /// <param name="suite">Suite (benchmark class) name.</param>
    /// <param name="method">Benchmark method name.</param>
    /// <param name="parameters">Parameter values by name, as results files store them.</param>
    /// <returns>The name, parts separated by <c>/</c>.</returns>
    public static string Of(string suite, string method, IReadOnlyDictionary<string, string> parameters)
    {
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(parameters);
        string[] order;
        var parts = new List<string>();
        if (suite == RelayVsReflectionSuite)
        {
            parts.Add("rvr");
            order = RelayOrder;
        }
        else if (suite == NestedWalkSuite)
        {
            parts.Add("walk");
            order = WalkOrder;
        }
        else
        {
            parts.Add(Clean(suite));
            parts.Add(Clean(method));
            order = [];
        }

        foreach (string name in order)
        {
            if (parameters.TryGetValue(name, out string? value))
            {
                parts.Add(Part(name, value));
            }
        }

        var others = new List<string>();
        foreach (string name in parameters.Keys)
        {
            if (Array.IndexOf(order, name) < 0)
            {
                others.Add(name);
            }
        }

        others.Sort(StringComparer.Ordinal);
        foreach (string name in others)
        {
            parts.Add(Part(name, parameters[name]));
        }

        return string.Join('/', parts);
    }

    /// <summary>The name of a stored result, from its suite, method and parameters.</summary>
    /// <param name="result">The result.</param>
    public static string Of(BenchmarkResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Of(result.Suite, result.Method, result.Parameters);
    }

    /// <summary>
    /// A result as the current naming sees it: parameter values renamed since the file was
    /// written are brought up to date and the id recomputed, so runs stored before a rename
    /// still match runs stored after it. A result without suite or method is returned as is.
    /// </summary>
    /// <param name="result">A result read from a file.</param>
    /// <returns>The same instance when nothing changed, else an updated copy.</returns>
    public static BenchmarkResult Upgrade(BenchmarkResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Suite.Length == 0 || result.Method.Length == 0)
        {
            return result;
        }

        Dictionary<string, string> parameters = LegacyParameterValues.Upgrade(result.Suite, result.Parameters);
        string id = Of(result.Suite, result.Method, parameters);
        return id == result.Id && ReferenceEquals(parameters, result.Parameters)
            ? result
            : result with { Id = id, Parameters = parameters };
    }

    /// <summary>
    /// The name an id had in results files before names existed (<c>Suite.Method(Name=Value, ...)</c>,
    /// kept in gate baselines), or the id itself when it is not in that form.
    /// </summary>
    /// <param name="id">A stored id.</param>
    public static string UpgradeId(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (!TryParseLegacyId(id, out string suite, out string method, out Dictionary<string, string> parameters))
        {
            return id;
        }

        return Of(suite, method, LegacyParameterValues.Upgrade(suite, parameters));
    }

    // "Suite.Method" or "Suite.Method(A=x, B=y)"; values never hold ", " or ")" (they are enum
    // members, booleans and integers).
    private static bool TryParseLegacyId(string id, out string suite, out string method, out Dictionary<string, string> parameters)
    {
        suite = method = "";
        parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        int open = id.IndexOf('(');
        string head = open < 0 ? id : id[..open];
        int dot = head.IndexOf('.');
        if (dot <= 0 || dot == head.Length - 1 || head.Contains('/') || (open >= 0 && !id.EndsWith(')')))
        {
            return false;
        }

        suite = head[..dot];
        method = head[(dot + 1)..];
        if (open < 0)
        {
            return true;
        }

        foreach (string item in id[(open + 1)..^1].Split(", ", StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = item.IndexOf('=');
            if (equals <= 0)
            {
                return false;
            }

            parameters[item[..equals]] = item[(equals + 1)..];
        }

        return true;
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
}
