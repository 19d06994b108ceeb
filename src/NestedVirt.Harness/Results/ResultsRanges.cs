using System.Globalization;
using System.Text.Json;
using NestedVirt.Harness.Cli;

namespace NestedVirt.Harness.Results;

/// <summary>
/// Checks every number a verb reads from a results file against <see cref="ResultsLimits"/>
/// before anything is computed from it: samples, medians, means, modelled latencies, bytes
/// allocated, counters, the cost table, instruction counts, load and CPU count. A missing
/// optional number is fine; a present one must be in range. Named floating-point literals
/// (<c>"NaN"</c>, <c>"Infinity"</c>), which the serializer accepts, are refused here.
/// </summary>
internal static class ResultsRanges
{
    private const string Ns = "a finite number of ns";
    private const string Count = "a finite count";

    /// <summary>Throws a one-line <see cref="HarnessException"/> naming the file, the field and the value.</summary>
    /// <param name="root">The envelope (already known to be an object with a benchmarks array).</param>
    /// <param name="path">The file as the user named it.</param>
    public static void Check(JsonElement root, string path)
    {
        JsonElement benchmarks = root.GetProperty("benchmarks");
        if (benchmarks.GetArrayLength() > ResultsLimits.MaxBenchmarks)
        {
            throw Fail(path, $"field 'benchmarks' holds more than {ResultsLimits.MaxBenchmarks} benchmarks");
        }

        int index = 0;
        foreach (JsonElement benchmark in benchmarks.EnumerateArray())
        {
            string prefix = $"benchmarks[{Invariant(index++)}]";
            CheckSamples(benchmark, prefix, path);
            Optional(benchmark, "medianNs", prefix, Ns, ResultsLimits.MaxNanoseconds, path);
            Optional(benchmark, "meanNs", prefix, Ns, ResultsLimits.MaxNanoseconds, path);
            Optional(benchmark, "modelledNs", prefix, Ns, ResultsLimits.MaxNanoseconds, path);
            Optional(benchmark, "allocatedBytesPerOp", prefix, "a whole number of bytes", ResultsLimits.MaxCount, path, whole: true);
            Map(benchmark, "counters", prefix, Count, ResultsLimits.MaxCount, path);
        }

        if (Object(root, "state") is JsonElement state)
        {
            Optional(state, "loadAverage1", "state", "a finite load", ResultsLimits.MaxCpus, path);
        }

        if (Object(root, "machine") is JsonElement machine)
        {
            Optional(machine, "logicalCores", "machine", "a whole number of CPUs", ResultsLimits.MaxCpus, path, whole: true);
        }

        if (Object(root, "costTable") is JsonElement costTable)
        {
            Map(costTable, "nanosecondsPerEvent", "costTable", Ns, ResultsLimits.MaxNanoseconds, path);
        }

        if (root.TryGetProperty("instructionCounts", out JsonElement counts) && counts.ValueKind == JsonValueKind.Array)
        {
            int i = 0;
            foreach (JsonElement count in counts.EnumerateArray())
            {
                if (count.ValueKind == JsonValueKind.Object)
                {
                    Optional(count, "instructionsPerOp", $"instructionCounts[{Invariant(i)}]", Count, ResultsLimits.MaxCount, path);
                }

                i++;
            }
        }
    }

    // Samples feed every median and rank test; a single bad one is a corrupt file.
    private static void CheckSamples(JsonElement benchmark, string prefix, string path)
    {
        if (!benchmark.TryGetProperty("samplesNs", out JsonElement samples) || samples.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        if (samples.GetArrayLength() > ResultsLimits.MaxSamples)
        {
            throw Fail(path, $"field '{prefix}.samplesNs' holds more than {ResultsLimits.MaxSamples} samples");
        }

        int index = 0;
        foreach (JsonElement sample in samples.EnumerateArray())
        {
            InRange(sample, $"{prefix}.samplesNs[{Invariant(index++)}]", Ns, ResultsLimits.MaxNanoseconds, path, whole: false);
        }
    }

    private static void Map(JsonElement parent, string name, string prefix, string what, double max, string path)
    {
        if (!parent.TryGetProperty(name, out JsonElement map) || map.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (JsonProperty entry in map.EnumerateObject())
        {
            InRange(entry.Value, $"{prefix}.{name}.{entry.Name}", what, max, path, whole: false);
        }
    }

    private static void Optional(JsonElement parent, string name, string prefix, string what, double max, string path, bool whole = false)
    {
        if (parent.TryGetProperty(name, out JsonElement value) && value.ValueKind != JsonValueKind.Null)
        {
            InRange(value, $"{prefix}.{name}", what, max, path, whole);
        }
    }

    private static void InRange(JsonElement value, string field, string what, double max, string path, bool whole)
    {
        bool ok = value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out double number) &&
            double.IsFinite(number) && number >= 0 && number <= max && (!whole || number == Math.Floor(number));
        if (!ok)
        {
            throw Fail(path, $"field '{field}' should be {what} from 0 to {Invariant(max)}, not {value.GetRawText()}");
        }
    }

    private static JsonElement? Object(JsonElement root, string name) =>
        root.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Object ? value : null;

    private static string Invariant(double value) => value.ToString("0.################", CultureInfo.InvariantCulture);

    private static HarnessException Fail(string path, string problem) => new($"results file '{path}' {problem}");
}
