namespace NestedVirt.Harness.Kvm;

/// <summary>How long and how hard <see cref="ExitCostCalibrator"/> measures.</summary>
public sealed class ExitCostCalibrationOptions
{
    /// <summary>The KVM device to open.</summary>
    public string DevicePath { get; init; } = "/dev/kvm";

    /// <summary>Timed batches per test, after the warm-up.</summary>
    public int Batches { get; init; } = 10;

    /// <summary>
    /// When set, every batch runs exactly this many loop iterations and no doubling happens
    /// (short runs, tests). When null, the count doubles from <see cref="InitialIterations"/>
    /// until one batch takes <see cref="TargetBatchTime"/>, as kvm-unit-tests' vmexit doubles
    /// until a measurement spans 2^30 TSC cycles.
    /// </summary>
    public long? FixedIterations { get; init; }

    /// <summary>Where the doubling starts.</summary>
    public long InitialIterations { get; init; } = 256;

    /// <summary>Upper bound of the doubling; the guest's counter is 32-bit.</summary>
    public long MaxIterations { get; init; } = 1 << 24;

    /// <summary>Batch length the doubling aims for.</summary>
    public TimeSpan TargetBatchTime { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Wall-clock budget for all tests together, shared equally; a test stops taking batches when its share is spent.</summary>
    public TimeSpan Budget { get; init; } = TimeSpan.FromSeconds(12);
}
