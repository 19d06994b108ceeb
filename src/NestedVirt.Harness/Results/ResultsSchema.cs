using System.Globalization;
using System.Text.Json;
using NestedVirt.Harness.Cli;

namespace NestedVirt.Harness.Results;

/// <summary>
/// Structural checks on a parsed results file before it is deserialized: the schema version
/// this reader understands, and the fields without which a run cannot be compared (when it ran,
/// which commit, which machine, which benchmarks). Everything else is optional so that older
/// files of the same schema version stay readable.
/// </summary>
internal static class ResultsSchema
{
    /// <summary>Throws a one-line <see cref="HarnessException"/> naming the file and the first problem found.</summary>
    /// <param name="root">The document's root element.</param>
    /// <param name="path">The file, as the user named it.</param>
    public static void Check(JsonElement root, string path)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Fail(path, $"is not a results envelope (top level is {Describe(root.ValueKind)}, expected an object)");
        }

        CheckSchemaVersion(root, path);
        Require(root, "timestampUtc", JsonValueKind.String, "", path);
        Require(root, "machineId", JsonValueKind.String, "", path);
        JsonElement git = Require(root, "git", JsonValueKind.Object, "", path);
        Require(git, "commit", JsonValueKind.String, "git.", path);
        JsonElement benchmarks = Require(root, "benchmarks", JsonValueKind.Array, "", path);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        int index = 0;
        foreach (JsonElement benchmark in benchmarks.EnumerateArray())
        {
            string prefix = $"benchmarks[{index.ToString(CultureInfo.InvariantCulture)}]";
            if (benchmark.ValueKind != JsonValueKind.Object)
            {
                throw Fail(path, $"field '{prefix}' should be an object, not {Describe(benchmark.ValueKind)}");
            }

            CheckBenchmarkId(Require(benchmark, "id", JsonValueKind.String, prefix + ".", path), prefix, ids, path);
            index++;
        }

        ResultsRanges.Check(root, path);
    }

    // compare and history match benchmarks by id: an empty or repeated id cannot be matched.
    private static void CheckBenchmarkId(JsonElement idElement, string prefix, HashSet<string> ids, string path)
    {
        string id = idElement.GetString()!;
        if (id.Trim().Length == 0)
        {
            throw Fail(path, $"field '{prefix}.id' is empty");
        }

        if (!ids.Add(id))
        {
            throw Fail(path, $"lists benchmark id '{id}' twice (again at '{prefix}')");
        }
    }

    private static void CheckSchemaVersion(JsonElement root, string path)
    {
        JsonElement version = Require(root, "schemaVersion", JsonValueKind.Number, "", path);
        if (!version.TryGetInt32(out int value))
        {
            throw Fail(path, $"has schema version {version.GetRawText()}, which is not an integer");
        }

        if (value > ResultsEnvelope.CurrentSchemaVersion)
        {
            throw Fail(path, $"has schema version {value}, newer than the {ResultsEnvelope.CurrentSchemaVersion} this nvbench reads; update nvbench");
        }

        if (value != ResultsEnvelope.CurrentSchemaVersion)
        {
            throw Fail(path, $"has unsupported schema version {value} (this nvbench reads {ResultsEnvelope.CurrentSchemaVersion})");
        }
    }

    private static JsonElement Require(JsonElement parent, string name, JsonValueKind kind, string prefix, string path)
    {
        if (!parent.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            throw Fail(path, $"is missing required field '{prefix}{name}'");
        }

        if (value.ValueKind != kind)
        {
            throw Fail(path, $"field '{prefix}{name}' should be {Describe(kind)}, not {Describe(value.ValueKind)}");
        }

        return value;
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static HarnessException Fail(string path, string problem) => new($"results file '{path}' {problem}");
}
