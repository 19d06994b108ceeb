namespace NestedVirt.L0;

/// <summary>
/// The run-time switches of the modelled L0, as KVM's module parameters (B-30): read once when
/// the module loads (mode 0444), so changing one means a new <see cref="L0Hypervisor"/>.
/// </summary>
public sealed record L0ModuleParameters
{
    /// <summary>
    /// <c>kvm_intel.nested</c> / <c>kvm_amd.nested</c>, default on (B-30). Off, L0 hides VMX/SVM
    /// from the supported CPUID, gives VMX instructions and VMRUN #UD, refuses nested state and
    /// the relay capability (B-31, B-32).
    /// </summary>
    public bool Nested { get; init; } = true;

    /// <summary>The defaults: nested on.</summary>
    public static L0ModuleParameters Default { get; } = new();

    /// <summary><c>nested=0</c>.</summary>
    public static L0ModuleParameters NestedOff { get; } = new() { Nested = false };
}
