namespace NestedVirt.Benchmarks.Running;

/// <summary>How much to measure.</summary>
public enum RunMode
{
    /// <summary>Every suite's headline cases, 10 iterations each: minutes, enough for compare.</summary>
    Quick,

    /// <summary>Every case, 20 iterations each: the run to store before a cover letter.</summary>
    Full,

    /// <summary>One cold invocation per case: a smoke test for CI, numbers are meaningless.</summary>
    Dry,
}
