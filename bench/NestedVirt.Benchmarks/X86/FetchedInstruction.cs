namespace NestedVirt.Benchmarks.X86;

/// <summary>The instruction at L2's RIP that an SVM host without NRIPS fetches and decodes.</summary>
public enum FetchedInstruction
{
    /// <summary>The hypercall page's <c>vmmcall</c>: one walk.</summary>
    Hypercall,

    /// <summary>A 15-byte instruction that crosses a page boundary: two walks.</summary>
    Straddling,
}
