using NestedVirt.Benchmarks.Commands;
using System.Text.Json;
using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Kvm;

namespace NestedVirt.Benchmarks.Tests.Commands;

public sealed class CalibrateCommandTests
{
    [Fact]
    public void UnusableDevicePrintsOneSkippedLineAndExitsZero()
    {
        var (code, output, error) = Run("--device", "/dev/null");
        Assert.Equal(0, code);
        Assert.Equal("", error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var skipped = Assert.Single(lines, l => l.StartsWith("skipped: ", StringComparison.Ordinal));
        Assert.Contains("/dev/null", skipped);
        Assert.Contains("/dev/null present", lines[0]);
    }

    // Issue 11: a device the user named but mistyped is bad input, not "KVM unavailable".
    [Theory]
    [InlineData("/nonexistent/kvm", "nvbench: option --device: '/nonexistent/kvm' does not exist")]
    [InlineData("/", "nvbench: option --device: '/' is a folder, not a KVM device")]
    public void ANamedDeviceThatDoesNotExistIsOneLineExitTwo(string device, string expected)
    {
        var (code, output, error) = Run("--device", device);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal(expected + "\n", error);
    }

    [Fact]
    public void JsonOutputRoundTripsIntoTheCalibrationType()
    {
        var (code, output, _) = Run("--device", "/dev/null", "--format", "json");
        Assert.Equal(0, code);
        var calibration = JsonSerializer.Deserialize<ExitCostCalibration>(output)!;
        Assert.Equal(ExitCostCalibration.StatusSkipped, calibration.Status);
        Assert.Equal("/dev/null", calibration.Device);
        Assert.Contains("/dev/null", calibration.Reason);
    }

    [Theory]
    [InlineData("--format", "xml", "'xml'")]
    [InlineData("--iterations", "0", "'0'")]
    [InlineData("--iterations", "4294967296", "'4294967296'")]
    [InlineData("--batches", "ten", "'ten'")]
    [InlineData("--batches", "1001", "1001 is above the maximum 1000")]
    [InlineData("--frobnicate", "1", "--frobnicate")]
    public void BadOptionExitsTwoWithAnErrorNamingTheValue(string option, string value, string named)
    {
        var (code, output, error) = Run(option, value);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        string line = Assert.Single(error.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("nvbench: ", line);
        Assert.Contains(named, line);
    }

    [Fact]
    public void OptionWithoutValueExitsTwo()
    {
        var (code, _, error) = Run("--device");
        Assert.Equal(2, code);
        Assert.Equal("nvbench: option --device needs a value (PATH)\n", error);
    }

    [Fact]
    public void HelpSaysTheNumbersAreFromThisMachineAndIncludeTheOuterHypervisor()
    {
        var command = new CalibrateCommand();
        Assert.Equal("calibrate", command.Name);
        Assert.Contains("measured on this machine", command.Help);
        Assert.Contains("outer hypervisor", command.Help);
        Assert.All(command.Help.Split('\n'), line => Assert.True(line.Length <= 72, line));
        var (code, output, _) = Run("--help");
        Assert.Equal(0, code);
        Assert.StartsWith("usage: nvbench calibrate", output);
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = new CommandDispatcher([new CalibrateCommand()]).Run(["calibrate", .. args], new CommandContext(output, error, "."));
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void EachProbeLineShowsTheRatioItsIntervalAndWhetherTheRoundsDecide10Percent()
    {
        // Seven rounds: outb_to_user within 2 % every round (decided yes); cpuid swings by 20 % (undecided).
        double[] outb = [1.00, 1.01, 0.99, 1.02, 0.98, 1.00, 1.01];
        double[] cpuid = [1.00, 1.20, 0.80, 1.05, 0.95, 1.10, 0.90];
        var rounds = outb.Select((o, i) => (
            new ExitCostCalibration
            {
                Tests = [new ExitCostSample { Name = "outb_to_user", MedianNs = 8000 * o }, new ExitCostSample { Name = "cpuid", MedianNs = 500 * cpuid[i] }],
            },
            (ExitCostCalibration?)new ExitCostCalibration
            {
                Tests = [new ExitCostSample { Name = "outb_to_user", MedianNs = 8000 }, new ExitCostSample { Name = "cpuid", MedianNs = 500 }],
            })).ToList();
        var output = new StringWriter { NewLine = "\n" };

        CalibrateCommand.WriteProbe(rounds[0].Item2, ProbeComparison.Of(rounds), output);

        string[] lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("outb_to_user          8000     8000           1.00  0.98-1.02 (98%)       yes", lines[^2]);
        Assert.Equal("cpuid                  500      500           1.00  0.80-1.20 (98%)       undecided", lines[^1]);
    }
}
