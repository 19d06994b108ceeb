namespace NestedVirt.Kvm;

/// <summary>
/// Per-VM capability state: the <c>KVM_ENABLE_CAP</c> and <c>KVM_CHECK_EXTENSION</c> VM ioctls
/// for the nested Hyper-V relay (R-01, C-01 to C-04) and the Hyper-V eventfd capability.
/// </summary>
/// <remarks>
/// The relay capability's number and its probe answer are configuration: the number is not final
/// (see <see cref="KvmCap.NestedHypervHcallRelay"/>) and the patch, unlike the convention, answers
/// the probe with 0 (<see cref="RelayCheckExtensionBehavior"/>). A kernel without the patch is
/// modelled with <c>relaySupported: false</c>: enabling fails with -EINVAL and probing returns 0.
/// </remarks>
public sealed class KvmVmCapabilities
{
    private readonly uint relayCapability;
    private readonly bool relaySupported;
    private readonly RelayCheckExtensionBehavior checkBehavior;
    private NestedHypervRelayMask relayMask;

    /// <summary>Creates the capability state of a new VM (relay off).</summary>
    /// <param name="relayCapability">The relay's capability number (default: the patch's "OVMR").</param>
    /// <param name="checkBehavior">What the relay probe returns.</param>
    /// <param name="relaySupported">Whether the kernel carries the relay patch at all.</param>
    public KvmVmCapabilities(
        uint relayCapability = KvmCap.NestedHypervHcallRelay,
        RelayCheckExtensionBehavior checkBehavior = RelayCheckExtensionBehavior.SupportedMask,
        bool relaySupported = true)
    {
        if (relayCapability == KvmCap.HypervEventfd)
            ThrowHelper.ThrowArgument(nameof(relayCapability), "the relay number collides with KVM_CAP_HYPERV_EVENTFD");
        this.relayCapability = relayCapability;
        this.checkBehavior = checkBehavior;
        this.relaySupported = relaySupported;
    }

    /// <summary>The relay capability number this VM answers to.</summary>
    public uint RelayCapability => relayCapability;

    /// <summary>The enabled relay mask (<c>kvm-&gt;arch.nested_hv_relay_mask</c>); <see cref="NestedHypervRelayMask.None"/> = off.</summary>
    public NestedHypervRelayMask RelayMask => relayMask;

    /// <summary>
    /// <c>KVM_ENABLE_CAP</c> on the VM fd. Returns 0 or a negated <see cref="LinuxErrno"/> value:
    /// flags ≠ 0 → -EINVAL before looking at the capability (C-02); an unknown capability →
    /// -EINVAL (C-02); a relay mask with a bit outside <see cref="NestedHypervRelayMask.All"/> →
    /// -EINVAL and the old mask stays (C-03, R-01). A mask of 0 turns the relay off.
    /// </summary>
    public int EnableCap(in KvmEnableCap cap)
    {
        if (cap.Flags != 0)
            return -LinuxErrno.EINVAL;

        if (relaySupported && cap.Cap == relayCapability)
        {
            if ((cap.Arg0 & ~(ulong)NestedHypervRelayMask.All) != 0)
                return -LinuxErrno.EINVAL;
            relayMask = (NestedHypervRelayMask)cap.Arg0;
            return 0;
        }

        // KVM_CAP_HYPERV_EVENTFD is probe-only; every other capability is outside the model.
        return -LinuxErrno.EINVAL;
    }

    /// <summary>
    /// <c>KVM_CHECK_EXTENSION</c> on the VM fd (C-04): 0 = unsupported. The relay answers its
    /// supported mask or 0 as configured; <c>KVM_CAP_HYPERV_EVENTFD</c> answers 1.
    /// </summary>
    public int CheckExtension(uint cap)
    {
        if (relaySupported && cap == relayCapability)
        {
            return checkBehavior == RelayCheckExtensionBehavior.SupportedMask
                ? (int)NestedHypervRelayMask.All
                : 0;
        }

        return cap == KvmCap.HypervEventfd ? 1 : 0;
    }
}
