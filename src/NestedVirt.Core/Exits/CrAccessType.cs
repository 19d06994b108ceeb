namespace NestedVirt.Exits;

/// <summary>Access type, bits 5:4 of a VMX CR-access exit qualification (Intel SDM Vol 3C Table 28-3, 27-3 in older editions).</summary>
public enum CrAccessType : byte
{
    /// <summary>MOV to CR.</summary>
    MovToCr = 0,

    /// <summary>MOV from CR.</summary>
    MovFromCr = 1,

    /// <summary>CLTS.</summary>
    Clts = 2,

    /// <summary>LMSW.</summary>
    Lmsw = 3,
}
