using NestedVirt.Harness.Ab;
using NestedVirt.Harness.Results;
using NestedVirt.Harness.Statistics;
using static NestedVirt.Harness.Tests.Statistics.SyntheticResults;

namespace NestedVirt.Harness.Tests.Statistics;

/// <summary>A shift stands only when the rounds agree with it (<see cref="RoundAgreement"/>).</summary>
public sealed class RoundAgreementTests
{
    [Theory]
    [InlineData(ComparisonVerdict.Slower, new[] { 1.05, 1.03, 1.04 }, true)]
    [InlineData(ComparisonVerdict.Slower, new[] { 1.90, 0.99, 1.01 }, false)]
    [InlineData(ComparisonVerdict.Faster, new[] { 0.95, 0.97, 0.96 }, true)]
    [InlineData(ComparisonVerdict.Faster, new[] { 0.95, 1.02, 0.96 }, false)]
    [InlineData(ComparisonVerdict.Slower, new[] { 1.02, 1.03, 1.01, 1.02, 1.04 }, true)]
    [InlineData(ComparisonVerdict.Slower, new[] { 1.02, 1.03, 0.99, 1.02, 1.04 }, false)]
    [InlineData(ComparisonVerdict.Slower, new[] { 1.02, 1.02, 1.02, 1.00 }, false)]
    [InlineData(ComparisonVerdict.Slower, new[] { 1.02, double.NaN, 1.02 }, false)]
    [InlineData(ComparisonVerdict.Same, new[] { 1.90, 0.50, 1.00 }, true)]
    [InlineData(ComparisonVerdict.InsufficientData, new[] { 1.90 }, true)]
    public void AShiftNeedsEveryRound(ComparisonVerdict verdict, double[] ratios, bool holds) =>
        Assert.Equal(holds, RoundAgreement.Holds(verdict, ratios));

    [Fact]
    public void AWithdrawnShiftIsAnUndecidedSame()
    {
        var slower = new BenchmarkComparison(new BenchmarkKey("x", "S", "M", new Dictionary<string, string>()), ComparisonVerdict.Slower, 10, 11, 1.1, 30, 30)
        {
            Decided = true,
        };

        BenchmarkComparison kept = RoundAgreement.Apply(slower, [1.1, 1.1]);
        BenchmarkComparison withdrawn = RoundAgreement.Apply(slower, [1.3, 0.98]);

        Assert.Same(slower, kept);
        Assert.Equal(ComparisonVerdict.Same, withdrawn.Verdict);
        Assert.False(withdrawn.Decided);
        Assert.Equal(1.1, withdrawn.Ratio);
    }

    [Fact]
    public void TheRoundRatioIsTheMedianOfTheCandidateOverTheBaseline()
    {
        Assert.Equal(1.1, RoundAgreement.RoundRatio(Samples(100, 15), Samples(110, 15)), 12);
        Assert.True(double.IsNaN(RoundAgreement.RoundRatio([], Samples(110, 15))));
    }

    // The case the rule exists for: the pooled samples of A and B differ only because one round
    // of B ran during a burst of load; ab's verdict after the rounds must not be "slower".
    [Fact]
    public void AbWithdrawsASlowdownThatOnlyOneRoundShows()
    {
        IReadOnlyList<ResultsEnvelope> Round(string commit, double center, int phase) =>
            [Envelope(commit, [Simple("Walk", Samples(center, 15, phase)), Simple("Relay", Samples(center * 2, 15, phase))])];
        IReadOnlyList<IReadOnlyList<ResultsEnvelope>> a = [Round("aaaa", 100, 0), Round("aaaa", 100, 1), Round("aaaa", 100, 2)];
        IReadOnlyList<IReadOnlyList<ResultsEnvelope>> burst = [Round("bbbb", 103, 3), Round("bbbb", 190, 4), Round("bbbb", 99.5, 0)];
        IReadOnlyList<IReadOnlyList<ResultsEnvelope>> real = [Round("bbbb", 105, 3), Round("bbbb", 105, 4), Round("bbbb", 105, 0)];
        var comparer = new BenchmarkComparer(new ComparisonOptions());
        ResultsEnvelope pooledA = EnvelopePool.Pool([.. a.SelectMany(r => r)]);

        ComparisonReport pooledBurst = comparer.Compare(pooledA, EnvelopePool.Pool([.. burst.SelectMany(r => r)]));
        ComparisonReport agreedBurst = AbSession.RoundwiseAgreement(pooledBurst, a, burst);
        ComparisonReport agreedReal = AbSession.RoundwiseAgreement(comparer.Compare(pooledA, EnvelopePool.Pool([.. real.SelectMany(r => r)])), a, real);

        Assert.Equal(2, pooledBurst.Count(ComparisonVerdict.Slower)); // what pooling alone said
        Assert.Equal(0, agreedBurst.Count(ComparisonVerdict.Slower));
        Assert.All(agreedBurst.Benchmarks, b => Assert.False(b.Decided));
        Assert.Equal(2, agreedReal.Count(ComparisonVerdict.Slower));
    }
}
