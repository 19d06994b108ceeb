using NestedVirt.X86;

namespace NestedVirt.Vendors;

/// <summary>SVM's half of L0's exit handling (KVM <c>kvm_amd</c>, <c>arch/x86/kvm/svm/</c>). Zero-size.</summary>
internal readonly partial struct SvmOps : IVendorOps
{
    /// <inheritdoc/>
    public static CpuVendor Vendor => CpuVendor.Amd;
}
