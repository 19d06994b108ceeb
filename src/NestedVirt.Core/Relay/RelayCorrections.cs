namespace NestedVirt.Relay;

/// <summary>
/// Corrections to the posted relay patch for gaps model 02 §8 notes (R-02, model sources §5.4).
/// The default, <see cref="None"/>, models the patch exactly as posted.
/// </summary>
[Flags]
public enum RelayCorrections : byte
{
    /// <summary>The patch as posted: always reads RCX, ignores the caller's mode and CPL.</summary>
    None = 0,

    /// <summary>
    /// Read the call code and nested bit from EDX:EAX for a caller outside 64-bit mode, as
    /// <c>kvm_hv_is_tlb_flush_hcall</c> does (RCX vs EAX), and clear bit 31 there.
    /// </summary>
    CallerMode = 1,

    /// <summary>
    /// Relay only calls made at CPL 0: anything else goes on to reflection, where L1 raises the
    /// #UD the TLFS demands (hypercalls are legal only at CPL 0) instead of L0 handling them.
    /// </summary>
    RequireCpl0 = 2,

    /// <summary>Both corrections.</summary>
    All = CallerMode | RequireCpl0,
}
