using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NestedVirt.Harness.Results;

/// <summary>
/// Writes JSON for people who read results files in an editor or a diff: objects indented two
/// spaces as <see cref="ResultsJson"/> writes them, but an array of plain values (samples,
/// categories) on one line, so ten samples take one line instead of ten. Values are written
/// with <see cref="ResultsJson.Options"/>, so escaping and numbers are the harness's usual ones.
/// </summary>
internal static class ReadableJsonWriter
{
    /// <summary>Writes <paramref name="node"/> followed by a newline, UTF-8.</summary>
    /// <param name="node">The document.</param>
    /// <param name="destination">Not flushed or closed.</param>
    public static void Write(JsonNode node, Stream destination)
    {
        var text = new StringBuilder(1 << 16);
        Append(text, node, 0);
        text.Append('\n');
        byte[] bytes = ResultsJson.Utf8.GetBytes(text.ToString());
        destination.Write(bytes);
    }

    private static void Append(StringBuilder text, JsonNode? node, int depth)
    {
        switch (node)
        {
            case JsonObject o when o.Count == 0:
                text.Append("{}");
                break;
            case JsonObject o:
                text.Append("{\n");
                int i = 0;
                foreach (KeyValuePair<string, JsonNode?> property in o)
                {
                    Indent(text, depth + 1);
                    text.Append(JsonSerializer.Serialize(property.Key, ResultsJson.Options)).Append(": ");
                    Append(text, property.Value, depth + 1);
                    text.Append(++i < o.Count ? ",\n" : "\n");
                }

                Indent(text, depth);
                text.Append('}');
                break;
            case JsonArray a when a.Count == 0:
                text.Append("[]");
                break;
            case JsonArray a when AllScalars(a):
                text.Append('[');
                for (int j = 0; j < a.Count; j++)
                {
                    text.Append(j == 0 ? "" : ", ");
                    Append(text, a[j], depth + 1);
                }

                text.Append(']');
                break;
            case JsonArray a:
                text.Append("[\n");
                for (int j = 0; j < a.Count; j++)
                {
                    Indent(text, depth + 1);
                    Append(text, a[j], depth + 1);
                    text.Append(j + 1 < a.Count ? ",\n" : "\n");
                }

                Indent(text, depth);
                text.Append(']');
                break;
            case null:
                text.Append("null");
                break;
            default:
                text.Append(node.ToJsonString(ResultsJson.Options));
                break;
        }
    }

    private static bool AllScalars(JsonArray array)
    {
        foreach (JsonNode? item in array)
        {
            if (item is JsonObject or JsonArray)
            {
                return false;
            }
        }

        return true;
    }

    private static void Indent(StringBuilder text, int depth) => text.Append(' ', depth * 2);
}
