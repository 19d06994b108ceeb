using NestedVirt.Benchmarks.Drivers;
using System.Globalization;
using NestedVirt.Harness.Cli;

namespace NestedVirt.Benchmarks.Commands;

/// <summary>
/// <c>nvbench drive &lt;hot-path-id&gt; &lt;iterations&gt;</c>: an internal verb that
/// <c>icount</c> runs under callgrind. It prepares one hot path (fixture and warm-up), runs it
/// N times, prints one checksum line and exits. It does nothing else, so the difference between
/// a run at N and a run at 0 is the N operations alone.
/// </summary>
public sealed class DriveCommand : ICommand
{
    private readonly OptionSet options = new OptionSet()
        .Flag("marked", "count many cases in one callgrind process (icount's one-process mode)");

    /// <summary>The verb.</summary>
    public const string VerbName = "drive";

    /// <inheritdoc/>
    public string Name => VerbName;

    /// <inheritdoc/>
    public string Summary => "internal: run one hot path N times (icount's driver)";

    /// <inheritdoc/>
    public string Help =>
        "usage: nvbench drive <hot-path-id> <iterations>\n" +
        "       nvbench drive --marked ID=CALLS...\n\n" +
        "Internal driver for 'nvbench icount': builds one hot path's fixture,\n" +
        "runs the operation once over its input (JIT and first-touch costs),\n" +
        "then N more times, prints '<id> <N> checksum=<hex>' and exits.\n" +
        "--marked runs every case between calls of getppid (mark, CALLS,\n" +
        "mark, 2 x CALLS, mark), which callgrind --dump-before=getppid turns\n" +
        "into one count per window.\n\n" +
        "hot paths:\n" + DescribeIds() +
        "\nexample:\n  nvbench drive walk.ept.1d.4l 20000\n";

    /// <inheritdoc/>
    public int Run(IReadOnlyList<string> args, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        ParsedArguments parsed = options.Parse(args);
        if (parsed.Has("marked"))
            return RunMarked(parsed, context);

        string id = parsed.Positional(0, "hot-path-id");
        string count = parsed.Positional(1, "iterations");
        parsed.RejectPositionalsBeyond(2);
        HotPath hotPath = HotPathCatalog.Create(id)
            ?? throw new UsageException($"unknown hot path '{id}'; ids: {string.Join(", ", [.. HotPathCatalog.Ids, .. HotPathCatalog.NativeIds])}");
        if (!long.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out long iterations))
            throw new UsageException($"iterations: '{count}' is not a non-negative integer");

        ulong checksum = hotPath.Prepare();
        checksum += hotPath.Run(iterations);
        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{id} {iterations} checksum={checksum:x16}"));
        return 0;
    }

    // Every case between marks, in one process: prepare and one call (JIT, first touch), mark, CALLS
    // operations, mark, 2 x CALLS operations, mark. icount takes the second window minus the
    // first: the cost of CALLS calls, the fixed cost of a window (the marks themselves) cancelled.
    private static int RunMarked(ParsedArguments parsed, CommandContext context)
    {
        var cases = new List<(HotPath HotPath, long Calls)>();
        for (int i = 0; i < parsed.Positionals.Count; i++)
        {
            string pair = parsed.Positional(i, "ID=CALLS");
            int equals = pair.LastIndexOf('=');
            if (equals <= 0 || !long.TryParse(pair.AsSpan(equals + 1), NumberStyles.None, CultureInfo.InvariantCulture, out long calls) || calls < 1)
                throw new UsageException($"--marked: '{pair}' is not ID=CALLS with CALLS a positive integer");
            string id = pair[..equals];
            cases.Add((HotPathCatalog.Create(id) ?? throw new UsageException($"unknown hot path '{id}'"), calls));
        }

        if (cases.Count == 0)
            throw new UsageException("--marked needs at least one ID=CALLS");

        ulong checksum = 0;
        int unaligned = 0;
        for (int k = 0; k < cases.Count; k++)
        {
            (HotPath hotPath, long calls) = cases[k];
            // The same heap for every case, whatever ran before it (HeapAlignment says why);
            // reflection first, so that only the fixture is allocated after the alignment.
            hotPath.Bind();
            unaligned += HeapAlignment.Reset() ? 0 : 1;
            // Prepare runs the operation once; Run's own loop is compiled on its first call.
            checksum += hotPath.Prepare();
            checksum += hotPath.Run(1);
            CallgrindMark.Here();
            checksum += hotPath.Run(calls);
            CallgrindMark.Here();
            checksum += hotPath.Run(2 * calls);
            CallgrindMark.Here();
            // The fixture goes with the case: the next case's Reset leaves no trace of it.
            cases[k] = default;
        }

        if (unaligned > 0)
            context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"nvbench: drive: the heap could not be aligned before {unaligned} case(s); their counts may depend on the cases before them"));
        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"marked {cases.Count} case(s), {3 * cases.Count} marks, checksum={checksum:x16}"));
        return 0;
    }

    private static string DescribeIds()
    {
        var text = new System.Text.StringBuilder();
        foreach (string id in (IEnumerable<string>)[.. HotPathCatalog.Ids, .. HotPathCatalog.NativeIds])
            text.Append(CultureInfo.InvariantCulture, $"  {id,-17} {HotPathCatalog.Create(id)!.Description}\n");
        return text.ToString();
    }
}
