using NestedVirt.Paging;

namespace NestedVirt.Benchmarks.Paging.Native;

/// <summary>
/// A <see cref="WalkFixture"/> as the C walkers see it: the very same guest memory (pinned for
/// each call, never copied), the same roots (handed to the C code raw, which derives the rules
/// itself from the EPTP or the host state, model 03 §2) and the same address streams.
/// </summary>
internal sealed unsafe class NativeWalkFixture
{
    private NativePaging nested;
    private NativePaging guest;

    /// <summary>Binds the C walker of <paramref name="format"/> and <paramref name="dimension"/> to <paramref name="fixture"/>.</summary>
    /// <exception cref="InvalidOperationException">The C walkers are not built, or the fixture's memory is not one slot.</exception>
    public NativeWalkFixture(WalkFixture fixture, NestedFormat format, WalkDimension dimension)
    {
        if (NativeWalkers.SkipReason is string reason)
            throw new InvalidOperationException("C walkers unavailable: " + reason);
        if (fixture.Memory.SlotCount != 1)
            throw new InvalidOperationException("the C walkers model L1's memory as one slot");
        Fixture = fixture;
        Walker = (format, dimension) switch
        {
            (NestedFormat.Ept, WalkDimension.OneD) => NativeWalker.Ept1D,
            (NestedFormat.Npt, WalkDimension.OneD) => NativeWalker.Npt1D,
            (NestedFormat.Ept, _) => NativeWalker.Ept2D,
            _ => NativeWalker.Npt2D,
        };
        Stream = dimension == WalkDimension.OneD ? fixture.PhysicalStream : fixture.LinearStream;
        if ((Stream.Length & (Stream.Length - 1)) != 0)
            throw new InvalidOperationException("the stream length must be a power of two");

        PagingConfig n = fixture.Nested;
        PagingConfig g = fixture.Guest;
        fixed (NativePaging* nestedOut = &nested)
        fixed (NativePaging* guestOut = &guest)
        {
            int failed = format == NestedFormat.Ept
                ? NativeWalkers.EptPaging(n.Root, (ulong)EptVpidCapabilities.KvmNestedDefault, n.MaxPhysAddr, nestedOut)
                : NativeWalkers.NptPaging(n.Root, n.Levels, Flag(n, PagingFeatures.NoExecute), Flag(n, PagingFeatures.Pages1G), n.MaxPhysAddr, nestedOut);
            failed |= NativeWalkers.X64Paging(g.Root, g.Levels, Flag(g, PagingFeatures.NoExecute), Flag(g, PagingFeatures.WriteProtect),
                Flag(g, PagingFeatures.Pages1G), g.MaxPhysAddr, guestOut);
            if (failed != 0)
                throw new InvalidOperationException("the C walkers refused the fixture's roots");
        }
    }

    /// <summary>The C# fixture.</summary>
    public WalkFixture Fixture { get; }

    /// <summary>The C walker used.</summary>
    public NativeWalker Walker { get; }

    /// <summary>The stream the C# benchmark walks for this dimension.</summary>
    public ulong[] Stream { get; }

    /// <summary>Walks <paramref name="count"/> addresses of the stream (wrapping) in one call; returns the sum of the outputs.</summary>
    public ulong WalkStream(long count, AccessIntent intent = AccessIntent.Read)
    {
        // Pinned for the call only: the C code keeps no pointer.
        fixed (byte* bytes = Bytes(out ulong gpaBase))
        fixed (NativePaging* n = &nested)
        fixed (NativePaging* g = &guest)
        fixed (ulong* stream = Stream)
        {
            var memory = new NativeMemory { Bytes = bytes, Base = gpaBase, Size = (ulong)Fixture.Memory.TotalSize };
            return NativeWalkers.WalkStream(Walker, &memory, g, n, stream, (ulong)Stream.Length, (ulong)count, (uint)intent);
        }
    }

    /// <summary>One C walk of <paramref name="address"/>.</summary>
    public NativeResult WalkOne(ulong address, AccessIntent intent)
    {
        NativeResult result;
        fixed (byte* bytes = Bytes(out ulong gpaBase))
        fixed (NativePaging* n = &nested)
        fixed (NativePaging* g = &guest)
        {
            var memory = new NativeMemory { Bytes = bytes, Base = gpaBase, Size = (ulong)Fixture.Memory.TotalSize };
            NativeWalkers.Walk(Walker, &memory, g, n, address, (uint)intent, &result);
        }
        return result;
    }

    // The one slot's backing store: the bytes the C# walker reads, not a copy.
    private Span<byte> Bytes(out ulong gpaBase)
    {
        var slot = Fixture.Memory.GetSlot(0);
        gpaBase = slot.GpaBase;
        if (!Fixture.Memory.TryGetSpan(slot.GpaBase, checked((int)slot.Size), out Span<byte> bytes))
            throw new InvalidOperationException("guest memory is not addressable as one span");
        return bytes;
    }

    private static int Flag(in PagingConfig config, PagingFeatures feature) => config.Has(feature) ? 1 : 0;
}
