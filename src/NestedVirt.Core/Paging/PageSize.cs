namespace NestedVirt.Paging;

/// <summary>Size of the page a translation ended in; the value is the page-offset width in bits.</summary>
public enum PageSize : byte
{
    /// <summary>Not translated.</summary>
    None = 0,

    /// <summary>4 KiB page (a level-1 leaf).</summary>
    Size4K = 12,

    /// <summary>2 MiB page (a PDE with bit 7 set).</summary>
    Size2M = 21,

    /// <summary>1 GiB page (a PDPTE with bit 7 set).</summary>
    Size1G = 30,
}
