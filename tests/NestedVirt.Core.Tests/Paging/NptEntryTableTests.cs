using NestedVirt.Paging;

namespace NestedVirt.Tests.Paging;

/// <summary>Runs <c>Data/Paging/npt-entries.txt</c>: one nested-page-table walk per line (model 03 §5).</summary>
public sealed class NptEntryTableTests
{
    private const string FileName = "npt-entries.txt";

    public static TheoryData<int> Lines => PagingDataFile.Lines(FileName);

    [Theory]
    [MemberData(nameof(Lines))]
    public void NptEntryCaseMatchesSpec(int line)
    {
        EntryCase c = PagingDataFile.Load(FileName)[line];
        EntryCaseAssert.CitesSpec(c);
        foreach (string token in c.Caps)
        {
            if (token is not ("nxe" or "1g" or "l5" or "m36" or "m39" or "m46" or "m52"))
                throw new FormatException($"{c.Where}: unknown NPT capability '{token}'");
        }

        var chain = new EntryChain(ept: false, c.WalkLevels);
        chain.Set(c.Level, c.Entry);
        PagingConfig config = PagingConfig.Npt(chain.RootTable, c.WalkLevels, noExecute: c.Caps.Contains("nxe"),
            pages1G: c.Caps.Contains("1g"), maxPhysAddr: c.MaxPhysAddr);
        byte[] before = chain.Snapshot();

        var state = default(WalkState);
        WalkResult result = PageWalker.Walk<NptFormat>(chain.Memory, config, chain.Probe, c.Intent, ref state);

        EntryCaseAssert.Matches(c, result, chain.Probe);
        // N-06: the processor always keeps A/D in nested entries.
        byte[] expected = result.IsTranslated
            ? chain.ExpectedAfterSuccess(before, c.At, EntryChain.X64Accessed, EntryChain.X64Dirty, (c.Intent & AccessIntent.Write) != 0)
            : before;
        chain.AssertMemoryEquals(expected, c.ToString());
    }

    [Fact]
    public void NptDataFileHasCasesForEveryRule()
    {
        var comments = string.Join("\n", PagingDataFile.Load(FileName).Values.Select(c => c.Comment));
        foreach (string rule in new[] { "N-02", "N-03", "N-04", "N-04a", "N-05", "N-06", "N-07" })
            Assert.Contains(rule, comments, StringComparison.Ordinal);
    }
}
