namespace NestedVirt.Counters;

/// <summary>
/// Deterministic event counts of one modelled path (an exit routed, a hypercall relayed or
/// reflected, a walk). Every path adds into one instance passed by <see langword="ref"/>; the
/// benchmark harness stores them beside the timings and multiplies them by a cost table to give
/// a modelled latency. Counts are exact for a given input, so a change is a model change.
/// </summary>
public struct PathCounters
{
    /// <summary>Hardware exits from L2 that land in L0 (VM exit on vmcs02 / #VMEXIT on vmcb02).</summary>
    public int L2ToL0Exits;

    /// <summary>L0 entries into L2 (VMRESUME on vmcs02 / VMRUN on vmcb02).</summary>
    public int L0ToL2Entries;

    /// <summary>L0 entries into L1 (after a reflected exit, or to run L1's handler).</summary>
    public int L0ToL1Entries;

    /// <summary>Exits from L1 to L0 (L1's VMRESUME/VMRUN, VMREAD/VMWRITE without eVMCS, L1 hypercalls).</summary>
    public int L1ToL0Exits;

    /// <summary>Round trips from L0 to the userspace VMM and back (KVM_EXIT_HYPERV and the next KVM_RUN).</summary>
    public int UserspaceRoundTrips;

    /// <summary>VMCS/VMCB fields read by L0 (vmcs02/vmcs12/eVMCS or vmcb02/vmcb12).</summary>
    public int VmcsFieldsRead;

    /// <summary>VMCS/VMCB fields written by L0.</summary>
    public int VmcsFieldsWritten;

    /// <summary>8-byte page-table entries read from guest memory by walks.</summary>
    public int GuestEntriesRead;

    /// <summary>Bytes read from guest memory outside walks (bitmaps, messages, assist pages).</summary>
    public int GuestBytesRead;

    /// <summary>Bytes written to guest memory outside walks (A/D bits excluded).</summary>
    public int GuestBytesWritten;

    /// <summary>Page walks started (1-D nested walks and 2-D walks each count one).</summary>
    public int Walks;

    /// <summary>Hypercalls handled to completion by L0 (in kernel or through userspace).</summary>
    public int HypercallsCompleted;

    /// <summary>Adds every count of <paramref name="other"/> into this instance.</summary>
    public void Add(in PathCounters other)
    {
        L2ToL0Exits += other.L2ToL0Exits;
        L0ToL2Entries += other.L0ToL2Entries;
        L0ToL1Entries += other.L0ToL1Entries;
        L1ToL0Exits += other.L1ToL0Exits;
        UserspaceRoundTrips += other.UserspaceRoundTrips;
        VmcsFieldsRead += other.VmcsFieldsRead;
        VmcsFieldsWritten += other.VmcsFieldsWritten;
        GuestEntriesRead += other.GuestEntriesRead;
        GuestBytesRead += other.GuestBytesRead;
        GuestBytesWritten += other.GuestBytesWritten;
        Walks += other.Walks;
        HypercallsCompleted += other.HypercallsCompleted;
    }

    /// <summary>Hardware world switches of every kind (the dominant cost of a nested path).</summary>
    public readonly int Transitions =>
        L2ToL0Exits + L0ToL2Entries + L0ToL1Entries + L1ToL0Exits;
}
