using NestedVirt.Docs.Tests.Citations;

namespace NestedVirt.Docs.Tests;

/// <summary>
/// The scanner on planted citations in a throw-away checkout, so the repository-wide tests are
/// known to fail when they should. Planted bad citations are assembled at run time: written out
/// literally they would make this file fail the repository scan.
/// </summary>
public sealed class CitationScannerTests : IDisposable
{
    private const string Page01 = """
        # 01 A test page
        ## 3. Section three
        ### 3.1 A subsection
        #### D-01 A rule with a source
        The rule.
        Source: a manual, §1.
        #### D-02 A rule without a source
        Mentions D-03 in passing, which does not define it.
        ```
        #### D-04 inside a code fence is not a heading
        ```
        """;

    private const string SourcesPage = """
        # Sources
        ## 5. Open points
        ### 5.7 A number nobody defines
        See [the rule](01-test.md#d-01-a-rule-with-a-source) and [nothing](01-test.md#no-such-heading).
        """;

    private readonly string root = Path.Combine(Path.GetTempPath(), "nv-docs-" + Guid.NewGuid().ToString("N"));
    private readonly ModelDocs docs;

    public CitationScannerTests()
    {
        string model = Path.Combine(root, "docs", "model");
        Directory.CreateDirectory(model);
        File.WriteAllText(Path.Combine(model, "01-test.md"), Page01);
        File.WriteAllText(Path.Combine(model, "sources.md"), SourcesPage);
        docs = ModelDocs.Load(model, root);
    }

    public void Dispose() => Directory.Delete(root, recursive: true);

    private static string Id(char family, string number) => $"{family}-{number}";

    private static string Cite(string page, string sections) => "model " + page + " §" + sections;

    [Fact]
    public void ADefinedIdPassesAndAnUndefinedOneIsNamedWithItsLine()
    {
        string text = "// D-01 is fine\n// so is D-01 again\n// but " + Id('D', "77") + " is not\n";
        Finding finding = Assert.Single(CitationScanner.ScanText("src/a.cs", text, docs));
        Assert.Equal(("src/a.cs", 3, FindingKind.UndefinedRule), (finding.File, finding.Line, finding.Kind));
        Assert.StartsWith(Id('D', "77") + " is not defined", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnIdMentionedOnAPageButNotAHeadingIsNotDefined()
    {
        Assert.True(docs.Rules.ContainsKey("D-02"));
        Assert.False(docs.Rules.ContainsKey("D-03"));
        Assert.False(docs.Rules.ContainsKey("D-04"));
        Assert.Equal(2, CitationScanner.ScanText("a.cs", "D-03 and D-04", docs).Count());
    }

    [Fact]
    public void ALetterSuffixIsPartOfTheIdAndNumbersAreNotIds()
    {
        Finding finding = Assert.Single(CitationScanner.ScanText("a.cs", "N-04a; 1E-05; ABC-12; X-01", docs));
        Assert.StartsWith("N-04a ", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SectionCitationsResolveAgainstTheHeadingsOfTheirPage()
    {
        string text = string.Join('\n',
            Cite("01", "3.1"), Cite("01", "3"), Cite("sources", "5.7"), "Model 01",
            Cite("01", "3.2"), Cite("02", "1"), Cite("01", "3, §9 and §3.1"), "Model 01 §" + "4",
            "model 01 sec" + "tions 3 and 5", "model 01 sec" + "tion 3.1");
        Finding[] found = CitationScanner.ScanText("a.cs", text, docs).ToArray();
        Assert.All(found, f => Assert.Equal(FindingKind.UnknownSection, f.Kind));
        Assert.Equal(new[] { 5, 6, 7, 8, 9 }, found.Select(f => f.Line));
        Assert.Contains("no section 3.2", found[0].Message, StringComparison.Ordinal);
        Assert.Contains("no page 02", found[1].Message, StringComparison.Ordinal);
        Assert.Contains("no section 9", found[2].Message, StringComparison.Ordinal);
        Assert.Contains("no section 4", found[3].Message, StringComparison.Ordinal);
        Assert.Contains("no section 5", found[4].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CitationsOfDocumentsOutsideTheRepositoryAreFlagged()
    {
        string[] outside = ["spe" + "c 01 §3", "Spe" + "c 05", "spe" + "c section 2", "spe" + "c D-01", "shared/" + "spec/01.md", "sources" + " note 5.7", "harness" + " anchors", "conventions" + " §6"];
        foreach (string citation in outside)
        {
            Finding finding = Assert.Single(CitationScanner.ScanText("a.cs", "// (" + citation + ")", docs));
            Assert.Equal(FindingKind.OutsideCitation, finding.Kind);
        }

        Assert.Empty(CitationScanner.ScanText("a.cs", "// the specification, specs of the job, an OptionSpec spec", docs));
        Assert.Contains("write 'model 04'", CitationScanner.ScanText("a.cs", "spe" + "c 04 section 4", docs).Single().Message, StringComparison.Ordinal);
        Assert.Contains("write 'model sources §5.n'", CitationScanner.ScanText("a.cs", "sources" + " note 5.7", docs).Single().Message, StringComparison.Ordinal);
        Assert.Contains("rule id alone", CitationScanner.ScanText("a.cs", "spe" + "c D-01", docs).Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PageProblemsAreReported()
    {
        Assert.Contains(docs.Problems, p => p.Kind == FindingKind.PageProblem && p.Message.StartsWith("D-02 has no 'Source:'", StringComparison.Ordinal));
        Assert.Contains(docs.Problems, p => p.Message.Contains("no heading with anchor 'no-such-heading'", StringComparison.Ordinal));
        Assert.DoesNotContain(docs.Problems, p => p.Message.StartsWith("D-01", StringComparison.Ordinal));
        Assert.DoesNotContain(docs.Problems, p => p.Message.Contains("d-01-a-rule-with-a-source", StringComparison.Ordinal));
    }

    [Fact]
    public void ADuplicateDefinitionIsReported()
    {
        string model = Path.Combine(root, "docs", "model");
        File.WriteAllText(Path.Combine(model, "02-again.md"), "# 02\n## 1. One\n#### D-01 Again\nSource: x\n");
        ModelDocs twice = ModelDocs.Load(model, root);
        Assert.Contains(twice.Problems, p => p.Message.StartsWith("D-01 is defined again (first at docs/model/01-test.md:4)", StringComparison.Ordinal));
    }

    [Fact]
    public void TheRepositoryScanFindsAPlantedCitationAndSkipsBuildOutput()
    {
        string src = Path.Combine(root, "src", "Core");
        Directory.CreateDirectory(Path.Combine(src, "obj"));
        File.WriteAllText(Path.Combine(src, "Planted.cs"), "// D-01\n// " + Id('H', "99") + "\n");
        File.WriteAllText(Path.Combine(src, "obj", "Generated.cs"), "// " + Id('H', "98") + "\n");
        File.WriteAllText(Path.Combine(src, "image.png"), Id('H', "97"));

        Finding finding = Assert.Single(CitationScanner.ScanRepository(root, docs));
        Assert.Equal(("src/Core/Planted.cs", 2), (finding.File, finding.Line));
        Assert.StartsWith(Id('H', "99"), finding.Message, StringComparison.Ordinal);
    }
}
