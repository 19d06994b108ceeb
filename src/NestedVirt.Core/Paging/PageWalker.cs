using System.Diagnostics;
using System.Runtime.CompilerServices;
using NestedVirt.Memory;

namespace NestedVirt.Paging;

/// <summary>
/// The one page-table walker, generic over the entry format (KVM <c>paging_tmpl.h</c>'s
/// <c>walk_addr_generic</c>, specialised by the JIT instead of the preprocessor). Level by level
/// from the root: locate and read the entry; not present ends the walk; then the format's
/// misconfiguration checks (E-06: that order, the first failure wins); AND the rights; stop
/// at a leaf. Then the permission check (E-07), then the environment's final translation (a 2-D
/// walk's final GPA, W-14), then accessed/dirty bits (set only after a successful walk, as
/// KVM's <c>update_accessed_dirty_bits</c> does). Never throws for guest
/// data and never allocates.
/// </summary>
public static class PageWalker
{
    private const int IndexBits = 9;
    private const ulong IndexMask = (1UL << IndexBits) - 1;

    /// <summary>Walks one dimension: an L2 GPA through L1's EPT or NPT (or any format) to an L1 GPA.</summary>
    /// <typeparam name="TFormat"><see cref="EptFormat"/>, <see cref="NptFormat"/> or <see cref="X64GuestFormat"/>.</typeparam>
    /// <param name="memory">L1's memory, holding the tables.</param>
    /// <param name="config">Root, levels and rules.</param>
    /// <param name="address">The address to translate.</param>
    /// <param name="intent">The access.</param>
    /// <param name="state">Per-level scratch; on return it holds the entries used.</param>
    /// <exception cref="ArgumentNullException"><paramref name="memory"/> is null.</exception>
    public static WalkResult Walk<TFormat>(GuestMemory memory, in PagingConfig config, ulong address, AccessIntent intent, ref WalkState state)
        where TFormat : struct, IPageTableFormat
    {
        if (memory is null)
            ThrowHelper.ThrowArgumentNull(nameof(memory));
        var direct = default(DirectTables<FirstSlot>);
        return WalkCore<TFormat, DirectTables<FirstSlot>>(memory, config, address, intent, ref direct, ref state);
    }

    /// <summary>As <see cref="Walk{TFormat}(GuestMemory, in PagingConfig, ulong, AccessIntent, ref WalkState)"/> with state on this method's stack.</summary>
    public static WalkResult Walk<TFormat>(GuestMemory memory, in PagingConfig config, ulong address, AccessIntent intent)
        where TFormat : struct, IPageTableFormat
    {
        // The walker writes every slot it later reads, so the 88-byte state need not be zeroed.
        Unsafe.SkipInit(out WalkState state);
        return Walk<TFormat>(memory, config, address, intent, ref state);
    }

