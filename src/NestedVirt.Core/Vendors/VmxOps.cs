using NestedVirt.X86;

namespace NestedVirt.Vendors;

/// <summary>VMX's half of L0's exit handling (KVM <c>kvm_intel</c>, <c>arch/x86/kvm/vmx/</c>). Zero-size.</summary>
internal readonly partial struct VmxOps : IVendorOps
{
    /// <inheritdoc/>
    public static CpuVendor Vendor => CpuVendor.Intel;
}
