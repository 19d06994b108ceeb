namespace NestedVirt.Harness.Kvm;

/// <summary>
/// One calibration micro-test: nanoseconds per exit on this machine, summarised over
/// <see cref="Batches"/> timed batches of <see cref="IterationsPerBatch"/> guest loop iterations.
/// Plain properties so <c>System.Text.Json</c> stores it in a results envelope as is.
/// </summary>
public sealed class ExitCostSample
{
    /// <summary>Test name, stable for grep: <c>ioctl</c>, <c>outb_to_user</c>, <c>hlt_to_user</c>, <c>guest_loop</c>, <c>cpuid</c>.</summary>
    public string Name { get; set; } = "";

    /// <summary>Median over the batches of nanoseconds per exit (per iteration for <c>guest_loop</c>, per call for <c>ioctl</c>).</summary>
    public double MedianNs { get; set; }

    /// <summary>Smallest batch value, same unit as <see cref="MedianNs"/>.</summary>
    public double MinNs { get; set; }

    /// <summary>Largest batch value, same unit as <see cref="MedianNs"/>.</summary>
    public double MaxNs { get; set; }

    /// <summary>How many timed batches the summary covers (warm-up batches excluded).</summary>
    public int Batches { get; set; }

    /// <summary>Loop iterations per timed batch.</summary>
    public long IterationsPerBatch { get; set; }

    /// <summary>
    /// The guest's own iteration counter (ESI) read back with <c>KVM_GET_REGS</c> after the last
    /// batch: proof the guest ran the loop; null for <c>ioctl</c>, which runs no guest.
    /// </summary>
    public long? GuestIterations { get; set; }
}
