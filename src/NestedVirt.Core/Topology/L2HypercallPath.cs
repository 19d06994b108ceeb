namespace NestedVirt.Topology;

/// <summary>Which way an L2 hypercall exit went.</summary>
public enum L2HypercallPath : byte
{
    /// <summary>Nothing ran (the default value).</summary>
    None = 0,

    /// <summary>The relay kept it in L0 and L0 completed it.</summary>
    Relayed = 1,

    /// <summary>L0 handled it without the relay (a direct TLB flush, G-05; or L1 did not intercept it).</summary>
    HandledInL0 = 2,

    /// <summary>Reflected to L1, L1's handler ran, L1 resumed L2.</summary>
    Reflected = 3,

    /// <summary>#UD injected into L2 (D-13; or H-10, illegal caller mode, applied by L0 or, after reflection, by L1).</summary>
    UndefinedOpcode = 4,

    /// <summary>A step failed in a way the guest sees as a stuck vCPU (an L1 VM entry failure).</summary>
    Failed = 5,

    /// <summary>
    /// SVM without NRIPS: L0 could not fetch the instruction to learn its length. A fault in
    /// L2's own tables is injected into L2 as #PF (RIP unchanged, the call retried after the
    /// guest fixes its mapping); a fault in L1's NPT is delivered to L1 as #VMEXIT(NPF). KVM's
    /// emulator (EMULTYPE_SKIP) does the same with the fault its walker reports.
    /// </summary>
    FetchFault = 6,
}
