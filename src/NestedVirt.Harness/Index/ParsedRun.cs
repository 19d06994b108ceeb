using NestedVirt.Harness.Results;

namespace NestedVirt.Harness.Index;

/// <summary>What one results file contributes to the index, ready to insert.</summary>
internal sealed class ParsedRun
{
    /// <summary>The file.</summary>
    public required IndexedFile File { get; init; }

    /// <summary>SHA-256 of the file's bytes, hex.</summary>
    public required string Sha256 { get; init; }

    /// <summary>The one-line load error of a corrupt file, else null (and everything below is set).</summary>
    public string? Error { get; init; }

    /// <summary>The envelope as loaded (benchmarks included, reports left packed).</summary>
    public ResultsEnvelope? Envelope { get; init; }

    /// <summary>The envelope without benchmarks and reports, compact JSON, every field the file had.</summary>
    public string? HeaderJson { get; init; }

    /// <summary>Per benchmark, in file order: its JSON without samples, median and mean.</summary>
    public IReadOnlyList<string> BodyJson { get; init; } = [];
}
