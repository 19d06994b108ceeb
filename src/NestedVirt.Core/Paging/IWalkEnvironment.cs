namespace NestedVirt.Paging;

/// <summary>
/// What the walked tables sit on. A 1-D walk reads L1's EPT/NPT directly from L1's memory; the
/// guest dimension of a 2-D walk must first translate every table address through L1's EPT/NPT
/// (KVM's <c>kvm_translate_gpa</c> hook inside <c>walk_addr_generic</c>, W-14) and may skip
/// upper levels through a paging-structure cache. Implemented by structs so the JIT specialises
/// the walker per environment and the direct case costs nothing.
/// </summary>
internal interface IWalkEnvironment
{
    /// <summary>
    /// Entries sit at the walked addresses themselves and nothing the walk does before it reads
    /// its last entry is observable, so a walk that leaves L1's first memory slot may restart
    /// from the root through <c>DirectTables&lt;AnySlot&gt;</c> (a constant per environment: the JIT
    /// keeps only one branch).
    /// </summary>
    static abstract bool ReadsFirstSlot { get; }

    /// <summary>Where the entry at <paramref name="entryAddress"/> lies in L1's memory.</summary>
    /// <param name="entryAddress">Address of the entry in the walked dimension.</param>
    /// <param name="l1Address">The L1 guest-physical address to read it from.</param>
    /// <returns>False when the address does not translate; <see cref="Fault"/> then holds the nested fault.</returns>
    bool TryLocateEntry(ulong entryAddress, out ulong l1Address);

    /// <summary>A cached upper-level entry covering <paramref name="address"/>: resume the walk at <paramref name="level"/>.</summary>
    bool TryResume(ulong address, int levels, out int level, out ulong table, out PageAccess granted);

    /// <summary>Whether <see cref="Remember"/> keeps anything (a constant per environment, so the JIT drops the call site).</summary>
    bool RemembersEntries { get; }

    /// <summary>Offers a non-leaf entry, whose accessed flag is set, to the paging-structure cache.</summary>
    void Remember(ulong address, int level, ulong nextTable, PageAccess granted);

    /// <summary>
    /// Turns the walk's output into the final address before any accessed/dirty bit is set: the
    /// identity for a 1-D walk; for a 2-D walk the translation of the final L2 GPA through L1's
    /// table with the original access (W-14: KVM's <c>walk_addr_generic</c> translates the
    /// final GPA and only then sets A/D, so a fault there leaves the guest's entries untouched).
    /// </summary>
    /// <param name="address">The walk's output on entry; the final address on success.</param>
    /// <param name="size">The walk's page size on entry; the smaller of it and the final translation's on success.</param>
    /// <param name="intent">The access, as the walk checked it.</param>
    /// <returns>False when the final address does not translate; <see cref="Fault"/> then holds the nested fault.</returns>
    bool TryFinish(ref ulong address, ref PageSize size, AccessIntent intent);

    /// <summary>
    /// The nested fault after <see cref="TryLocateEntry"/> or <see cref="TryFinish"/> returned
    /// false (kept by the environment rather than returned through an out parameter, so the
    /// walk loop never zeroes or copies a result on success).
    /// </summary>
    WalkResult Fault { get; }

    /// <summary>Entries read by nested translations so far.</summary>
    int NestedEntriesRead { get; }
}
