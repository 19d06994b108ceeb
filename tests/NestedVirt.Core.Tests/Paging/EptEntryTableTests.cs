using NestedVirt.Paging;

namespace NestedVirt.Tests.Paging;

/// <summary>Runs <c>Data/Paging/ept-entries.txt</c>: one EPT walk per line (model 03 §1, §3, §4).</summary>
public sealed class EptEntryTableTests
{
    private const string FileName = "ept-entries.txt";

    public static TheoryData<int> Lines => PagingDataFile.Lines(FileName);

    [Theory]
    [MemberData(nameof(Lines))]
    public void EptEntryCaseMatchesSpec(int line)
    {
        EntryCase c = PagingDataFile.Load(FileName)[line];
        EntryCaseAssert.CitesSpec(c);
        var chain = new EntryChain(ept: true, c.WalkLevels);
        chain.Set(c.Level, c.Entry);
        bool accessedDirty = c.Caps.Contains("ad");
        PagingConfig config = PagingConfig.Ept(chain.Eptp(accessedDirty), Capabilities(c), c.MaxPhysAddr);
        byte[] before = chain.Snapshot();

        var state = default(WalkState);
        WalkResult result = PageWalker.Walk<EptFormat>(chain.Memory, config, chain.Probe, c.Intent, ref state);

        EntryCaseAssert.Matches(c, result, chain.Probe);
        byte[] expected = result.IsTranslated && accessedDirty
            ? chain.ExpectedAfterSuccess(before, c.At, EntryChain.EptAccessed, EntryChain.EptDirty, (c.Intent & AccessIntent.Write) != 0)
            : before;
        chain.AssertMemoryEquals(expected, c.ToString());
    }

    [Fact]
    public void EptDataFileHasCasesForEveryRule()
    {
        var comments = string.Join("\n", PagingDataFile.Load(FileName).Values.Select(c => c.Comment));
        foreach (string rule in new[] { "E-01", "E-02", "E-03", "E-04", "E-05", "E-06", "E-07", "§4", "§1" })
            Assert.Contains(rule, comments, StringComparison.Ordinal);
    }

    private static EptVpidCapabilities Capabilities(EntryCase c)
    {
        var caps = EptVpidCapabilities.PageWalkLength4 | EptVpidCapabilities.PageWalkLength5 | EptVpidCapabilities.MemoryTypeWb;
        foreach (string token in c.Caps)
        {
            caps |= token switch
            {
                "xo" => EptVpidCapabilities.ExecuteOnly,
                "2m" => EptVpidCapabilities.Pages2M,
                "1g" => EptVpidCapabilities.Pages1G,
                "ad" => EptVpidCapabilities.AccessedDirty,
                "l5" or "m36" or "m39" or "m46" or "m52" => 0,
                _ => throw new FormatException($"{c.Where}: unknown EPT capability '{token}'"),
            };
        }
        return caps;
    }
}
