using NestedVirt.Harness.Kvm;
using NestedVirt.Harness.Model;

namespace NestedVirt.Harness.Tests.Model;

public sealed class CostTableTests
{
    [Fact]
    public void PublishedTableSplitsTheLkmlRoundTripIntoTwoTransitionsAtThreeGigahertz()
    {
        // LKML 2020-12: VMRUN to #VMEXIT ~1,365 cycles (the middle of 1,350-1,380); KVM_RUN with an
        // immediate exit ~2,530 cycles. At 3 GHz: 1365 / 2 / 3 = 227.5 ns per transition and
        // (2530 - 1365) / 3 = 388.33 ns per userspace round trip.
        CostTable table = CostTable.Published;

        Assert.False(table.Calibrated);
        Assert.Equal(227.5, table.NanosecondsPerEvent["L2ToL0Exits"], 6);
        Assert.Equal(227.5, table.NanosecondsPerEvent["L1ToL0Exits"], 6);
        Assert.Equal(388.333333, table.NanosecondsPerEvent["UserspaceRoundTrips"], 5);
        Assert.Contains("not measured on this machine", table.Source);
    }

    [Fact]
    public void ApplyMultipliesCountsByCostsAndIgnoresUncostedCounters()
    {
        var counters = new Dictionary<string, double>
        {
            ["L2ToL0Exits"] = 1,
            ["L0ToL2Entries"] = 1,
            ["UserspaceRoundTrips"] = 1,
            ["VmcsFieldsRead"] = 500,
        };

        Assert.Equal(227.5 + 227.5 + 388.333333, CostTable.Published.Apply(counters), 5);
    }

    [Fact]
    public void CalibrationGivesHalfTheInKernelExitPerTransitionAndTheUserspaceRemainder()
    {
        var calibration = new ExitCostCalibration
        {
            Status = ExitCostCalibration.StatusOk,
            Device = "/dev/kvm",
            Tests =
            [
                new ExitCostSample { Name = "cpuid", MedianNs = 600 },
                new ExitCostSample { Name = "outb_to_user", MedianNs = 8000 },
                new ExitCostSample { Name = "guest_loop", MedianNs = 1700 },
            ],
        };

        CostTable table = CostTable.FromCalibration(calibration)!;

        Assert.True(table.Calibrated);
        Assert.Equal(300, table.NanosecondsPerEvent["L0ToL1Entries"]);
        // Userspace exit = 8000 - 1700 = 6300 ns, of which 600 are the in-kernel round trip.
        Assert.Equal(5700, table.NanosecondsPerEvent["UserspaceRoundTrips"]);
    }

    [Theory]
    [InlineData(ExitCostCalibration.StatusSkipped)]
    [InlineData(ExitCostCalibration.StatusFailed)]
    public void CalibrationThatDidNotCompleteGivesNoTable(string status)
    {
        var calibration = new ExitCostCalibration { Status = status, Reason = "/dev/kvm: not present" };

        Assert.Null(CostTable.FromCalibration(calibration));
        Assert.Null(CostTable.FromCalibration(null));
    }
}
