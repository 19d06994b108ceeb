using NestedVirt.Docs.Tests.Citations;

namespace NestedVirt.Docs.Tests;

/// <summary>
/// What the code cites can be followed inside the repository: every rule id is defined in
/// docs/model, every "model 0N §x" names an existing section, and nothing points to documents
/// a clone does not have.
/// </summary>
public class RepositoryCitationTests
{
    private static readonly Lazy<IReadOnlyList<Finding>> Findings =
        new(() => CitationScanner.ScanRepository(Checkout.Root, Checkout.Docs).ToList());

    [Fact]
    public void EveryCitedRuleIdIsDefinedInDocsModel() => AssertNone(FindingKind.UndefinedRule);

    [Fact]
    public void EveryModelSectionCitationResolves() => AssertNone(FindingKind.UnknownSection);

    [Fact]
    public void NoCitationPointsOutsideTheRepository() => AssertNone(FindingKind.OutsideCitation);

    [Fact]
    public void TheScanReadsTheCodeItGuards()
    {
        // A scan that silently read nothing would pass the three tests above.
        string[] files = CitationScanner.ScannedFiles(Checkout.Root).Select(f => Path.GetRelativePath(Checkout.Root, f).Replace('\\', '/')).ToArray();
        Assert.Contains("src/NestedVirt.Core/Exits/VmxExitReason.cs", files);
        Assert.Contains("bench/native/nvwalk_ept.c", files);
        Assert.Contains("tests/NestedVirt.Core.Tests/Data/Paging/ept-entries.txt", files);
        Assert.Contains("README.md", files);
        Assert.DoesNotContain(files, f => f.Contains("/obj/", StringComparison.Ordinal) || f.Contains("/bin/", StringComparison.Ordinal));

        int citations = files.Sum(f => File.ReadLines(Path.Combine(Checkout.Root, f)).Sum(l => CitationScanner.RuleIdsIn(l).Count()));
        Assert.True(citations >= 200, $"only {citations} rule-id citations found in {files.Length} files; the scan is not reading the code");
    }

    private static void AssertNone(FindingKind kind)
    {
        Finding[] found = Findings.Value.Where(f => f.Kind == kind).ToArray();
        Assert.True(found.Length == 0, $"{found.Length} citation(s) a reader of the repository cannot follow (see docs/model/README.md):\n" + string.Join('\n', found.Select(f => f.ToString())));
    }
}
