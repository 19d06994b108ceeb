namespace NestedVirt.L0;

/// <summary>
/// What this build of the core contains: the compile-time half of B-10. The properties are
/// constants to the JIT, so a test such as <c>if (NestedVirtBuild.Nested)</c> costs nothing and
/// the branch that cannot run is dropped, as <c>IS_ENABLED(CONFIG_NESTED_VIRT)</c> lets the C
/// compiler drop it (model 04 §4, the <c>nsvm_efer_svm_enabled</c> row).
/// </summary>
public static class NestedVirtBuild
{
    /// <summary>Built with <c>EnableNested=true</c> (Xen <c>CONFIG_NESTED_VIRT</c>).</summary>
    public static bool Nested =>
#if NESTED_VIRT
        true;
#else
        false;
#endif

    /// <summary>Built with <c>EnableVmx=true</c> (Xen <c>CONFIG_INTEL_VMX</c>, KVM's <c>kvm_intel</c>).</summary>
    public static bool Vmx =>
#if INTEL_VMX
        true;
#else
        false;
#endif

    /// <summary>Built with <c>EnableSvm=true</c> (Xen <c>CONFIG_AMD_SVM</c>, KVM's <c>kvm_amd</c>).</summary>
    public static bool Svm =>
#if AMD_SVM
        true;
#else
        false;
#endif

    /// <summary>
    /// The build as MSBuild arguments, e.g. <c>EnableNested=false EnableVmx=true EnableSvm=true</c>:
    /// what a results file or a size report records, and what rebuilds the same core.
    /// </summary>
    public static string Switches =>
        "EnableNested=" + Text(Nested) + " EnableVmx=" + Text(Vmx) + " EnableSvm=" + Text(Svm);

    /// <summary>True when the core was built with <paramref name="vendor"/>'s code.</summary>
    public static bool Has(X86.CpuVendor vendor) => vendor == X86.CpuVendor.Intel ? Vmx : Svm;

    private static string Text(bool on) => on ? "true" : "false";
}
