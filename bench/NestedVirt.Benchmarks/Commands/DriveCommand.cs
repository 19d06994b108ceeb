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
    /// <summary>The verb.</summary>
    public const string VerbName = "drive";

    /// <inheritdoc/>
    public string Name => VerbName;

    /// <inheritdoc/>
    public string Summary => "internal: run one hot path N times (icount's driver)";

    /// <inheritdoc/>
    public string Help =>
        "usage: nvbench drive <hot-path-id> <iterations>\n\n" +
        "Internal driver for 'nvbench icount': builds one hot path's fixture,\n" +
        "runs the operation once over its input (JIT and first-touch costs),\n" +
        "then N more times, prints '<id> <N> checksum=<hex>' and exits.\n\n" +
        "hot paths:\n" + DescribeIds() +
        "\nexample:\n  nvbench drive walk.ept.1d.4l 20000\n";

    /// <inheritdoc/>
    public int Run(IReadOnlyList<string> args, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        ParsedArguments parsed = new OptionSet().Parse(args);
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

    private static string DescribeIds()
    {
        var text = new System.Text.StringBuilder();
        foreach (string id in (IEnumerable<string>)[.. HotPathCatalog.Ids, .. HotPathCatalog.NativeIds])
            text.Append(CultureInfo.InvariantCulture, $"  {id,-17} {HotPathCatalog.Create(id)!.Description}\n");
        return text.ToString();
    }
}
