using NestedVirt.X86;

namespace NestedVirt.Vendors;

/// <summary>
/// What differs between VMX and SVM in L0's exit handling, as static members of a zero-size
/// struct: <see cref="VmxOps"/> or <see cref="SvmOps"/>. Generic code written once over
/// <c>TOps : struct, IVendorOps</c> is compiled once per vendor by the JIT, with every call to
/// the vendor resolved and inlined, the way the walker uses <c>IPageTableFormat</c> and KVM uses
/// its <c>kvm_x86_ops</c> table filled by <c>kvm_intel</c> or <c>kvm_amd</c>.
/// </summary>
/// <remarks>
/// The interface is partial: this file holds what every build has; the members only nested
/// virtualization needs are in <c>IVendorOps.Nested.cs</c>, compiled with <c>EnableNested</c>
/// (B-01), so a build without nested code has no nested member to implement or call.
/// </remarks>
internal partial interface IVendorOps
{
    /// <summary>The vendor this struct stands for.</summary>
    static abstract CpuVendor Vendor { get; }
}
