using NestedVirt.Benchmarks.Commands;
using System.Text.Json;
using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Kvm;

namespace NestedVirt.Benchmarks.Tests.Commands;

public sealed class CalibrateCommandTests
{
    [Fact]
    public void AbsentDevicePrintsOneSkippedLineAndExitsZero()
    {
        var (code, output, error) = Run("--device", "/nonexistent/kvm");
        Assert.Equal(0, code);
        Assert.Equal("", error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var skipped = Assert.Single(lines, l => l.StartsWith("skipped: ", StringComparison.Ordinal));
        Assert.Contains("/nonexistent/kvm", skipped);
        Assert.Contains("/nonexistent/kvm absent", lines[0]);
    }

    [Fact]
    public void JsonOutputRoundTripsIntoTheCalibrationType()
    {
        var (code, output, _) = Run("--device", "/nonexistent/kvm", "--format", "json");
        Assert.Equal(0, code);
        var calibration = JsonSerializer.Deserialize<ExitCostCalibration>(output)!;
        Assert.Equal(ExitCostCalibration.StatusSkipped, calibration.Status);
        Assert.Equal("/nonexistent/kvm", calibration.Device);
        Assert.Contains("/nonexistent/kvm", calibration.Reason);
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
}
