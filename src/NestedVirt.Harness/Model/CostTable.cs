using System.Globalization;
using NestedVirt.Harness.Kvm;
using NestedVirt.Harness.Results;

namespace NestedVirt.Harness.Model;

/// <summary>
/// Nanoseconds per modelled event, by counter name (the field names of the core's
/// <c>PathCounters</c>). A modelled latency is the sum of count × cost. Until a run is calibrated
/// on the machine itself (<c>nvbench calibrate</c>), the table holds published figures, and every
/// output that uses it says so.
/// </summary>
public sealed class CostTable
{
    /// <summary>Clock used to turn published cycle counts into nanoseconds (an assumption, stated in every result).</summary>
    public const double NominalGigahertz = 3.0;

    // LKML, Dec 2020 (SVM host save/restore discussion, lkml.iu.edu/hypermail/linux/kernel/2012.2/00527.html):
    // about 1,350-1,380 cycles from just before VMRUN to just after #VMEXIT, and about 2,530 cycles
    // for the whole KVM_RUN ioctl with an immediate exit. Model 01 §8.
    private const double WorldSwitchRoundTripCycles = 1365;
    private const double KvmRunIoctlCycles = 2530;

    private CostTable(string name, string source, bool calibrated, Dictionary<string, double> nanoseconds)
    {
        Name = name;
        Source = source;
        Calibrated = calibrated;
        NanosecondsPerEvent = nanoseconds;
    }

    /// <summary>Short name.</summary>
    public string Name { get; }

    /// <summary>Provenance in words.</summary>
    public string Source { get; }

    /// <summary>True when measured on this machine.</summary>
    public bool Calibrated { get; }

    /// <summary>Cost per event.</summary>
    public IReadOnlyDictionary<string, double> NanosecondsPerEvent { get; }

    /// <summary>
    /// Published figures: each hardware transition (exit or entry) is half a VMRUN/#VMEXIT round
    /// trip; a userspace round trip is the KVM_RUN ioctl minus that round trip. Fields, memory
    /// references and walks have no published per-event figure and cost 0 here.
    /// </summary>
    public static CostTable Published { get; } = CreatePublished();

    /// <summary>
    /// A table calibrated on this machine: <paramref name="inKernelExitNs"/> is one guest exit
    /// handled inside KVM and re-entered (split evenly between exit and entry),
    /// <paramref name="userspaceExitNs"/> one exit to userspace and back (the part beyond the
    /// in-kernel round trip is the userspace round trip).
    /// </summary>
    public static CostTable FromCalibration(double inKernelExitNs, double userspaceExitNs, string source)
    {
        double transition = inKernelExitNs / 2;
        double userspace = Math.Max(0, userspaceExitNs - inKernelExitNs);
        return new CostTable("calibrated", source, calibrated: true, Build(transition, userspace));
    }

    /// <summary>
    /// A table from a /dev/kvm calibration: the in-kernel exit is the CPUID test, the userspace
    /// exit is the OUT test minus the guest's own loop. Null when the calibration did not run
    /// to completion or lacks those tests.
    /// </summary>
    public static CostTable? FromCalibration(ExitCostCalibration? calibration)
    {
        if (calibration is null || calibration.Status != ExitCostCalibration.StatusOk)
            return null;
        ExitCostSample? cpuid = calibration.Find("cpuid");
        ExitCostSample? outb = calibration.Find("outb_to_user");
        ExitCostSample? loop = calibration.Find("guest_loop");
        if (cpuid is null || outb is null || cpuid.MedianNs <= 0)
            return null;
        double userspaceExit = outb.MedianNs - (loop?.MedianNs ?? 0);
        string host = calibration.HostIsVirtualMachine
            ? "a VM host, so the numbers include the outer hypervisor"
            : "bare metal";
        string source = string.Create(CultureInfo.InvariantCulture,
            $"calibrated on this machine through {calibration.Device} ({host}, CPU virtualization '{calibration.CpuVirtualization}'): " +
            $"in-kernel exit (cpuid) {cpuid.MedianNs:0} ns, userspace exit (outb minus loop) {userspaceExit:0} ns");
        return FromCalibration(cpuid.MedianNs, userspaceExit, source);
    }

    /// <summary>Counts × costs, for per-operation counters by name.</summary>
    public double Apply(IReadOnlyDictionary<string, double> countersPerOperation)
    {
        double total = 0;
        foreach (var (name, count) in countersPerOperation)
        {
            if (NanosecondsPerEvent.TryGetValue(name, out double cost))
                total += count * cost;
        }
        return total;
    }

    /// <summary>The envelope's record of this table.</summary>
    public CostTableInfo ToInfo() => new()
    {
        Name = Name,
        Source = Source,
        Calibrated = Calibrated,
        NanosecondsPerEvent = new Dictionary<string, double>(NanosecondsPerEvent),
    };

    private static CostTable CreatePublished()
    {
        double nsPerCycle = 1 / NominalGigahertz;
        double transition = WorldSwitchRoundTripCycles / 2 * nsPerCycle;
        double userspace = (KvmRunIoctlCycles - WorldSwitchRoundTripCycles) * nsPerCycle;
        string source = string.Create(CultureInfo.InvariantCulture,
            $"published: VMRUN-to-#VMEXIT ~{WorldSwitchRoundTripCycles} cycles and KVM_RUN immediate exit ~{KvmRunIoctlCycles} cycles " +
            $"(LKML 2020-12, SVM, CPU not stated), at an assumed {NominalGigahertz} GHz; not measured on this machine");
        return new CostTable("published-lkml-2020", source, calibrated: false, Build(transition, userspace));
    }

    private static Dictionary<string, double> Build(double transitionNs, double userspaceNs) => new()
    {
        ["L2ToL0Exits"] = transitionNs,
        ["L0ToL2Entries"] = transitionNs,
        ["L0ToL1Entries"] = transitionNs,
        ["L1ToL0Exits"] = transitionNs,
        ["UserspaceRoundTrips"] = userspaceNs,
    };
}
