namespace NestedVirt.Hypercalls;

/// <summary>
/// TLFS "Alignment Requirements": an input or output GPA is 8-byte aligned and its parameter
/// block does not cross a page boundary. (The third rule, "inside the GPA space", is the guest
/// memory read failing.) All three violations are INVALID_ALIGNMENT.
/// </summary>
internal static class HypercallAlignment
{
    public const ulong PageSize = 4096;

    public static bool IsAlignedWithinPage(ulong gpa, uint length) =>
        (gpa & 7) == 0 && (gpa & (PageSize - 1)) + length <= PageSize;
}
