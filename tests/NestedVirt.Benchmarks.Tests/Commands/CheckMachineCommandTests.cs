using NestedVirt.Benchmarks.Commands;
using NestedVirt.Harness.Tests.Machine;
using System.Text.Json;
using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Machine;

namespace NestedVirt.Benchmarks.Tests.Commands;

public sealed class CheckMachineCommandTests
{
    [Fact]
    public void TunedBareMetalHostIsAllOk()
    {
        using var tree = FakeMachineTree.Tuned();

        (int code, string[] lines, _, _) = Run(tree, "check-machine", "--strict");

        Assert.Equal(0, code);
        Assert.Contains("OK    virtualization      bare metal", lines);
        Assert.Contains("OK    cpu governor        performance", lines);
        Assert.Contains("OK    turbo/boost         off", lines);
        Assert.Contains("OK    smt                 off", lines);
        Assert.Contains("OK    isolated cpus       2-3", lines);
        Assert.Contains("OK    nohz_full           2-3", lines);
        Assert.Contains("OK    aslr                off (0)", lines);
        Assert.Contains("OK    load average        0.05 (limit 0.40 for 4 CPUs)", lines);
        Assert.Contains("OK    swap                none in use", lines);
        Assert.Contains("OK    /dev/kvm            read-write", lines);
        Assert.Contains("OK    nested (kvm_intel)  on", lines);
        Assert.Contains("OK    ept (kvm_intel)     on", lines);
        Assert.Contains("OK    evmcs (kvm_intel)   off", lines);
        Assert.Contains("13 OK, 0 WARN, 0 N/A; tuned for benchmarking", lines);
    }

    [Fact]
    public void UntunedGuestWarnsWithOneLineOfAdviceEach()
    {
        using var tree = FakeMachineTree.Untuned();

        (int code, string[] lines, _, _) = Run(tree, "check-machine");

        Assert.Equal(0, code);
        AssertWarn(lines, "virtualization      VM (qemu)", "VM wall-clock numbers are noisy: prefer bare metal");
        AssertWarn(lines, "cpu governor        performance,powersave", "cpupower frequency-set -g performance");
        AssertWarn(lines, "turbo/boost         on", "echo 1 > /sys/devices/system/cpu/intel_pstate/no_turbo");
        AssertWarn(lines, "smt                 on (siblings share a core)", "echo off > /sys/devices/system/cpu/smt/control, or boot nosmt");
        AssertWarn(lines, "isolated cpus       none", "boot with isolcpus=<cpus>; run under taskset -c <cpus>");
        AssertWarn(lines, "nohz_full           none", "boot with nohz_full=<cpus> rcu_nocbs=<cpus>");
        AssertWarn(lines, "aslr                full (2)", "echo 0 > /proc/sys/kernel/randomize_va_space");
        AssertWarn(lines, "load average        1.50 (limit 0.40 for 4 CPUs)", "stop other work first (see top or uptime)");
        AssertWarn(lines, "swap                100.0 MiB in use", "swapoff -a && swapon -a (needs enough free RAM)");
        AssertWarn(lines, "nested (kvm_intel)  off", "modprobe -r kvm_intel && modprobe kvm_intel nested=1");
        Assert.Contains("OK    ept (kvm_intel)     on", lines);
        Assert.Contains("3 OK, 10 WARN, 0 N/A; not tuned, expect noisy wall-clock numbers", lines);
    }

    [Fact]
    public void StrictExitsTwoOnAnyWarning()
    {
        using var tree = FakeMachineTree.Tuned().With("/proc/sys/kernel/randomize_va_space", "1\n");

        Assert.Equal(2, Run(tree, "check-machine", "--strict").Code);
        Assert.Equal(0, Run(tree, "check-machine").Code);
    }

