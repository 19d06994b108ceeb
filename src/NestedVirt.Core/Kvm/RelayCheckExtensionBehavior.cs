namespace NestedVirt.Kvm;

/// <summary>What <c>KVM_CHECK_EXTENSION</c> answers for the relay capability.</summary>
public enum RelayCheckExtensionBehavior
{
    /// <summary>
    /// The convention for bitmask capabilities (C-04, as <c>KVM_CAP_X2APIC_API</c>): return the
    /// supported mask, so userspace can probe before enabling.
    /// </summary>
    SupportedMask,

    /// <summary>
    /// The published relay patch: it adds no <c>KVM_CHECK_EXTENSION</c> case, so probing returns 0
    /// even on a patched kernel (R-01, model sources §5.2).
    /// </summary>
    PatchReturnsZero,
}
