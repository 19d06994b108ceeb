using System.Text.RegularExpressions;

namespace NestedVirt.Docs.Tests.Citations;

/// <summary>Where a rule id is defined: the page file and the heading's line.</summary>
internal sealed record RuleDefinition(string Id, string File, int Line);

/// <summary>What kind of problem a <see cref="Finding"/> is.</summary>
internal enum FindingKind
{
    /// <summary>Code cites a rule id that no model page defines.</summary>
    UndefinedRule,

    /// <summary>Code cites a model page or section that does not exist.</summary>
    UnknownSection,

    /// <summary>Code cites a document kept outside the repository.</summary>
    OutsideCitation,

    /// <summary>A model page itself is malformed (duplicate id, rule without source, broken link).</summary>
    PageProblem,
}

/// <summary>A problem found in a file: its path, 1-based line, kind and what is wrong.</summary>
internal sealed record Finding(string File, int Line, FindingKind Kind, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => $"{File}:{Line}: {Message}";
}

/// <summary>
/// The pages of <c>docs/model/</c> as the citation check sees them: which rule ids they define
/// (a heading that starts with the id), which sections each numbered page has, and the problems
/// of the pages themselves (an id defined twice, a rule without a <c>Source:</c> line, a link to
/// a page or anchor that does not exist).
/// </summary>
internal sealed partial class ModelDocs
{
    private readonly Dictionary<string, RuleDefinition> rules = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> sections = new(StringComparer.Ordinal);
    private readonly List<Finding> problems = [];

    private ModelDocs()
    {
    }

    /// <summary>Rule id to its definition.</summary>
    public IReadOnlyDictionary<string, RuleDefinition> Rules => rules;

    /// <summary>Problems of the pages themselves.</summary>
    public IReadOnlyList<Finding> Problems => problems;

    /// <summary>Page keys ("01".."09", "sources") to their section numbers ("3", "3.1", ...).</summary>
    public IReadOnlyDictionary<string, HashSet<string>> Sections => sections;

    /// <summary>Reads every page of <paramref name="modelDirectory"/>; <paramref name="displayRoot"/> shortens paths in messages.</summary>
    public static ModelDocs Load(string modelDirectory, string displayRoot)
    {
        var docs = new ModelDocs();
        var anchors = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        var pages = Directory.GetFiles(modelDirectory, "*.md").Order(StringComparer.Ordinal).ToArray();
        var lines = pages.ToDictionary(p => p, File.ReadAllLines, StringComparer.Ordinal);
        foreach (string page in pages)
        {
            IReadOnlyList<Heading> headings = Markdown.Headings(lines[page]);
            anchors[Path.GetFileName(page)] = Markdown.Anchors(headings);
            docs.ReadPage(Path.GetRelativePath(displayRoot, page), Path.GetFileName(page), lines[page], headings);
        }

        foreach (string page in pages)
            docs.CheckLinks(Path.GetRelativePath(displayRoot, page), modelDirectory, lines[page], anchors);
        return docs;
    }

    private void ReadPage(string display, string fileName, string[] lines, IReadOnlyList<Heading> headings)
    {
        string? key = PageKey(fileName);
        if (key is not null)
            sections[key] = new HashSet<string>(StringComparer.Ordinal);
        for (int h = 0; h < headings.Count; h++)
        {
            Heading heading = headings[h];
            Match section = SectionNumber().Match(heading.Text);
            if (key is not null && section.Success)
                sections[key].Add(section.Groups["number"].Value);
            Match rule = RuleHeading().Match(heading.Text);
            if (!rule.Success)
                continue;
            string id = rule.Groups["id"].Value;
            if (rules.TryGetValue(id, out RuleDefinition? first))
                problems.Add(new Finding(display, heading.Line, FindingKind.PageProblem, $"{id} is defined again (first at {first.File}:{first.Line})"));
            else
                rules[id] = new RuleDefinition(id, display, heading.Line);
            int end = h + 1 < headings.Count ? headings[h + 1].Line - 1 : lines.Length;
            bool hasSource = lines[heading.Line..end].Any(l => l.StartsWith("Source:", StringComparison.Ordinal) || l.StartsWith("Sources:", StringComparison.Ordinal));
            if (!hasSource)
                problems.Add(new Finding(display, heading.Line, FindingKind.PageProblem, $"{id} has no 'Source:' line naming where the rule comes from"));
        }
    }

    private void CheckLinks(string display, string modelDirectory, string[] lines, Dictionary<string, IReadOnlySet<string>> anchors)
    {
        for (int i = 0; i < lines.Length; i++)
        {
            foreach (string target in Markdown.LinkTargets(lines[i]))
            {
                int hash = target.IndexOf('#', StringComparison.Ordinal);
                string file = hash < 0 ? target : target[..hash];
                string anchor = hash < 0 ? "" : target[(hash + 1)..];
                string fileName = file.Length == 0 ? Path.GetFileName(display) : file;
                if (file.Length > 0 && !File.Exists(Path.Combine(modelDirectory, file)) && !Directory.Exists(Path.Combine(modelDirectory, file)))
                    problems.Add(new Finding(display, i + 1, FindingKind.PageProblem, $"link to '{target}': no such file"));
                else if (anchor.Length > 0 && anchors.TryGetValue(fileName, out IReadOnlySet<string>? known) && !known.Contains(anchor))
                    problems.Add(new Finding(display, i + 1, FindingKind.PageProblem, $"link to '{target}': {fileName} has no heading with anchor '{anchor}'"));
            }
        }
    }

    /// <summary>"01-exit-dispatch.md" is page "01", "sources.md" is page "sources", the index has no key.</summary>
    public static string? PageKey(string fileName)
    {
        if (fileName == "sources.md")
            return "sources";
        Match match = NumberedPage().Match(fileName);
        return match.Success ? match.Groups["key"].Value : null;
    }

    [GeneratedRegex(@"^(?<id>[BCDEGHNRW]-\d{2}[a-z]?)(?![\w-])")]
    private static partial Regex RuleHeading();

    [GeneratedRegex(@"^(?<number>\d+(?:\.\d+)*)\.?\s")]
    private static partial Regex SectionNumber();

    [GeneratedRegex(@"^(?<key>\d{2})-[\w-]+\.md$")]
    private static partial Regex NumberedPage();
}
