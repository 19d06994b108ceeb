using NestedVirt.Harness.Results;
using static NestedVirt.Harness.Tests.Statistics.SyntheticResults;

namespace NestedVirt.Harness.Tests.Reporting;

/// <summary>A fixed base/head pair shaped like real RelayVsReflection and NestedWalk runs.</summary>
internal static class CoverLetterFixture
{
    public static (ResultsEnvelope Base, ResultsEnvelope Head) Pair(string headMachine = "epyc-7763-2c-vm")
    {
        var baseRuns = new List<BenchmarkResult>();
        var headRuns = new List<BenchmarkResult>();
        foreach (string vendor in new[] { "Intel", "Amd" })
        {
            foreach (string call in new[] { "PostMessage", "SignalEvent" })
            {
                foreach (string clean in new[] { "True", "False" })
                {
                    double relay = (vendor == "Intel" ? 180 : 195) + (call == "PostMessage" ? 60 : 0) + (clean == "True" ? 0 : 35);
                    double reflect = relay * (vendor == "Intel" ? 6.5 : 5.75);
                    var counters = new Dictionary<string, double> { ["worldSwitches"] = 2, ["vmcsFieldsCopied"] = clean == "True" ? 0 : 48 };
                    var reflectCounters = new Dictionary<string, double> { ["worldSwitches"] = 6, ["vmcsFieldsCopied"] = clean == "True" ? 12 : 96 };

                    // Head: reflection with clean fields on VMX got 20% faster and copies fewer fields.
                    bool improved = vendor == "Intel" && clean == "True";
                    baseRuns.Add(Rvr(vendor, call, "Relayed", clean, Samples(relay, 15), counters));
                    headRuns.Add(Rvr(vendor, call, "Relayed", clean, Samples(relay * 1.004, 15, phase: 2), counters));
                    baseRuns.Add(Rvr(vendor, call, "Reflected", clean, Samples(reflect, 15), reflectCounters));
                    headRuns.Add(Rvr(
                        vendor,
                        call,
                        "Reflected",
                        clean,
                        Samples(improved ? reflect * 0.8 : reflect, 15, phase: 1),
                        improved ? new Dictionary<string, double> { ["worldSwitches"] = 6, ["vmcsFieldsCopied"] = 8 } : reflectCounters));
                }
            }
        }

        foreach (string format in new[] { "Ept", "Npt" })
        {
            foreach (string levels in new[] { "4", "5" })
            {
                double ns = (format == "Ept" ? 38.4 : 41.2) * (levels == "4" ? 1 : 1.3);
                var counters = new Dictionary<string, double> { ["guestMemoryReads"] = levels == "4" ? 24 : 35 };
                baseRuns.Add(Walk(format, levels, Samples(ns, 15), counters));

                // Head: the 5-level NPT walk regressed by 12%; a new 1G walk appeared.
                double headNs = format == "Npt" && levels == "5" ? ns * 1.12 : ns;
                headRuns.Add(Walk(format, levels, Samples(headNs, 15, phase: 3), counters));
            }
        }

        headRuns.Add(Result("NestedWalk", "Walk", new Dictionary<string, string> { ["Format"] = "Ept", ["Levels"] = "4", ["PageSize"] = "1G", ["Dimension"] = "TwoD", ["Caches"] = "True" }, Samples(21.3, 15)));

        ResultsEnvelope b = Envelope("3f2a9c1d7e55", baseRuns, machineId: "epyc-7763-2c-vm");
        ResultsEnvelope h = Envelope("9b41e07c2d18", headRuns, machineId: headMachine);
        var command = "nvbench run --job full --filter '*RelayVsReflection*' --filter '*NestedWalk*' --launches 2 --iterations 15";
        return (
            Adjust(b, command, "main"),
            Adjust(h, command, "nested-relay-clean-fields"));
    }

    private static ResultsEnvelope Adjust(ResultsEnvelope e, string command, string branch) => new()
    {
        HarnessVersion = "nvbench 0.1.0",
        TimestampUtc = e.TimestampUtc,
        Git = new GitInfo { Commit = e.Git.Commit, ShortCommit = e.Git.ShortCommit, Branch = branch, Dirty = false },
        MachineId = e.MachineId,
        Machine = new MachineInfo
        {
            CpuModel = "AMD EPYC 7763 64-Core Processor",
            LogicalCores = 2,
            Kernel = "6.1.0-18-amd64",
            Os = "Debian GNU/Linux 12",
            Runtime = ".NET 10.0.12",
            Virtualization = "vm",
            Hypervisor = "KVM",
        },
        State = new MachineState { Governor = null, IsolatedCpus = "", Aslr = 2, LoadAverage1 = 0.15 },
        Job = "full",
        Command = command,
        CostTable = new CostTableInfo { Name = "published-2026", Source = "SDM/APM figures", Calibrated = false },
        Benchmarks = e.Benchmarks,
    };

    private static BenchmarkResult Rvr(string vendor, string call, string path, string clean, double[] samples, Dictionary<string, double> counters) =>
        Result("RelayVsReflection", "Hypercall", new Dictionary<string, string> { ["Vendor"] = vendor, ["Call"] = call, ["Path"] = path, ["Clean"] = clean }, samples, counters);

    private static BenchmarkResult Walk(string format, string levels, double[] samples, Dictionary<string, double> counters) =>
        Result("NestedWalk", "Walk", new Dictionary<string, string> { ["Format"] = format, ["Levels"] = levels, ["PageSize"] = "4K", ["Dimension"] = "TwoD", ["Caches"] = "True" }, samples, counters);
}