    [Fact]
    public void UnreadableSettingsAreNotAvailableAndDoNotFailStrict()
    {
        using var tree = new FakeMachineTree();

        (int code, string[] lines, _, _) = Run(tree, "check-machine", "--strict");

        Assert.Equal(0, code);
        foreach (string name in (string[])["virtualization", "cpu governor", "turbo/boost", "smt", "isolated cpus", "nohz_full", "aslr", "load average", "swap", "/dev/kvm", "kvm parameters"])
        {
            Assert.Contains(lines, l => l.StartsWith("N/A   " + name + " ", StringComparison.Ordinal));
        }

        Assert.DoesNotContain(lines, l => l.StartsWith("WARN", StringComparison.Ordinal) || l.StartsWith("OK", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryLineFitsSeventyTwoColumns()
    {
        string longList = string.Join(',', Enumerable.Range(0, 64).Select(i => (2 * i).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        using var tree = FakeMachineTree.Untuned()
            .With("/sys/devices/system/cpu/isolated", longList + "\n")
            .With("/proc/cpuinfo", FakeMachineTree.CpuInfo("Intel(R) Xeon(R) Platinum 8480+ Sapphire Rapids Engineering Sample CPU @ 2.00GHz", 128, true));

        (_, string[] lines, _, _) = Run(tree, "check-machine");

        Assert.All(lines, l => Assert.True(l.Length <= 72, $"{l.Length} columns: {l}"));
        Assert.Contains(lines, l => l.StartsWith("OK    isolated cpus       0,2,4,", StringComparison.Ordinal) && l.EndsWith("...", StringComparison.Ordinal));
    }

    [Fact]
    public void HelpFitsSeventyTwoColumnsAndNamesEveryOption()
    {
        string help = new CheckMachineCommand().Help;

        Assert.All(help.Split('\n'), l => Assert.True(l.Length <= 72, $"{l.Length} columns: {l}"));
        Assert.Contains("  --strict ", help);
        Assert.Contains("  --format text|json ", help);
    }

    [Fact]
    public void JsonFormatCarriesIdStateAndChecks()
    {
        using var tree = FakeMachineTree.Untuned();

        (int code, _, string output, _) = Run(tree, "check-machine", "--format", "json");

        Assert.Equal(0, code);
        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement root = json.RootElement;
        Assert.Equal(tree.Probe().Probe().Id, root.GetProperty("machineId").GetString());
        Assert.Equal(10, root.GetProperty("warnings").GetInt32());
        Assert.False(root.GetProperty("tuned").GetBoolean());
        Assert.Equal("performance,powersave", root.GetProperty("state").GetProperty("governor").GetString());
        JsonElement nested = root.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "nested (kvm_intel)");
        Assert.Equal("warn", nested.GetProperty("status").GetString());
        Assert.Equal("modprobe -r kvm_intel && modprobe kvm_intel nested=1", nested.GetProperty("advice").GetString());
    }

    [Theory]
    [InlineData("nvbench: option --format: 'xml' is not one of text, json", "--format", "xml")]
    [InlineData("nvbench: unexpected argument 'now'", "now")]
    [InlineData("nvbench: unknown option --stritc (did you mean --strict?)", "--stritc")]
    public void BadArgumentsGiveOneLineAndExitTwo(string expected, params string[] args)
    {
        using var tree = FakeMachineTree.Tuned();

        (int code, string[] lines, _, string error) = Run(tree, ["check-machine", .. args]);

        Assert.Equal(2, code);
        Assert.Empty(lines);
        Assert.Equal(expected + Environment.NewLine, error);
    }

    private static void AssertWarn(string[] lines, string check, string advice)
    {
        int at = Array.IndexOf(lines, "WARN  " + check);
        Assert.True(at >= 0, $"no line 'WARN  {check}'");
        Assert.Equal("      " + advice, lines[at + 1]);
    }

    private static Outcome Run(FakeMachineTree tree, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var commandLine = new CommandDispatcher([new CheckMachineCommand(tree.Probe())]);
        int code = commandLine.Run(args, new CommandContext(output, error, tree.Root));
        string text = output.ToString();
        return new Outcome(code, text.Split('\n', StringSplitOptions.RemoveEmptyEntries), text, error.ToString());
    }

    private sealed record Outcome(int Code, string[] Lines, string Output, string Error);
}