    internal static WalkResult WalkCore<TFormat, TEnv>(GuestMemory memory, in PagingConfig config, ulong address,
        AccessIntent intent, ref TEnv env, ref WalkState state)
        where TFormat : struct, IPageTableFormat
        where TEnv : struct, IWalkEnvironment, allows ref struct
    {
        intent = TFormat.Normalize(intent);
        int level = config.Levels;
        state.Levels = level;
        if (!config.RootValid)
            return Fault<TFormat>(ref state, WalkStatus.InvalidRoot, address, intent, PageAccess.None, level, 0, level + 1);
        if (!TFormat.IsAddressInRange(address, level))
            return Fault<TFormat>(ref state, WalkStatus.AddressTooWide, address, intent, PageAccess.None, level, 0, level + 1);

        ulong table = config.RootTable;
        var granted = PageAccess.All;
        if (env.TryResume(address, level, out int resumeLevel, out ulong resumeTable, out PageAccess resumeGranted))
        {
            level = resumeLevel;
            table = resumeTable;
            granted = resumeGranted;
        }

        int top = level;
        PageAccess topGranted = granted;
        ulong entry;
        // AND of every entry read: if it holds A, a warm walk has no A/D work to do at all.
        ulong allEntries = ulong.MaxValue;
        // 1 <= level <= 5 in the loop: Levels is 4 or 5 for a valid root, and a resume starts
        // at most at level 4; so the per-level slots are indexed without a bounds check.
        ref ulong entryAddresses = ref state.EntryAddress[0];
        ref ulong entries = ref state.Entry[0];
        while (true)
        {
            Debug.Assert(level is >= 1 and <= 5);
            int shift = 12 + (IndexBits * (level - 1));
            ulong entryAddress = table + (((address >> shift) & IndexMask) << 3);
            ulong located;
            if (TEnv.ReadsFirstSlot)
            {
                // No call in this loop, so its state stays in registers. Nothing observable has
                // happened yet (entries and A/D are written only at the end), so an entry in
                // another slot restarts the walk through the slot lookup.
                if (!memory.TryReadUInt64FirstSlot(entryAddress, out entry))
                    return WalkAnySlot<TFormat>(memory, config, address, intent, ref state);
                located = entryAddress;
            }
            else
            {
                if (!env.TryLocateEntry(entryAddress, out located))
                {
                    state.LowestLevel = level + 1;
                    return env.Fault.WithEntriesRead(top - level + env.NestedEntriesRead);
                }
                if (!memory.TryReadUInt64FirstSlot(located, out entry) && !memory.TryReadUInt64(located, out entry))
                    return Fault<TFormat>(ref state, WalkStatus.TableOutsideMemory, address, intent, granted, level, top - level + env.NestedEntriesRead, level + 1);
            }

            allEntries &= entry;
            Unsafe.Add(ref entryAddresses, level - 1) = located;
            Unsafe.Add(ref entries, level - 1) = entry;

            if (!TFormat.IsPresent(entry))
                return Fault<TFormat>(ref state, WalkStatus.NotPresent, address, intent, PageAccess.None, level, top - level + 1 + env.NestedEntriesRead, level);
            granted &= TFormat.AccessOf(entry, config);
            if (TFormat.IsMisconfigured(entry, level, config))
                return Fault<TFormat>(ref state, WalkStatus.Misconfigured, address, intent, granted, level, top - level + 1 + env.NestedEntriesRead, level);
            if (TFormat.IsLeaf(entry, level))
                break;

            table = entry & config.FrameMask;
            level--;
        }

        state.LowestLevel = level;
        int reads = top - level + 1;
        if (!TFormat.Permits(granted, intent, config))
            return Fault<TFormat>(ref state, WalkStatus.PermissionFault, address, intent, granted, level, reads + env.NestedEntriesRead, level);

        int pageShift = 12 + (IndexBits * (level - 1));
        ulong pageMask = (1UL << pageShift) - 1;
        ulong output = (entry & config.FrameMask & ~pageMask) | (address & pageMask);
        var size = (PageSize)pageShift;
        // A 2-D walk translates its final GPA here, before A/D: a fault there sets nothing (W-14).
        if (!env.TryFinish(ref output, ref size, intent))
            return env.Fault.WithEntriesRead(reads + env.NestedEntriesRead);

        bool write = (intent & AccessIntent.Write) != 0;
        if (config.Has(PagingFeatures.AccessedDirty)
            && ((allEntries & TFormat.AccessedBit) == 0 || (write && (entry & TFormat.DirtyBit) == 0)))
            SetAccessedDirty<TFormat>(memory, ref state, top, level, write);

        // SDM 3A 4.10.3.1: no paging-structure-cache entry for an entry whose accessed flag is 0.
        // A is set only once a walk succeeded, so only now are the upper entries offered to the
        // cache; a walk that resumes from it then never skips an entry left without A.
        if (env.RemembersEntries)
            RememberPath<TFormat, TEnv>(ref env, config, ref state, address, top, level, topGranted);

        return new WalkResult(output, 0, WalkStatus.Translated, size, level, granted, FaultStage.None,
            reads + env.NestedEntriesRead);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WalkResult WalkAnySlot<TFormat>(GuestMemory memory, in PagingConfig config, ulong address, AccessIntent intent, ref WalkState state)
        where TFormat : struct, IPageTableFormat
    {
        var anySlot = default(DirectTables<AnySlot>);
        return WalkCore<TFormat, DirectTables<AnySlot>>(memory, config, address, intent, ref anySlot, ref state);
    }

    /// <summary>
    /// Sets A in every entry read and D in the leaf on a write (SDM 3C 29.3.5; APM 2 15.25.8).
    /// Entries that already hold the bits are not rewritten, so a warm walk writes nothing.
    /// </summary>
    private static void SetAccessedDirty<TFormat>(GuestMemory memory, ref WalkState state, int top, int leaf, bool write)
        where TFormat : struct, IPageTableFormat
    {
        for (int level = top; level >= leaf; level--)
        {
            ulong entry = state.Entry[level - 1];
            ulong updated = entry | TFormat.AccessedBit;
            if (level == leaf && write)
                updated |= TFormat.DirtyBit;
            if (updated != entry)
            {
                memory.TryWriteUInt64(state.EntryAddress[level - 1], updated);
                state.Entry[level - 1] = updated;
            }
        }
    }

    /// <summary>Offers the non-leaf entries from <paramref name="top"/> down to the leaf's parent, with the rights ANDed so far.</summary>
    private static void RememberPath<TFormat, TEnv>(ref TEnv env, in PagingConfig config, ref WalkState state, ulong address,
        int top, int leaf, PageAccess granted)
        where TFormat : struct, IPageTableFormat
        where TEnv : struct, IWalkEnvironment, allows ref struct
    {
        for (int level = top; level > leaf; level--)
        {
            ulong entry = state.Entry[level - 1];
            granted &= TFormat.AccessOf(entry, config);
            env.Remember(address, level, entry & config.FrameMask, granted);
        }
    }

    /// <summary>A fault result; records in <paramref name="state"/> the lowest level reached (one above the root when no entry was read).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WalkResult Fault<TFormat>(ref WalkState state, WalkStatus status, ulong address, AccessIntent intent, PageAccess granted,
        int level, int reads, int lowest)
        where TFormat : struct, IPageTableFormat
    {
        state.LowestLevel = lowest;
        return new(address, TFormat.FaultCode(status, intent, granted), status, PageSize.None, level, granted, TFormat.Stage, reads);
    }
}
