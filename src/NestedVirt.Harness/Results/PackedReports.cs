using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using NestedVirt.Harness.Cli;

namespace NestedVirt.Harness.Results;

/// <summary>
/// BenchmarkDotNet's full JSON reports as a results file stores them: one Brotli-compressed,
/// base64-encoded string under <see cref="FieldName"/>, beside a readable envelope. The reports
/// are about 93 % of a plain file and compress about 14 to 1 (their measurements repeat the
/// same keys thousands of times), which brings a quick run's file from ~480 KB to ~50 KB.
/// Files written before packing keep the reports as a plain <c>benchmarkDotNet</c> array, and
/// still load: <see cref="ResultsEnvelope.BenchmarkDotNet"/> is filled from either form.
/// </summary>
internal static class PackedReports
{
    /// <summary>The envelope field holding the packed reports.</summary>
    public const string FieldName = "benchmarkDotNetPacked";

    /// <summary>The envelope field of the plain (unpacked) reports in older files.</summary>
    public const string PlainFieldName = "benchmarkDotNet";

    /// <summary>The only encoding written and read.</summary>
    public const string Encoding = "brotli+base64";

    // Brotli's best quality: on a quick run's 248 KB of reports it gave 17.3 KB against 21.3 KB
    // at quality 9, for about a second once per stored run (measured on the development VM
    // under load); the reports are written once and never rewritten.
    private const int Quality = 11;
    private const int Window = 22;

    /// <summary>Replaces a non-empty plain report array in <paramref name="envelope"/> by its packed form.</summary>
    /// <param name="envelope">A serialized envelope, changed in place.</param>
    public static void Pack(JsonObject envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (envelope[PlainFieldName] is not JsonArray reports)
        {
            return;
        }

        envelope.Remove(PlainFieldName);
        if (reports.Count > 0)
        {
            envelope[FieldName] = Pack(reports);
        }
    }

    /// <summary>The packed field's value for a report array.</summary>
    /// <param name="reports">BenchmarkDotNet's reports.</param>
    public static JsonObject Pack(JsonArray reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(reports, ResultsJson.CompactOptions);
        return new JsonObject
        {
            ["encoding"] = Encoding,
            ["jsonBytes"] = json.Length,
            ["data"] = Convert.ToBase64String(Compress(json)),
        };
    }

    /// <summary>The reports of a packed field, as the JSON elements they were.</summary>
    /// <param name="packed">The value of <see cref="FieldName"/>.</param>
    /// <param name="path">The file, for messages.</param>
    /// <returns>The report elements (detached from any document).</returns>
    /// <exception cref="HarnessException">Unknown encoding, bad base64, corrupt or oversized data.</exception>
    public static List<JsonElement> Unpack(JsonElement packed, string path)
    {
        if (packed.ValueKind != JsonValueKind.Object
            || !packed.TryGetProperty("encoding", out JsonElement encoding) || encoding.ValueKind != JsonValueKind.String
            || !packed.TryGetProperty("jsonBytes", out JsonElement size) || !size.TryGetInt32(out int length) || length < 0
            || !packed.TryGetProperty("data", out JsonElement data) || data.ValueKind != JsonValueKind.String)
        {
            throw Corrupt(path, "should be an object with encoding, jsonBytes and data");
        }

        if (encoding.GetString() != Encoding)
        {
            throw Corrupt(path, $"has encoding '{encoding.GetString()}'; this nvbench reads '{Encoding}'");
        }

        byte[] compressed;
        try
        {
            compressed = Convert.FromBase64String(data.GetString()!);
        }
        catch (FormatException)
        {
            throw Corrupt(path, "is not valid base64");
        }

        byte[] json = Decompress(compressed, length) ?? throw Corrupt(path, $"does not decompress to the {length} bytes it declares");
        try
        {
            using JsonDocument document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw Corrupt(path, "does not hold a JSON array");
            }

            var reports = new List<JsonElement>(document.RootElement.GetArrayLength());
            foreach (JsonElement report in document.RootElement.EnumerateArray())
            {
                reports.Add(report.Clone());
            }

            return reports;
        }
        catch (JsonException ex)
        {
            throw Corrupt(path, $"holds invalid JSON ({HarnessException.OneLine(ex.Message)})");
        }
    }

    private static byte[] Compress(byte[] json)
    {
        var output = new MemoryStream(json.Length / 8);
        using (var encoder = new BrotliEncoder(Quality, Window))
        {
            byte[] buffer = new byte[1 << 16];
            ReadOnlySpan<byte> source = json;
            while (true)
            {
                System.Buffers.OperationStatus status = encoder.Compress(source, buffer, out int consumed, out int written, isFinalBlock: true);
                output.Write(buffer, 0, written);
                source = source[consumed..];
                if (status == System.Buffers.OperationStatus.Done)
                {
                    break;
                }
            }
        }

        return output.ToArray();
    }

    // Exactly `length` bytes or null: a bound on what a corrupt or hostile file can make us allocate.
    private static byte[]? Decompress(byte[] compressed, int length)
    {
        byte[] json = new byte[length];
        using var decoder = new BrotliDecoder();
        System.Buffers.OperationStatus status = decoder.Decompress(compressed, json, out int consumed, out int written);
        return status == System.Buffers.OperationStatus.Done && written == length && consumed == compressed.Length ? json : null;
    }

    private static HarnessException Corrupt(string path, string problem) =>
        new($"results file '{path}' field '{FieldName}' {problem}");
}
