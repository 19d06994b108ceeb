using System.Text.Json;
using System.Text.Json.Nodes;

namespace NestedVirt.Harness.Results;

/// <summary>
/// How an envelope is laid out in its file: readable JSON (see <see cref="ReadableJsonWriter"/>)
/// with BenchmarkDotNet's reports packed (see <see cref="PackedReports"/>). Loading reverses the
/// packing, so an envelope written and loaded again is the same envelope.
/// </summary>
internal static class EnvelopeFileFormat
{
    /// <summary>Writes the file's bytes.</summary>
    /// <param name="envelope">The run.</param>
    /// <param name="destination">Not flushed or closed.</param>
    public static void Write(ResultsEnvelope envelope, Stream destination) => Write(envelope, destination, null);

    /// <summary>
    /// Writes the file's bytes with reports packed earlier (<see cref="PackedReports.Pack(JsonArray)"/>)
    /// in place of the envelope's own: Brotli's best quality takes about a second, which a
    /// generator writing thousands of runs with the same reports pays once.
    /// </summary>
    /// <param name="envelope">The run; its own reports are ignored when <paramref name="packedReports"/> is given.</param>
    /// <param name="destination">Not flushed or closed.</param>
    /// <param name="packedReports">The packed field's value, or null to pack the envelope's reports.</param>
    public static void Write(ResultsEnvelope envelope, Stream destination, JsonObject? packedReports)
    {
        JsonObject node = JsonSerializer.SerializeToNode(envelope, ResultsJson.Options)!.AsObject();
        if (packedReports is null)
        {
            PackedReports.Pack(node);
        }
        else
        {
            node.Remove(PackedReports.PlainFieldName);
            node[PackedReports.FieldName] = packedReports.DeepClone();
        }

        ReadableJsonWriter.Write(node, destination);
    }

    /// <summary>The file's bytes, as <see cref="Write(ResultsEnvelope, Stream)"/> writes them.</summary>
    /// <param name="envelope">The run.</param>
    public static byte[] ToBytes(ResultsEnvelope envelope)
    {
        using var buffer = new MemoryStream();
        Write(envelope, buffer);
        return buffer.ToArray();
    }

    /// <summary>Adds the packed reports of a loaded file, if it has any, to the envelope.</summary>
    /// <param name="root">The file's root element.</param>
    /// <param name="envelope">The envelope deserialized from it.</param>
    /// <param name="path">The file, for messages.</param>
    public static void UnpackReports(JsonElement root, ResultsEnvelope envelope, string path)
    {
        if (root.TryGetProperty(PackedReports.FieldName, out JsonElement packed) && packed.ValueKind != JsonValueKind.Null)
        {
            envelope.BenchmarkDotNet.AddRange(PackedReports.Unpack(packed, path));
        }
    }
}
