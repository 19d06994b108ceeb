namespace NestedVirt.L0;

/// <summary>
/// Xen's <c>NESTEDHVM_PAGEFAULT_*</c> (model 03 §8, W-24), numbered as there: the outcome of
/// an L2 page fault handled through L1's tables. Defined in every build (B-15).
/// </summary>
public enum NestedPageFaultResult
{
    /// <summary><c>DONE</c>: translation fixed, L2 resumes.</summary>
    Done = 0,

    /// <summary><c>INJECT</c>: L1's table does not map it; deliver the fault to L1.</summary>
    Inject = 1,

    /// <summary><c>L1_ERROR</c>: translating the L2 GPA to an L1 GPA failed.</summary>
    L1Error = 2,

    /// <summary><c>L0_ERROR</c>: not usable as RAM in L0's p2m; the ordinary L0 fault path continues (the compiled-out stub's value).</summary>
    L0Error = 3,

    /// <summary><c>MMIO</c>: emulated MMIO.</summary>
    Mmio = 4,

    /// <summary><c>RETRY</c>: a page of L1's table is paged out.</summary>
    Retry = 5,

    /// <summary><c>DIRECT_MMIO</c>: passthrough MMIO.</summary>
    DirectMmio = 6,
}
