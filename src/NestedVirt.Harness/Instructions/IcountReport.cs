namespace NestedVirt.Harness.Instructions;

/// <summary>The outcome of an <c>icount</c> run: every sample, where they were counted, and what was skipped.</summary>
public sealed class IcountReport
{
    /// <summary>The C# hot path the C walker is compared with.</summary>
    public const string NativeComparedId = "walk.ept.1d.4l";

    /// <summary>Set when nothing was counted (no valgrind): the reason, one line.</summary>
    public string? Skipped { get; init; }

    /// <summary>.NET runtime that ran the drivers (<c>RuntimeInformation.FrameworkDescription</c>).</summary>
    public string Runtime { get; init; } = "";

    /// <summary>CPU model; JIT code generation depends on its instruction-set extensions.</summary>
    public string Cpu { get; init; } = "";

    /// <summary>N.</summary>
    public long Iterations { get; init; }

    /// <summary>Environment the .NET drivers ran with.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Every C# sample, ids in order, repeats of one id together.</summary>
    public IReadOnlyList<IcountSample> Samples { get; init; } = [];

    /// <summary>The C walker's samples (id <c>walk.ept.1d.4l.c</c>); empty when skipped.</summary>
    public IReadOnlyList<IcountSample> Native { get; init; } = [];

    /// <summary>Why the C walker was skipped, or null.</summary>
    public string? NativeSkipped { get; init; }

    /// <summary>The ids counted, in order, each once.</summary>
    public IReadOnlyList<string> Ids()
    {
        var ids = new List<string>();
        foreach (IcountSample sample in Samples)
        {
            if (!ids.Contains(sample.Id))
            {
                ids.Add(sample.Id);
            }
        }

        return ids;
    }

    /// <summary>Mean instructions per operation of one id over its repeats, or null when not counted.</summary>
    /// <param name="id">Hot-path id.</param>
    public double? PerOperation(string id) => Mean(Of(Samples, id));

    /// <summary>Largest minus smallest instructions per operation over the repeats of one id (0 for one repeat).</summary>
    /// <param name="id">Hot-path id.</param>
    public double Spread(string id) => SpreadOf(Of(Samples, id));

    /// <summary>The C walker's mean instructions per walk, or null.</summary>
    public double? NativePerOperation => Mean(Native);

    /// <summary>The C walker's spread over repeats.</summary>
    public double NativeSpread => SpreadOf(Native);

    /// <summary>C# instructions per 1-D EPT walk divided by the C walker's, or null when either is missing.</summary>
    public double? NativeRatio =>
        PerOperation(NativeComparedId) is double managed && NativePerOperation is double native && native > 0 ? managed / native : null;

    private static List<IcountSample> Of(IReadOnlyList<IcountSample> samples, string id)
    {
        var list = new List<IcountSample>();
        foreach (IcountSample sample in samples)
        {
            if (sample.Id == id)
            {
                list.Add(sample);
            }
        }

        return list;
    }

    private static double? Mean(IReadOnlyList<IcountSample> samples)
    {
        if (samples.Count == 0)
        {
            return null;
        }

        double sum = 0;
        foreach (IcountSample sample in samples)
        {
            sum += sample.InstructionsPerOp;
        }

        return sum / samples.Count;
    }

    private static double SpreadOf(IReadOnlyList<IcountSample> samples)
    {
        if (samples.Count == 0)
        {
            return 0;
        }

        double min = double.MaxValue, max = double.MinValue;
        foreach (IcountSample sample in samples)
        {
            min = Math.Min(min, sample.InstructionsPerOp);
            max = Math.Max(max, sample.InstructionsPerOp);
        }

        return max - min;
    }
}
