using System.Globalization;
using System.Text.Json;
using NestedVirt.Harness.Cli;

namespace NestedVirt.Harness.Results;

/// <summary>
/// Loads one results file. Every problem (missing, unreadable, empty, truncated, corrupt, wrong
/// schema, missing fields, wrong field types) becomes a one-line <see cref="HarnessException"/>
/// that names the file and, for JSON errors, the line and byte.
/// </summary>
internal static class ResultsReader
{
    /// <summary>Reads, checks and deserializes an envelope.</summary>
    /// <param name="path">The file, as the user named it (used verbatim in messages).</param>
    /// <returns>The envelope.</returns>
    public static ResultsEnvelope Load(string path) => Read(path, unpackReports: true, static (_, envelope) => envelope);

    /// <summary>
    /// Reads and checks a file and hands its root element and envelope to <paramref name="project"/>
    /// while the document is alive. Without <paramref name="unpackReports"/> the BenchmarkDotNet
    /// reports stay packed (the results index never needs them, and unpacking is most of the cost).
    /// </summary>
    /// <typeparam name="T">What the caller keeps.</typeparam>
    /// <param name="path">The file, as the user named it.</param>
    /// <param name="unpackReports">Fill <see cref="ResultsEnvelope.BenchmarkDotNet"/> from the packed field.</param>
    /// <param name="project">Reads what it needs; must not keep the root element.</param>
    public static T Read<T>(string path, bool unpackReports, Func<JsonElement, ResultsEnvelope, T> project) =>
        Read(ReadAll(path), path, unpackReports, project);

    /// <summary>As <see cref="Read{T}(string, bool, Func{JsonElement, ResultsEnvelope, T})"/> for bytes from elsewhere (a git tree, an archive).</summary>
    /// <typeparam name="T">What the caller keeps.</typeparam>
    /// <param name="bytes">The file's content.</param>
    /// <param name="path">How messages name the file.</param>
    /// <param name="unpackReports">Fill <see cref="ResultsEnvelope.BenchmarkDotNet"/> from the packed field.</param>
    /// <param name="project">Reads what it needs; must not keep the root element.</param>
    public static T Read<T>(byte[] bytes, string path, bool unpackReports, Func<JsonElement, ResultsEnvelope, T> project)
    {
        ReadOnlyMemory<byte> json = SkipByteOrderMark(bytes);
        if (IsBlank(json.Span))
        {
            throw new HarnessException($"results file '{path}' is empty");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw DescribeSyntaxError(path, json.Span, ex);
        }

        using (document)
        {
            ResultsSchema.Check(document.RootElement, path);
            ResultsEnvelope envelope = Deserialize(json, path);
            if (unpackReports)
            {
                EnvelopeFileFormat.UnpackReports(document.RootElement, envelope, path);
            }

            return project(document.RootElement, envelope);
        }
    }

    private static ResultsEnvelope Deserialize(ReadOnlyMemory<byte> json, string path)
    {
        try
        {
            ResultsEnvelope envelope = JsonSerializer.Deserialize<ResultsEnvelope>(json.Span, ResultsJson.Options)
                ?? throw new HarnessException($"results file '{path}' holds null");

            // Files written before a parameter was renamed match today's names.
            for (int i = 0; i < envelope.Benchmarks.Count; i++)
            {
                envelope.Benchmarks[i] = BenchmarkName.Upgrade(envelope.Benchmarks[i]);
            }

            return envelope;
        }
        catch (JsonException ex)
        {
            // The text is valid JSON (it parsed above), so this is a value of the wrong type.
            string field = string.IsNullOrEmpty(ex.Path) ? "" : $" in field {ex.Path}";
            throw new HarnessException(
                $"results file '{path}' has a bad value at {Where(ex)}{field}: {Reason(ex.Message)}", innerException: ex);
        }
    }

    // Bounded: "compare /dev/zero" once read until memory ran out (issue 11).
    private static byte[] ReadAll(string path)
    {
        BoundedRead read = BoundedFile.Read(path);
        return read.Status switch
        {
            BoundedReadStatus.Ok => read.Bytes,
            BoundedReadStatus.Missing => throw new HarnessException($"results file '{path}' does not exist"),
            BoundedReadStatus.Folder => throw new HarnessException($"'{path}' is a folder, not a results file"),
            BoundedReadStatus.TooLarge => throw new HarnessException(
                $"results file '{path}' is larger than {BoundedFile.Describe(BoundedFile.DefaultLimitBytes)}; a results file is a few MB at most"),
            _ => throw new HarnessException($"cannot read results file '{path}': {read.Error}"),
        };
    }

    private static HarnessException DescribeSyntaxError(string path, ReadOnlySpan<byte> json, JsonException ex)
    {
        if (ex.LineNumber is long line && ex.BytePositionInLine is long column && IsAtEnd(json, line, column))
        {
            return new HarnessException($"results file '{path}' is truncated (the JSON ends early at {Where(ex)})", innerException: ex);
        }

        return new HarnessException($"results file '{path}' is not valid JSON at {Where(ex)}: {Reason(ex.Message)}", innerException: ex);
    }

    // JsonException positions are 0-based; people count lines and columns from 1.
    private static string Where(JsonException ex) =>
        string.Create(CultureInfo.InvariantCulture, $"line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1}");

    // System.Text.Json appends " Path: $.x | LineNumber: 3 | BytePositionInLine: 4." to its
    // messages; we print the position ourselves, 1-based.
    private static string Reason(string message)
    {
        int cut = message.Length;
        foreach (string marker in (ReadOnlySpan<string>)[" Path: ", " LineNumber: "])
        {
            int at = message.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0 && at < cut)
            {
                cut = at;
            }
        }

        return HarnessException.OneLine(message[..cut]).TrimEnd('.');
    }

    // The reader stopped at or past the last non-blank byte: the text was cut, not garbled.
    private static bool IsAtEnd(ReadOnlySpan<byte> json, long lineIndex, long byteInLine)
    {
        long offset = 0;
        for (long seen = 0; seen < lineIndex && offset < json.Length; offset++)
        {
            if (json[(int)offset] == (byte)'\n')
            {
                seen++;
            }
        }

        offset += byteInLine;
        int end = json.Length;
        while (end > 0 && IsBlankByte(json[end - 1]))
        {
            end--;
        }

        // A file cut right after a separator ("a": 1,) is reported at that separator.
        return offset >= end || (offset == end - 1 && json[end - 1] is (byte)',' or (byte)':');
    }

    private static ReadOnlyMemory<byte> SkipByteOrderMark(byte[] bytes) =>
        bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? bytes.AsMemory(3) : bytes;

    private static bool IsBlank(ReadOnlySpan<byte> json)
    {
        foreach (byte b in json)
        {
            if (!IsBlankByte(b))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsBlankByte(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';
}
