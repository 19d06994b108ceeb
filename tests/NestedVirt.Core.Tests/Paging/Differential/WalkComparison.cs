using NestedVirt.Memory;
using NestedVirt.Paging;
using NestedVirt.Tests.Paging.Reference;

namespace NestedVirt.Tests.Paging.Differential;

/// <summary>Translates between the core's types and the reference's, and lists every field where they disagree.</summary>
internal static class WalkComparison
{
    public static ReferenceAccess ToReference(AccessIntent intent) => new()
    {
        Read = (intent & AccessIntent.Read) != 0,
        Write = (intent & AccessIntent.Write) != 0,
        Fetch = (intent & AccessIntent.Fetch) != 0,
        User = (intent & AccessIntent.User) != 0,
        GuestLinear = (intent & AccessIntent.GuestLinear) != 0,
        GuestPagingEntry = (intent & AccessIntent.GuestPagingEntry) != 0,
    };

    public static ReferenceStatus ToReference(WalkStatus status) => status switch
    {
        WalkStatus.Translated => ReferenceStatus.Translated,
        WalkStatus.NotPresent => ReferenceStatus.NotPresent,
        WalkStatus.PermissionFault => ReferenceStatus.PermissionFault,
        WalkStatus.Misconfigured => ReferenceStatus.Misconfigured,
        WalkStatus.TableOutsideMemory => ReferenceStatus.TableOutsideMemory,
        WalkStatus.AddressTooWide => ReferenceStatus.AddressTooWide,
        WalkStatus.InvalidRoot => ReferenceStatus.InvalidRoot,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>Every disagreeing field, or null when the two results are the same.</summary>
    public static string? Differences(in WalkResult core, ReferenceResult reference, bool compareEntriesRead)
    {
        var d = new List<string>();
        if (ToReference(core.Status) != reference.Status) d.Add("status");
        if (core.Address != reference.Address) d.Add("address");
        if (core.FaultCode != reference.FaultCode) d.Add("fault code");
        int pageBits = core.PageSize switch
        {
            PageSize.None => 0,
            PageSize.Size4K => 12,
            PageSize.Size2M => 21,
            PageSize.Size1G => 30,
            _ => -1,
        };
        if (pageBits != reference.PageSizeBits) d.Add("page size");
        if (core.Level != reference.Level) d.Add("level");
        if (((core.Permissions & PageAccess.Read) != 0) != reference.CanRead
            || ((core.Permissions & PageAccess.Write) != 0) != reference.CanWrite
            || ((core.Permissions & PageAccess.Execute) != 0) != reference.CanExecute
            || ((core.Permissions & PageAccess.User) != 0) != reference.CanUser)
            d.Add("permissions");
        var stage = core.Stage switch
        {
            FaultStage.None => ReferenceStage.None,
            FaultStage.Nested => ReferenceStage.Nested,
            _ => ReferenceStage.Guest,
        };
        if (stage != reference.Stage) d.Add("stage");
        if (compareEntriesRead && core.EntriesRead != reference.EntriesRead) d.Add("entries read");
        return d.Count == 0 ? null : string.Join(", ", d);
    }

    /// <summary>First address among <paramref name="addresses"/> whose 8 bytes differ between the two memories.</summary>
    public static ulong? FirstEntryDifference(GuestMemory a, GuestMemory b, IEnumerable<ulong> addresses)
    {
        foreach (ulong address in addresses)
        {
            a.TryReadUInt64(address, out ulong x);
            b.TryReadUInt64(address, out ulong y);
            if (x != y)
                return address;
        }
        return null;
    }

    /// <summary>Offset of the first differing byte of two single-slot memories at GPA 0, or −1.</summary>
    public static long FirstByteDifference(GuestMemory a, GuestMemory b)
    {
        Assert.True(a.TryGetSpan(0, (int)a.TotalSize, out Span<byte> x));
        Assert.True(b.TryGetSpan(0, (int)b.TotalSize, out Span<byte> y));
        if (x.SequenceEqual(y))
            return -1;
        for (int i = 0; i < x.Length; i++)
        {
            if (x[i] != y[i])
                return i;
        }
        return -1;
    }

    /// <summary>Makes <paramref name="target"/> a byte copy of <paramref name="source"/> (same single slot at GPA 0).</summary>
    public static void CopyMemory(GuestMemory source, GuestMemory target)
    {
        Assert.True(source.TryGetSpan(0, (int)source.TotalSize, out Span<byte> from));
        Assert.True(target.TryGetSpan(0, (int)target.TotalSize, out Span<byte> to));
        from.CopyTo(to);
    }
}
