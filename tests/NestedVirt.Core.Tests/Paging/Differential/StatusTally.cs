using NestedVirt.Paging;

namespace NestedVirt.Tests.Paging.Differential;

/// <summary>Counts what a differential run exercised, so a run that only ever hit one path fails.</summary>
internal sealed class StatusTally
{
    private readonly Dictionary<string, int> counts = [];

    public int Total { get; private set; }

    public void Add(string what)
    {
        counts[what] = counts.GetValueOrDefault(what) + 1;
    }

    public void Add(in WalkResult result)
    {
        Total++;
        Add(result.Status.ToString());
        if (!result.IsTranslated)
            Add(result.Stage + " stage");
    }

    public int this[string what] => counts.GetValueOrDefault(what);

    public void AssertAtLeast(int minimum, params string[] names)
    {
        foreach (string name in names)
            Assert.True(this[name] >= minimum, $"the run exercised '{name}' only {this[name]} times: {this}");
    }

    public override string ToString() =>
        $"{Total} walks: " + string.Join(", ", counts.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}"));
}
