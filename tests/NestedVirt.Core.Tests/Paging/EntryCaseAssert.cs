using NestedVirt.Paging;

namespace NestedVirt.Tests.Paging;

/// <summary>Checks one walk against one data-file case, naming the file and line on failure.</summary>
internal static class EntryCaseAssert
{
    public static void Matches(EntryCase c, WalkResult r, ulong probe)
    {
        var problems = new List<string>();
        if (r.Status != c.Status)
            problems.Add($"status {r.Status}, expected {c.Status}");
        if (r.Level != c.At)
            problems.Add($"level {r.Level}, expected {c.At}");
        if (c.Code is ulong code && r.FaultCode != code)
            problems.Add($"code 0x{r.FaultCode:X}, expected 0x{code:X}");

        if (c.Status == WalkStatus.Translated)
        {
            if (c.Output is ulong output && r.Address != output)
                problems.Add($"output 0x{r.Address:X}, expected 0x{output:X}");
            PageSize size = c.At switch { 3 => PageSize.Size1G, 2 => PageSize.Size2M, _ => PageSize.Size4K };
            if (r.PageSize != size)
                problems.Add($"page size {r.PageSize}, expected {size}");
            if (r.Stage != FaultStage.None)
                problems.Add($"stage {r.Stage} on success");
            if (r.FaultCode != 0)
                problems.Add("fault code on success");
        }
        else
        {
            // A fault reports the address being translated (VMCS GUEST_PHYSICAL_ADDRESS / EXITINFO2).
            if (r.Address != probe)
                problems.Add($"fault address 0x{r.Address:X}, expected the probe 0x{probe:X}");
            if (r.Stage != FaultStage.Nested)
                problems.Add($"stage {r.Stage}, expected Nested");
            if (r.PageSize != PageSize.None)
                problems.Add($"page size {r.PageSize} on a fault");
        }

        if (problems.Count > 0)
            Assert.Fail($"{c}\n  got {r}\n  " + string.Join("\n  ", problems));
    }

    /// <summary>Each line cites the rule it checks (iced's data files carry a comment per line).</summary>
    public static void CitesSpec(EntryCase c)
    {
        bool cites = System.Text.RegularExpressions.Regex.IsMatch(c.Comment, @"\b[ENW]-\d\d|§\d");
        Assert.True(cites, $"{c.Where}: the comment must cite a docs/model rule (E-nn, N-nn, W-nn or §n)");
    }
}
