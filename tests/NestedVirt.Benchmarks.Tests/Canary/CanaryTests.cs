using NestedVirt.Benchmarks.Commands;
using BenchmarkDotNet.Attributes;
using NestedVirt.Benchmarks.Canary;
using NestedVirt.Benchmarks.Running;
using NestedVirt.Harness.Tests.Commands;

namespace NestedVirt.Benchmarks.Tests.Canary;

public sealed class CanaryTests
{
    [Fact]
    public void SlowdownFiveDoesFivePercentMoreStepsThanZero()
    {
        var a = new Benchmarks.Canary.Canary { Slowdown = 0 };
        var b = new Benchmarks.Canary.Canary { Slowdown = 5 };
        a.Setup();
        b.Setup();

        Assert.Equal(1.05, b.Steps / (double)a.Steps, 12);
        // The work really runs that many steps: a plain loop of the same step gives the same value.
        Assert.Equal(Reference(b.Steps), b.Work());
        Assert.Equal(Reference(a.Steps), a.Work());
        Assert.NotEqual(a.Work(), b.Work());
    }

    [Theory]
    [InlineData(0, 4000)]
    [InlineData(5, 4200)]
    [InlineData(10, 4400)]
    public void StepsAreTheBaseTimesOneHundredPlusPercentOverOneHundred(int percent, int steps)
    {
        Assert.Equal(steps, Benchmarks.Canary.Canary.StepsFor(percent));
    }

    [Fact]
    public void CanaryIsNotADefaultSuiteAndHasItsOwnCategory()
    {
        Assert.DoesNotContain(typeof(Benchmarks.Canary.Canary), SuiteCatalog.Suites);
        var category = (BenchmarkCategoryAttribute)Attribute.GetCustomAttribute(typeof(Benchmarks.Canary.Canary), typeof(BenchmarkCategoryAttribute))!;
        Assert.Equal(["Canary"], category.Categories);
    }

    [Fact]
    public void CommandCountsFalseAlarmsAmongAaPairsAndDetectionsAmongAbPairs()
    {
        double[] a = [100, 101, 99, 100.5, 99.5, 100.2, 99.8, 100.1, 99.9, 100];
        double[] slow = Array.ConvertAll(a, v => v * 1.2);
        var requested = new List<int>();
        var command = new CanaryCommand(slowdown =>
        {
            requested.Add(slowdown);
            return slowdown == 0 ? a : slow;
        });
        using var folder = new TempFolder();
        var (context, output, _) = folder.Context();

        int code = command.Run(["--runs", "3"], context);

        Assert.Equal(0, code);
        Assert.Equal([0, 0, 0, 0, 5, 0, 0, 0, 5, 0, 0, 0, 5], requested);
        string text = output.ToString();
        Assert.Contains("A/A:     0 false alarm(s) in 3 (median ratio 1.000, 1 rounds on average)", text);
        Assert.Contains("A/A+5%: 3 detection(s) in 3 (median ratio 1.200, 1 rounds on average)", text);
    }

    [Fact]
    public void AnAaPairJudgedFasterIsAFalseAlarm()
    {
        double[] a = [100, 101, 99, 100.5, 99.5, 100.2, 99.8, 100.1, 99.9, 100];
        double[] fast = Array.ConvertAll(a, v => v * 0.8);
        int calls = 0;
        // Discarded warm-up, then baseline and candidate of the one A/A pair, then the A/B pair.
        var command = new CanaryCommand(_ => ++calls == 3 ? fast : a);
        using var folder = new TempFolder();
        var (context, output, _) = folder.Context();

        command.Run(["--runs", "1"], context);

        Assert.Contains("A/A:     1 false alarm(s) in 1", output.ToString());
        Assert.Contains("A/A+5%: 0 detection(s) in 1", output.ToString());
    }

    // As ab: an A/A pair whose pooled samples differ only because one of three rounds of one
    // side ran slow is not a false alarm (RoundAgreement); a shift in every round is a detection.
    [Fact]
    public void OneSlowRoundIsNotAShiftButEveryRoundIs()
    {
        double[] a = [100, 101, 99, 100.5, 99.5, 100.2, 99.8, 100.1, 99.9, 100];
        double[] Scaled(double factor) => Array.ConvertAll(a, v => v * factor);
        var plan = new NestedVirt.Harness.Statistics.SequentialPlan(MinRounds: 3, MaxRounds: 3);
        var options = new NestedVirt.Harness.Statistics.ComparisonOptions();
        // Rounds: A B, B A, A B. The candidate's rounds: 0.5 % fast, 1.9x slow (a burst of other
        // work), 3 % slow; pooled, that reads as a shift.
        double[][] candidateRounds = [Scaled(0.995), Scaled(1.9), Scaled(1.03)];
        int candidateCalls = 0;
        (NestedVirt.Harness.Statistics.SampleComparison burst, _) = CanarySession.Run(s => s == 0 ? a : candidateRounds[candidateCalls++], 5, plan, options);
        (NestedVirt.Harness.Statistics.SampleComparison real, _) = CanarySession.Run(s => s == 0 ? a : Scaled(1.05), 5, plan, options);
        var pooled = NestedVirt.Harness.Statistics.TwoSampleComparer.Compare([.. a, .. a, .. a], [.. candidateRounds.SelectMany(r => r)], options with { Looks = plan.Looks });

        Assert.Equal(NestedVirt.Harness.Statistics.ComparisonVerdict.Slower, pooled.Verdict);
        Assert.NotEqual(NestedVirt.Harness.Statistics.ComparisonVerdict.Slower, burst.Verdict);
        Assert.Equal(NestedVirt.Harness.Statistics.ComparisonVerdict.Slower, real.Verdict);
    }

    private static ulong Reference(int steps)
    {
        ulong x = 0x2026_0000_C0FF_EEUL;
        for (int i = 0; i < steps; i++)
        {
            unchecked
            {
                x = (x * 6364136223846793005UL) + 1442695040888963407UL;
            }
        }

        return x;
    }
}
