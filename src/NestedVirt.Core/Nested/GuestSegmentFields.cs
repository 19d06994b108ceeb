using System.Runtime.CompilerServices;

namespace NestedVirt.Nested;

/// <summary>
/// The 36 guest segment fields of a VMCS, the eVMCS GUEST_GRP2 group (model 01 §4.3): 8 selectors
/// (ES, CS, SS, DS, FS, GS, LDTR, TR), 10 limits (those plus GDTR, IDTR), 8 access rights and 10
/// bases, stored in that order as 64-bit values. Index with the <c>*Start</c> constants.
/// </summary>
[InlineArray(Count)]
public struct GuestSegmentFields
{
    /// <summary>Number of fields (36).</summary>
    public const int Count = 36;

    /// <summary>Index of the ES selector; 8 selectors follow in ES, CS, SS, DS, FS, GS, LDTR, TR order.</summary>
    public const int SelectorStart = 0;

    /// <summary>Index of the ES limit; 10 limits (the 8 segments, GDTR, IDTR).</summary>
    public const int LimitStart = 8;

    /// <summary>Index of the ES access rights; 8 access-rights fields.</summary>
    public const int AccessRightsStart = 18;

    /// <summary>Index of the ES base; 10 bases.</summary>
    public const int BaseStart = 26;

    /// <summary>Index of the CS access rights (synced with the common group, not the rare one).</summary>
    public const int CsAccessRights = AccessRightsStart + 1;

    /// <summary>Index of the SS access rights (synced with the common group, not the rare one).</summary>
    public const int SsAccessRights = AccessRightsStart + 2;

    private ulong element0;
}
