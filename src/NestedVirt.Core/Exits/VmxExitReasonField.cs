namespace NestedVirt.Exits;

/// <summary>
/// The 32-bit VMX "exit reason" VMCS field (Intel SDM Vol 3C §28.2.1 "Basic VM-Exit Information",
/// §27.2.1 in older editions; model 01 §1): basic reason in bits 15:0 plus flag bits.
/// </summary>
/// <param name="raw">The field as read from the VMCS.</param>
public readonly struct VmxExitReasonField(uint raw) : IEquatable<VmxExitReasonField>
{
    /// <summary>Bit 26: a bus lock was asserted during the exiting instruction (the reason is not BUS_LOCK itself).</summary>
    public const uint BusLockDetectedBit = 1u << 26;

    /// <summary>Bit 27: the exit came from SGX enclave mode (Linux <c>VMX_EXIT_REASONS_SGX_ENCLAVE_MODE</c>; model 01 §1).</summary>
    public const uint EnclaveModeBit = 1u << 27;

    /// <summary>Bit 31: VM-entry failure (<c>0x80000000</c>).</summary>
    public const uint EntryFailureBit = 1u << 31;

    /// <summary>The whole 32-bit field.</summary>
    public uint Raw { get; } = raw;

    /// <summary>Bits 15:0, the number every dispatch switches on.</summary>
    public ushort Basic => (ushort)Raw;

    /// <summary><see cref="Basic"/> as the enum (may name no member for an unknown number).</summary>
    public VmxExitReason Reason => (VmxExitReason)(ushort)Raw;

    /// <summary>Bit 26 (KVM <c>union vmx_exit_reason.bus_lock_detected</c>).</summary>
    public bool BusLockDetected => (Raw & BusLockDetectedBit) != 0;

    /// <summary>Bit 27 (Xen <c>VMX_EXIT_REASONS_SGX_ENCLAVE_MODE</c>).</summary>
    public bool EnclaveMode => (Raw & EnclaveModeBit) != 0;

    /// <summary>Bit 31: the exit reports a failed VM entry (reasons 33, 34, 41).</summary>
    public bool EntryFailure => (Raw & EntryFailureBit) != 0;

    /// <summary>Builds a field from a basic reason and optional flag bits.</summary>
    public static VmxExitReasonField From(VmxExitReason reason, bool entryFailure = false) =>
        new((ushort)reason | (entryFailure ? EntryFailureBit : 0));

    /// <inheritdoc/>
    public bool Equals(VmxExitReasonField other) => Raw == other.Raw;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is VmxExitReasonField other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => (int)Raw;

    /// <summary>Equality of the raw fields.</summary>
    public static bool operator ==(VmxExitReasonField left, VmxExitReasonField right) => left.Raw == right.Raw;

    /// <summary>Inequality of the raw fields.</summary>
    public static bool operator !=(VmxExitReasonField left, VmxExitReasonField right) => left.Raw != right.Raw;
}
