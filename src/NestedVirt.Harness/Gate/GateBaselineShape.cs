using System.Text.Json;

namespace NestedVirt.Harness.Gate;

/// <summary>
/// Tells a gate baseline from every other JSON file before the gate reads or replaces it. Both a
/// baseline and a results file carry <c>schemaVersion: 1</c>, so the version alone let
/// <c>gate --update --baseline &lt;results file&gt;</c> replace a whole run with a baseline
/// (issue 11). A baseline is an object with a <c>counters</c> object; a results file is an
/// object with a <c>benchmarks</c> array.
/// </summary>
public static class GateBaselineShape
{
    /// <summary>Why <paramref name="json"/> is not a gate baseline, or null when it is one.</summary>
    /// <param name="json">The file's bytes (UTF-8, optionally with a byte-order mark).</param>
    /// <returns>A reason that completes "it is ...": <c>a results file, not a gate baseline</c>.</returns>
    public static string? Problem(ReadOnlySpan<byte> json)
    {
        if (json.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            json = json[3..];
        }

        if (json.Trim((ReadOnlySpan<byte>)" \t\r\n"u8).IsEmpty)
        {
            return "not a gate baseline (empty)";
        }

        try
        {
            var reader = new Utf8JsonReader(json);
            using JsonDocument document = JsonDocument.ParseValue(ref reader);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return "not a gate baseline (not a JSON object)";
            }

            if (root.TryGetProperty("benchmarks", out JsonElement benchmarks) && benchmarks.ValueKind == JsonValueKind.Array)
            {
                return "a results file, not a gate baseline";
            }

            if (!root.TryGetProperty("counters", out JsonElement counters) || counters.ValueKind != JsonValueKind.Object)
            {
                return "not a gate baseline (no 'counters' object)";
            }

            return null;
        }
        catch (JsonException)
        {
            return "not a gate baseline (not valid JSON)";
        }
    }
}
