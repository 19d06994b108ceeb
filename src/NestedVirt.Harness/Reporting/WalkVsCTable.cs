using NestedVirt.Harness.Results;
using NestedVirt.Harness.Statistics;

namespace NestedVirt.Harness.Reporting;

/// <summary>
/// The one C#-versus-C walker table (suite <c>WalkVsC</c>): per walk and table format, the
/// median ns per walk of the C# walker and of the plain C reference walker over the same
/// tables and stream in the same run, and their ratio (the stored ratio to the baseline, the
/// C case, when the results file has it).
/// </summary>
public static class WalkVsCTable
{
    /// <summary>Suite name of the C#-versus-C benchmarks.</summary>
    public const string Suite = "WalkVsC";

    private static readonly string[] Header = ["walk", "table", "c#", "c", "c#/c"];

    private static readonly TextAlignment[] Alignments =
        [TextAlignment.Left, TextAlignment.Left, TextAlignment.Right, TextAlignment.Right, TextAlignment.Right];

    /// <summary>Title and table lines; empty when the run has no C#/C pair.</summary>
    /// <param name="run">The run.</param>
    /// <param name="width">Maximum line length, indent included.</param>
    /// <param name="indent">Prefix of every table line.</param>
    public static IReadOnlyList<string> Lines(ResultsEnvelope run, int width, string indent = "")
    {
        if (Cells(run) is not { } cells)
        {
            return [];
        }

        IReadOnlyList<string> table = TextTable.Lines(Header, Alignments, cells.Rows, width, indent);

        return
        [
            .. TextWrap.Wrap("C# walker vs plain C (cc -O2), same tables and stream (median ns per walk; 4 levels, 4K pages, no TLB):", width),
            .. table,
        ];
    }

    /// <summary>The table's header and rows of text cells, or null when the run has no pair.</summary>
    /// <param name="run">The run.</param>
    public static (string[] Header, List<string[]> Rows)? Cells(ResultsEnvelope run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var rows = new List<string[]>();
        foreach (BenchmarkResult managed in run.Benchmarks)
        {
            if (managed.Suite != Suite || managed.Method != "CSharp")
            {
                continue;
            }

            string format = managed.Parameters.GetValueOrDefault("Format", "");
            string dimension = managed.Parameters.GetValueOrDefault("Dimension", "");
            BenchmarkResult? c = run.Benchmarks.Find(r => r.Suite == Suite && r.Method == "C"
                && r.Parameters.GetValueOrDefault("Format", "") == format && r.Parameters.GetValueOrDefault("Dimension", "") == dimension);
            if (c is null)
            {
                continue;
            }

            double managedNs = SampleMedian.Of(managed);
            double nativeNs = SampleMedian.Of(c);
            double ratio = managed.RatioToBaseline ?? managedNs / nativeNs;
            string walk = dimension == "TwoD" ? "2-D 4/4" : ParameterText.Dimension(dimension);
            rows.Add([walk, format.ToUpperInvariant(), NumberText.Nanoseconds(managedNs), NumberText.Nanoseconds(nativeNs), NumberText.Ratio(ratio)]);
        }

        return rows.Count == 0 ? null : (Header, rows);
    }
}
