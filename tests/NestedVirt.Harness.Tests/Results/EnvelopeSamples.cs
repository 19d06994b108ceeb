using System.Text.Json;
using NestedVirt.Harness.Results;

namespace NestedVirt.Harness.Tests.Results;

/// <summary>Envelopes for tests; <see cref="Full"/> sets every property to a non-default value.</summary>
internal static class EnvelopeSamples
{
    public static readonly DateTimeOffset Time = new(2026, 3, 14, 9, 15, 0, TimeSpan.Zero);

    public static ResultsEnvelope Full(
        string machineId = "amd-epyc-2cpu-0badcafe", DateTimeOffset? time = null, string shortCommit = "0123456789ab", bool dirty = true)
    {
        using JsonDocument bdn = JsonDocument.Parse(
            """{"Title":"RelayVsReflection-20260314","HostEnvironmentInfo":{"ProcessorName":"AMD EPYC","PhysicalCoreCount":2},"Benchmarks":[{"FullName":"A.B","Statistics":{"OriginalValues":[1.5,2.25]}}]}""");
        return new ResultsEnvelope
        {
            SchemaVersion = ResultsEnvelope.CurrentSchemaVersion,
            HarnessVersion = "nvbench 0.1.0+abc",
            TimestampUtc = time ?? Time,
            Git = new GitInfo { Commit = shortCommit + "cdef0123456789abcdef01234567", ShortCommit = shortCommit, Branch = "topic/relay", Dirty = dirty, UnknownReason = "set so that every field round-trips" },
            MachineId = machineId,
            Machine = new MachineInfo
            {
                CpuModel = "AMD EPYC 7B13 64-Core Processor",
                LogicalCores = 2,
                CpuVendor = "AuthenticAMD",
                MemoryTotalBytes = 25_165_824_000,
                Kernel = "6.1.0-18-amd64",
                Os = "Debian GNU/Linux 12 (bookworm)",
                Runtime = ".NET 10.0.12",
                Virtualization = "vm",
                Hypervisor = "kvm",
                KvmPresent = true,
            },
            State = new MachineState
            {
                Governor = "performance",
                ScalingDriver = "acpi-cpufreq",
                Turbo = true,
                Smt = true,
                IsolatedCpus = "1",
                NohzFull = "1",
                Aslr = 2,
                LoadAverage1 = 0.125,
                SwapUsedBytes = 4096,
                KvmAccessible = true,
                KvmParameters = new() { ["kvm_amd.nested"] = "1", ["kvm_amd.npt"] = "1" },
            },
            Job = "quick",
            Smoke = true,
            Toolchain = "out-of-process",
            BenchmarkDotNetVersion = "0.15.8",
            Command = "nvbench run --job quick --filter *Relay*",
            CostTable = new CostTableInfo
            {
                Name = "published-2026",
                Source = "SDM Vol. 3C 26.x; measured VM-exit round trips",
                Calibrated = true,
                NanosecondsPerEvent = new() { ["WorldSwitches"] = 550.5, ["VmcsFieldsCopied"] = 1.25 },
            },
            Benchmarks =
            [
                new BenchmarkResult
                {
                    Id = "rvr/intel/relayed",
                    Suite = "RelayVsReflection",
                    Method = "Hypercall",
                    Parameters = new() { ["Vendor"] = "Intel", ["Path"] = "Relayed" },
                    Categories = ["relay", "hypercall"],
                    SamplesNs = [101.5, 99.25, 1e-3, 123456.789],
                    MedianNs = 100.375,
                    MeanNs = 30914.385,
                    AllocatedBytesPerOp = 24,
                    Counters = new() { ["WorldSwitches"] = 2, ["GuestMemoryReads"] = 0.5 },
                    ModelledNs = 1101.5,
                },
            ],
            Calibration = new NestedVirt.Harness.Kvm.ExitCostCalibration
            {
                Status = "ok",
                Reason = "sample",
                Device = "/dev/kvm",
                HostIsVirtualMachine = true,
                CpuVirtualization = "none",
                CpuModel = "Sample CPU",
                Tests =
                [
                    new NestedVirt.Harness.Kvm.ExitCostSample
                    {
                        Name = "cpuid", MedianNs = 561.5, MinNs = 503, MaxNs = 810, Batches = 10, IterationsPerBatch = 4096, GuestIterations = 4096,
                    },
                ],
            },
            InstructionCounts = [new InstructionCount { Id = "walk.ept.4level", InstructionsPerOp = 98.7, Iterations = 1_000_000 }],
            BenchmarkDotNet = [bdn.RootElement.Clone()],
        };
    }
}
