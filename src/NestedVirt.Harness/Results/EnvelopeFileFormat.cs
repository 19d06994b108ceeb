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
    public static void Write(ResultsEnvelope envelope, Stream destination)
    {
        JsonObject node = JsonSerializer.SerializeToNode(envelope, ResultsJson.Options)!.AsObject();
        PackedReports.Pack(node);
        ReadableJsonWriter.Write(node, destination);
    }

    /// <summary>The file's bytes, as <see cref="Write"/> writes them.</summary>
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
