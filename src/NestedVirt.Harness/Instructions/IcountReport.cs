namespace NestedVirt.Harness.Instructions;

/// <summary>The outcome of an <c>icount</c> run: every sample, where they were counted, and what was skipped.</summary>
public sealed class IcountReport
{
    /// <summary>What a C reference walker's id adds to the id of the C# hot path it stands beside.</summary>
    public const string NativeSuffix = ".c";

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

    /// <summary>The C reference walkers' samples (ids ending in <see cref="NativeSuffix"/>); empty when skipped.</summary>
    public IReadOnlyList<IcountSample> Native { get; init; } = [];

    /// <summary>Why the C walkers were skipped, or null.</summary>
    public string? NativeSkipped { get; init; }

    /// <summary>The C# ids counted, in order, each once.</summary>
    public IReadOnlyList<string> Ids() => DistinctIds(Samples);

    /// <summary>The C walkers' ids counted, in order, each once.</summary>
    public IReadOnlyList<string> NativeIds() => DistinctIds(Native);

    /// <summary>Mean instructions per operation of one id over its repeats, or null when not counted.</summary>
    /// <param name="id">Hot-path id.</param>
    public double? PerOperation(string id) => Mean(Of(Samples, id));

    /// <summary>Largest minus smallest instructions per operation over the repeats of one id (0 for one repeat).</summary>
    /// <param name="id">Hot-path id.</param>
    public double Spread(string id) => SpreadOf(Of(Samples, id));

    /// <summary>Mean instructions per walk of one C walker over its repeats, or null when not counted.</summary>
    /// <param name="nativeId">A C walker's id.</param>
    public double? NativePerOperation(string nativeId) => Mean(Of(Native, nativeId));

    /// <summary>Spread of one C walker over its repeats.</summary>
    /// <param name="nativeId">A C walker's id.</param>
    public double NativeSpread(string nativeId) => SpreadOf(Of(Native, nativeId));

    /// <summary>C# instructions per operation of <paramref name="id"/> over its C walker's, or null when either is missing.</summary>
    /// <param name="id">A C# hot path's id.</param>
    public double? NativeRatio(string id) =>
        PerOperation(id) is double managed && NativePerOperation(id + NativeSuffix) is double native && native > 0 ? managed / native : null;

    private static List<string> DistinctIds(IReadOnlyList<IcountSample> samples)
    {
        var ids = new List<string>();
        foreach (IcountSample sample in samples)
        {
            if (!ids.Contains(sample.Id))
            {
                ids.Add(sample.Id);
            }
        }

        return ids;
    }

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
