namespace NestedVirt.Tests.Paging.Reference;

/// <summary>What an access asks for, as plain flags.</summary>
internal struct ReferenceAccess
{
    public bool Read;
    public bool Write;
    public bool Fetch;

    /// <summary>CPL 3 (guest tables); NPT treats every access as user whatever this says (N-05).</summary>
    public bool User;

    /// <summary>The GPA came from a guest linear address (EPT qualification bit 7).</summary>
    public bool GuestLinear;

    /// <summary>The access reads a guest paging-structure entry (qualification bit 8 clear; #NPF bit 33).</summary>
    public bool GuestPagingEntry;

    public override readonly string ToString() =>
        (Read ? "R" : "") + (Write ? "W" : "") + (Fetch ? "X" : "") + (User ? "U" : "")
        + (GuestLinear ? "+linear" : "") + (GuestPagingEntry ? "+table" : "");
}
