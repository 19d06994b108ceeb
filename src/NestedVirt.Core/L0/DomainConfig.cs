namespace NestedVirt.L0;

/// <summary>
/// A VM creation request (<c>struct xen_domctl_createdomain</c>, reduced to what the model checks).
/// </summary>
/// <param name="Flags">The <c>XEN_DOMCTL_CDF_*</c> flags.</param>
/// <param name="Altp2m">Alternate p2m views requested (refused together with nested virtualization, B-11).</param>
/// <param name="MemoryBytes">Guest memory to allocate (the model's backing store).</param>
public readonly record struct DomainConfig(DomainCreateFlags Flags, bool Altp2m = false, ulong MemoryBytes = DomainConfig.DefaultMemory)
{
    /// <summary>Default guest memory: 1 MiB, enough for the exit model.</summary>
    public const ulong DefaultMemory = 1UL << 20;

    /// <summary>An HVM guest on HAP, without nested virtualization.</summary>
    public static DomainConfig Hvm => new(DomainCreateFlags.Hvm | DomainCreateFlags.Hap);

    /// <summary>An HVM guest on HAP that may run guests of its own.</summary>
    public static DomainConfig NestedHvm => new(DomainCreateFlags.Hvm | DomainCreateFlags.Hap | DomainCreateFlags.NestedVirt);
}
