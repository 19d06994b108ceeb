using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace NestedVirt.Harness.Results;

/// <summary>
/// The one JSON dialect of the harness: camelCase property names, indented, enums as camelCase
/// strings, dictionary keys kept as written (they are data: counter and parameter names), and
/// <c>NaN</c>/<c>Infinity</c> written as strings so a degenerate statistic cannot abort a run.
/// System.Text.Json formats numbers with the invariant culture whatever the thread culture is.
/// </summary>
public static class ResultsJson
{
    /// <summary>The shared, read-only serializer options.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions(indented: true);

    /// <summary>As <see cref="Options"/> without indentation, for JSON that only programs read.</summary>
    public static JsonSerializerOptions CompactOptions { get; } = CreateOptions(indented: false);

    /// <summary>Serializes a value as indented JSON text ending in a newline.</summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="value">Any serializable value (an envelope, a report).</param>
    /// <returns>The JSON text.</returns>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options) + "\n";

    /// <summary>Serializes a value as indented UTF-8 JSON followed by a newline.</summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="value">Any serializable value.</param>
    /// <param name="destination">Where the bytes go; not flushed or closed.</param>
    public static void Serialize<T>(T value, Stream destination)
    {
        JsonSerializer.Serialize(destination, value, Options);
        destination.WriteByte((byte)'\n');
    }

    /// <summary>Deserializes JSON text with the harness options.</summary>
    /// <typeparam name="T">The expected type.</typeparam>
    /// <param name="json">The text.</param>
    /// <returns>The value, or null for a JSON <c>null</c>.</returns>
    /// <exception cref="JsonException">Malformed JSON or mismatched types.</exception>
    public static T? Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Options);

    /// <summary>The UTF-8 encoding without a byte-order mark, used for every file the harness writes.</summary>
    public static Encoding Utf8 { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    private static JsonSerializerOptions CreateOptions(bool indented)
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DictionaryKeyPolicy = null,
            WriteIndented = indented,
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.MakeReadOnly();
        return options;
    }
}
