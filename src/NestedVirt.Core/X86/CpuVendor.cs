namespace NestedVirt.X86;

/// <summary>The virtualization extension in use: VMX (Intel) or SVM (AMD).</summary>
public enum CpuVendor : byte
{
    /// <summary>Intel VT-x: VMCS, EPT, VMCALL.</summary>
    Intel = 0,

    /// <summary>AMD-V: VMCB, NPT, VMMCALL.</summary>
    Amd = 1,
}
