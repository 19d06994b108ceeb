using System.Text;

namespace NestedVirt.Harness.Reporting;

/// <summary>
/// A plain ASCII table for terminals and mail: columns separated by two spaces, numbers
/// right-aligned, no tabs, no trailing spaces, and never wider than <see cref="MaxWidth"/>.
/// </summary>
/// <remarks>
/// When the rows would be too wide, the first column (the benchmark name) is narrowed and any
/// name that no longer fits is printed on a line of its own above its numbers, so names are
/// never truncated.
/// </remarks>
public sealed class TextTable
{
    private const string Separator = "  ";
    private const int MinimumFirstColumn = 8;
    private readonly List<(string Header, TextAlignment Alignment)> columns = [];
    private readonly List<string[]> rows = [];

    /// <summary>Creates an empty table.</summary>
    /// <param name="maxWidth">Maximum line length, indent included (72 for mail).</param>
    /// <param name="indent">Prefix of every line.</param>
    public TextTable(int maxWidth = 72, string indent = "")
    {
        ArgumentNullException.ThrowIfNull(indent);
        MaxWidth = maxWidth;
        Indent = indent;
    }

    /// <summary>Maximum line length, indent included.</summary>
    public int MaxWidth { get; }

    /// <summary>Prefix of every line.</summary>
    public string Indent { get; }

    /// <summary>The lines of a table with the given columns and rows (the summary tables' one shape).</summary>
    /// <param name="headers">Column headers.</param>
    /// <param name="alignments">One alignment per column.</param>
    /// <param name="rows">Rows of one cell per column.</param>
    /// <param name="maxWidth">Maximum line length, indent included.</param>
    /// <param name="indent">Prefix of every line.</param>
    public static IReadOnlyList<string> Lines(IReadOnlyList<string> headers, IReadOnlyList<TextAlignment> alignments, IEnumerable<IReadOnlyList<string>> rows, int maxWidth, string indent = "")
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(alignments);
        ArgumentNullException.ThrowIfNull(rows);
        var table = new TextTable(maxWidth, indent);
        for (int c = 0; c < headers.Count; c++)
        {
            table.AddColumn(headers[c], alignments[c]);
        }

        foreach (IReadOnlyList<string> row in rows)
        {
            table.AddRow(row);
        }

        return table.RenderLines();
    }

    /// <summary>Adds a column; call before adding rows.</summary>
    /// <param name="header">Header text.</param>
    /// <param name="alignment">Alignment of the header and cells.</param>
    public TextTable AddColumn(string header, TextAlignment alignment)
    {
        ArgumentNullException.ThrowIfNull(header);
        if (rows.Count > 0)
        {
            throw new InvalidOperationException("add every column before the first row");
        }

        columns.Add((header, alignment));
        return this;
    }

    /// <summary>Adds a row with one cell per column.</summary>
    /// <param name="cells">The cells, in column order.</param>
    public TextTable AddRow(IReadOnlyList<string> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Count != columns.Count)
        {
            throw new ArgumentException($"expected {columns.Count} cells, got {cells.Count}", nameof(cells));
        }

        rows.Add([.. cells]);
        return this;
    }

    /// <summary>Renders the header and rows as lines.</summary>
    public IReadOnlyList<string> RenderLines()
    {
        var widths = new int[columns.Count];
        for (int c = 0; c < columns.Count; c++)
        {
            widths[c] = columns[c].Header.Length;
            foreach (string[] row in rows)
            {
                widths[c] = Math.Max(widths[c], row[c].Length);
            }
        }

        int total = Indent.Length + (columns.Count - 1) * Separator.Length;
        for (int c = 0; c < widths.Length; c++)
        {
            total += widths[c];
        }

        if (total > MaxWidth && widths.Length > 0)
        {
            int narrowed = widths[0] - (total - MaxWidth);
            if (narrowed < Math.Max(MinimumFirstColumn, columns[0].Header.Length))
            {
                throw new InvalidOperationException($"table needs {total} columns, more than {MaxWidth}");
            }

            widths[0] = narrowed;
        }

        var lines = new List<string>(rows.Count + 1);
        var header = new string[columns.Count];
        for (int c = 0; c < columns.Count; c++)
        {
            header[c] = columns[c].Header;
        }

        lines.Add(Line(header, widths));
        foreach (string[] row in rows)
        {
            if (row.Length > 0 && row[0].Length > widths[0])
            {
                lines.AddRange(TextWrap.Wrap(row[0], MaxWidth - Indent.Length, "  ").Select(l => (Indent + l).TrimEnd()));
                string[] rest = [.. row];
                rest[0] = "";
                lines.Add(Line(rest, widths));
            }
            else
            {
                lines.Add(Line(row, widths));
            }
        }

        return lines;
    }

    /// <summary>The rendered table, one line per row, each ending in a newline.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        foreach (string line in RenderLines())
        {
            sb.Append(line).Append('\n');
        }

        return sb.ToString();
    }

    private string Line(string[] cells, int[] widths)
    {
        var sb = new StringBuilder(Indent);
        for (int c = 0; c < cells.Length; c++)
        {
            if (c > 0)
            {
                sb.Append(Separator);
            }

            sb.Append(columns[c].Alignment == TextAlignment.Right ? cells[c].PadLeft(widths[c]) : cells[c].PadRight(widths[c]));
        }

        return sb.ToString().TrimEnd();
    }
}
