using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Parameters;
using NestedVirt.Benchmarks.Running;
using NestedVirt.Counters;
using NestedVirt.Exits;
using NestedVirt.L0;
using NestedVirt.X86;

namespace NestedVirt.Benchmarks.Exits;

/// <summary>
/// Cost per exit of a guest without nested virtualization, over the fixed-seed realistic mix:
/// L0's one generic exit handler (<c>GuestVcpu.HandleExit</c>: the guest-mode check, then
/// classification and L0's handler). Present in every build, so the same benchmark measures the
/// core with nested code compiled in and compiled out (<c>nvbench nested-cost</c> runs both
/// builds side by side): the "no functional change, no cost" claim of the build-time switch.
/// </summary>
[BenchmarkCategory("NonNestedExit", "Exits")]
public class NonNestedExit : ICountedBenchmark, IHeadlineSuite
{
    private const int StreamLength = 4096;
    private GuestVcpu vcpu = null!;
    private ExitInfo[] stream = [];

    /// <summary>VMX (Intel) or SVM (AMD): the vendors this build compiles in.</summary>
    [ParamsSource(typeof(CompiledVendors), nameof(CompiledVendors.All))]
    public CpuVendor Vendor { get; set; } = CompiledVendors.First;

    /// <summary>How many vendors (cases) this build measures.</summary>
    public static int VendorCount => (NestedVirtBuild.Vmx ? 1 : 0) + (NestedVirtBuild.Svm ? 1 : 0);

    /// <inheritdoc/>
    public static bool IsHeadline(ParameterInstances parameters) => true;

    /// <summary>
    /// Set in a job's environment to have the benchmark process print the switches its core was
    /// built with, so <c>nvbench nested-cost</c> can check each job measured the build it claims.
    /// </summary>
    public const string ReportSwitchesVariable = "NVBENCH_REPORT_SWITCHES";

    /// <summary>The line the benchmark process prints when asked (<see cref="ReportSwitchesVariable"/>).</summary>
    public const string SwitchesLinePrefix = "// NestedVirtSwitches: ";

    /// <summary>A plain HVM guest's vCPU and the exit stream.</summary>
    [GlobalSetup]
    public void Setup()
    {
        if (Environment.GetEnvironmentVariable(ReportSwitchesVariable) == "1")
            Console.WriteLine(SwitchesLinePrefix + NestedVirtBuild.Switches);
        CpuVendor vendor = Vendor;
        var host = new L0Hypervisor(HostHardware.For(vendor));
        if (host.CreateVm(DomainConfig.Hvm, out GuestVm? vm, out string? log) != 0 || vm!.CreateVcpu(out GuestVcpu? created) != 0)
            throw new InvalidOperationException("L0 refused a plain HVM guest: " + log);
        vcpu = created!;
        stream = ExitMix.Create(vendor == CpuVendor.Amd, StreamLength);
    }

    /// <summary>Handles the whole stream; returns a checksum of the actions.</summary>
    [Benchmark(OperationsPerInvoke = StreamLength)]
    public int Handle()
    {
        var counters = default(PathCounters);
        int sum = 0;
        for (int i = 0; i < stream.Length; i++)
            sum += (int)vcpu.HandleExit(stream[i], ref counters);
        return sum;
    }

    /// <inheritdoc/>
    public int CountOperations(ref PathCounters counters)
    {
        for (int i = 0; i < stream.Length; i++)
            vcpu.HandleExit(stream[i], ref counters);
        return stream.Length;
    }
}
