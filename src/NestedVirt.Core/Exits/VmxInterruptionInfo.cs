namespace NestedVirt.Exits;

/// <summary>
/// The VMX VM-exit interruption-information field (Intel SDM Vol 3C §28.2.2): vector in bits 7:0,
/// type in 10:8, error-code-valid in bit 11, valid in bit 31. The predicates mirror KVM's
/// <c>is_nmi</c>/<c>is_exception_n</c> (<c>arch/x86/kvm/vmx/vmcs.h</c>): an "exception" test matches
/// only type 3 (hardware exception), so INT3 (type 6) is not <see cref="IsException"/> #BP.
/// </summary>
/// <param name="raw">The field value.</param>
public readonly struct VmxInterruptionInfo(uint raw)
{
    /// <summary>Bit 31: the field is valid.</summary>
    public const uint ValidBit = 1u << 31;

    /// <summary>Bit 11: an error code was delivered (the VM-exit interruption error code is valid).</summary>
    public const uint ErrorCodeValidBit = 1u << 11;

    private const uint TypeMask = 7u << 8;
    private const uint VectorMask = 0xFF;

    /// <summary>The raw field.</summary>
    public uint Raw { get; } = raw;

    /// <summary>Bit 31.</summary>
    public bool IsValid => (Raw & ValidBit) != 0;

    /// <summary>Bits 7:0.</summary>
    public byte Vector => (byte)Raw;

    /// <summary>Bits 10:8.</summary>
    public InterruptionType Type => (InterruptionType)((Raw >> 8) & 7);

    /// <summary>Valid and of type NMI (KVM <c>is_nmi</c>).</summary>
    public bool IsNmi => (Raw & (ValidBit | TypeMask)) == (ValidBit | ((uint)InterruptionType.Nmi << 8));

    /// <summary>Valid, with an error code (KVM <c>is_exception_with_error_code</c>).</summary>
    public bool HasErrorCode => (Raw & (ValidBit | ErrorCodeValidBit)) == (ValidBit | ErrorCodeValidBit);

    /// <summary>Valid hardware exception with the given vector (KVM <c>is_exception_n</c>).</summary>
    public bool IsException(ExceptionVector vector) =>
        (Raw & (ValidBit | TypeMask | VectorMask)) == (ValidBit | ((uint)InterruptionType.HardwareException << 8) | (uint)vector);

    /// <summary>A valid field for an event of <paramref name="type"/> and <paramref name="vector"/>.</summary>
    public static VmxInterruptionInfo Create(InterruptionType type, byte vector, bool errorCode = false) =>
        new(ValidBit | ((uint)type << 8) | vector | (errorCode ? ErrorCodeValidBit : 0));
}
