using NestedVirt.Harness.Kvm;

namespace NestedVirt.Harness.Tests.Kvm;

public sealed class ProbeComparisonTests
{
    private static (ExitCostCalibration, ExitCostCalibration?) Round(double ours, double theirs, string status = ExitCostCalibration.StatusOk) => (
        new ExitCostCalibration
        {
            Tests = [new ExitCostSample { Name = "outb_to_user", MedianNs = ours }, new ExitCostSample { Name = "run_immediate_exit", MedianNs = ours / 2 }],
        },
        new ExitCostCalibration { Status = status, Tests = [new ExitCostSample { Name = "outb_to_user", MedianNs = theirs }] });

    [Fact]
    public void TheRatioIsTheMedianOfPerRoundRatiosSoLoadDriftBetweenRoundsCancels()
    {
        // The machine slows down 2x and 4x in later rounds; each pair stays at 1.05.
        var comparison = ProbeComparison.Of([Round(1050, 1000), Round(2100, 2000), Round(4200, 4000)])!;

        ProbeComparison.Row row = comparison.Rows[0];
        Assert.Equal(3, comparison.Rounds);
        Assert.Equal(2100, row.NvbenchNs);
        Assert.Equal(2000, row.ProbeNs);
        Assert.Equal(1.05, row.Ratio, 6);
        Assert.Equal(1.05, row.Interval!.Value.Low, 6);
        Assert.Equal(1.05, row.Interval!.Value.High, 6);
    }

    [Fact]
    public void ATestTheProbeLacksHasNoRatioAndFailedProbeRoundsAreLeftOut()
    {
        var comparison = ProbeComparison.Of([Round(1000, 500), Round(9999, 1, ExitCostCalibration.StatusFailed)])!;

        Assert.Equal(1, comparison.Rounds);
        Assert.Equal(2.0, comparison.Rows[0].Ratio);
        Assert.True(double.IsNaN(comparison.Rows[1].Ratio));
        Assert.Null(comparison.Rows[1].Interval);
        Assert.Null(ProbeComparison.Of([Round(1, 1, ExitCostCalibration.StatusSkipped)]));
    }
}
