using System.Text.RegularExpressions;

namespace NestedVirt.Docs.Tests.Citations;

/// <summary>
/// Finds citations in source text and reports those a reader of the repository cannot follow:
/// a rule id <c>docs/model</c> does not define, a <c>model 0N §x</c> whose page or section does
/// not exist, and citations of documents kept outside the repository.
/// </summary>
internal static partial class CitationScanner
{
    /// <summary>Directories scanned below the checkout root, and single files at the root.</summary>
    public static readonly string[] ScannedDirectories = ["src", "bench", "tests", ".ci"];

    /// <summary>Files at the checkout root that are scanned too.</summary>
    public static readonly string[] ScannedRootFiles = ["README.md", "run-bench.ps1"];

    private static readonly HashSet<string> TextExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".cs", ".c", ".h", ".txt", ".sh", ".ps1", ".py", ".md", ".csproj", ".props", ".targets", ".json", ".yml", ".yaml",
    };

    private static readonly HashSet<string> SkippedDirectories = new(StringComparer.Ordinal)
    {
        "bin", "obj", "TestResults", "BenchmarkDotNet.Artifacts", "node_modules",
    };

    /// <summary>Every finding in the files the check covers below <paramref name="root"/>.</summary>
    public static IEnumerable<Finding> ScanRepository(string root, ModelDocs docs)
    {
        foreach (string path in ScannedFiles(root))
        {
            string display = Path.GetRelativePath(root, path).Replace('\\', '/');
            foreach (Finding finding in ScanText(display, File.ReadAllText(path), docs))
                yield return finding;
        }
    }

    /// <summary>The files the check reads, in a stable order.</summary>
    public static IEnumerable<string> ScannedFiles(string root)
    {
        var files = new List<string>();
        foreach (string directory in ScannedDirectories)
        {
            string full = Path.Combine(root, directory);
            if (Directory.Exists(full))
                Collect(full, files);
        }

        foreach (string file in ScannedRootFiles)
        {
            string full = Path.Combine(root, file);
            if (File.Exists(full))
                files.Add(full);
        }

        files.Sort(StringComparer.Ordinal);
        return files;
    }

    private static void Collect(string directory, List<string> files)
    {
        foreach (string file in Directory.EnumerateFiles(directory))
        {
            if (TextExtensions.Contains(Path.GetExtension(file)))
                files.Add(file);
        }

        foreach (string sub in Directory.EnumerateDirectories(directory))
        {
            if (!SkippedDirectories.Contains(Path.GetFileName(sub)))
                Collect(sub, files);
        }
    }

    /// <summary>The findings in one file's text; <paramref name="display"/> names the file in messages.</summary>
    public static IEnumerable<Finding> ScanText(string display, string text, ModelDocs docs)
    {
        string[] lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            foreach (Match id in RuleId().Matches(line))
            {
                if (!docs.Rules.ContainsKey(id.Value))
                    yield return new Finding(display, i + 1, FindingKind.UndefinedRule, $"{id.Value} is not defined in docs/model (add it there, or fix the id)");
            }

            foreach (Match cite in ModelCitation().Matches(line))
            {
                string page = cite.Groups["page"].Value.ToLowerInvariant();
                if (!docs.Sections.TryGetValue(page, out HashSet<string>? known))
                {
                    yield return new Finding(display, i + 1, FindingKind.UnknownSection, $"'{cite.Value}': docs/model has no page {page}");
                    continue;
                }

                foreach (Capture section in cite.Groups["section"].Captures)
                {
                    if (!known.Contains(section.Value))
                        yield return new Finding(display, i + 1, FindingKind.UnknownSection, $"'{cite.Value}': page {page} of docs/model has no section {section.Value}");
                }
            }

            foreach (Match outside in OutsideCitation().Matches(line))
                yield return new Finding(display, i + 1, FindingKind.OutsideCitation, $"'{outside.Value}' points outside the repository; {Suggestion(outside.Value)}");
        }
    }

    /// <summary>What to write instead of a citation of a document outside the repository.</summary>
    public static string Suggestion(string outside)
    {
        Match spec = SpecPage().Match(outside);
        if (spec.Success)
            return $"write 'model {spec.Groups["page"].Value}' (docs/model/{spec.Groups["page"].Value}-*.md; sections as 'model {spec.Groups["page"].Value} §x')";
        if (outside.StartsWith("sources", StringComparison.OrdinalIgnoreCase))
            return "write 'model sources §5.n' (docs/model/sources.md)";
        if (RuleId().IsMatch(outside))
            return "cite the rule id alone; docs/model defines it";
        return "cite the docs/model page that records the fact ('model 0N §x', 'model sources §5.n', or a rule id)";
    }

    /// <summary>The rule ids cited on one line.</summary>
    public static IEnumerable<string> RuleIdsIn(string line) => RuleId().Matches(line).Select(m => m.Value);

    // A rule id: one family letter, a dash, two digits and an optional letter (N-04a), not part
    // of a longer word ("1E-05" is a number, not E-05).
    [GeneratedRegex(@"(?<![\w-])[BCDEGHNRW]-\d{2}[a-z]?(?![\w-])")]
    private static partial Regex RuleId();

    // "model 01", "Model 01 §3.3", "model 03 §1, §3 and §4", "model 04 section 4",
    // "model sources §5.7".
    [GeneratedRegex(@"\bmodel\s+(?<page>\d{2}|sources)\b(?:\s+(?:sections\s+(?<section>\d+(?:\.\d+)*)(?:\s*(?:,|and|or)\s*(?<section>\d+(?:\.\d+)*)\b)*|(?:§\s?|section\s+)(?<section>\d+(?:\.\d+)*)(?:\s*(?:,|and|or|/)\s*§\s?(?<section>\d+(?:\.\d+)*))*))?", RegexOptions.IgnoreCase)]
    private static partial Regex ModelCitation();

    [GeneratedRegex(@"^specs?\s+(?<page>0\d)$", RegexOptions.IgnoreCase)]
    private static partial Regex SpecPage();

    // Documents that live outside the repository: the team's spec files and notes.
    [GeneratedRegex(@"\bspecs?\s+(?:0\d\b|§|section\b|[BCDEGHNRW]-\d{2})|shared/(?:spec|notes)\b|\bsources\s+note\b|\b(?:harness|aesthetics)\s+anchors\b|\banchors\s+\d|\bconventions\s+§", RegexOptions.IgnoreCase)]
    private static partial Regex OutsideCitation();
}
