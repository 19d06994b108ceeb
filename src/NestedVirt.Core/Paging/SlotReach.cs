namespace NestedVirt.Paging;

/// <summary>
/// Which memory slots a 1-D walk's loop reads without a call (a type parameter of
/// <see cref="DirectTables{TReach}"/>, so the JIT compiles one loop per reach).
/// </summary>
internal interface ISlotReach
{
    /// <summary>True: the first slot only, inline; false: any slot, through the slot lookup.</summary>
    static abstract bool FirstSlotOnly { get; }
}

/// <summary>The first memory slot only: the loop of every 1-D walk holds no call.</summary>
internal struct FirstSlot : ISlotReach
{
    public static bool FirstSlotOnly => true;
}

/// <summary>Any memory slot: where a walk continues when an entry lies outside the first.</summary>
internal struct AnySlot : ISlotReach
{
    public static bool FirstSlotOnly => false;
}
