using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using NestedVirt.Benchmarks.Running;
using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Gate;
using NestedVirt.Harness.Results;

namespace NestedVirt.Benchmarks.Tests.Running;

public sealed class BenchmarkIdsTests
{
    private static readonly string Root = RepositoryLocator.Find(AppContext.BaseDirectory);

    private static HashSet<string> CatalogNames() =>
        SuiteCatalog.Suites
            .SelectMany(s => BenchmarkConverter.TypeToBenchmarks(s, ManualConfig.CreateEmpty()).BenchmarksCases)
            .Select(BenchmarkIds.Of)
            .ToHashSet(StringComparer.Ordinal);

    public static TheoryData<string> CommittedRuns()
    {
        var runs = new TheoryData<string>();
        foreach (string file in Directory.EnumerateFiles(Path.Combine(Root, "results"), "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (!file.Contains(Path.DirectorySeparatorChar + "baseline" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                runs.Add(Path.GetRelativePath(Root, file));
            }
        }

        return runs;
    }

    [Fact]
    public void EveryCaseHasItsOwnName()
    {
        var names = SuiteCatalog.Suites
            .SelectMany(s => BenchmarkConverter.TypeToBenchmarks(s, ManualConfig.CreateEmpty()).BenchmarksCases)
            .Select(BenchmarkIds.Of)
            .ToList();

        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.All(names, n => Assert.Matches("^[a-z0-9._-]+(/[a-z0-9._-]+)+$", n));
    }

    // Runs stored before the parameters were typed (Vendor=Vmx, Path=Relay) and before names
    // existed (RelayVsReflection.Hypercall(...)) still load, under the names a run stores today.
    [Theory]
    [MemberData(nameof(CommittedRuns))]
    public void CommittedRunsLoadUnderTodaysNames(string relativePath)
    {
        HashSet<string> names = CatalogNames();

        ResultsEnvelope run = ResultsStore.Load(Path.Combine(Root, relativePath));

        Assert.NotEmpty(run.Benchmarks);
        Assert.All(run.Benchmarks, b => Assert.Contains(b.Id, names));
    }

    [Fact]
    public void TheCommittedGateBaselineReadsUnderTodaysNames()
    {
        HashSet<string> names = CatalogNames();

        GateBaseline baseline = GateBaselineFile.Load(Path.Combine(Root, GateBaselineFile.DefaultRelativePath));

        Assert.NotEmpty(baseline.Counters);
        Assert.All(baseline.Counters.Keys, id => Assert.Contains(id, names));
    }
}
