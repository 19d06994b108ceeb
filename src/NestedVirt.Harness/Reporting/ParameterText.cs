namespace NestedVirt.Harness.Reporting;

/// <summary>
/// Parameter values as tables show them to people: <c>CpuVendor</c> as the virtualization
/// extension (Intel is VMX, AMD is SVM), leaf sizes and walk dimensions in the manuals' short
/// forms. Names (<see cref="Results.BenchmarkName"/>) keep the stored values.
/// </summary>
public static class ParameterText
{
    /// <summary>VMX for Intel, SVM for AMD, anything else as stored.</summary>
    /// <param name="vendor">A stored <c>Vendor</c> value.</param>
    public static string Vendor(string vendor) => vendor switch
    {
        "Intel" => "VMX",
        "Amd" => "SVM",
        _ => vendor,
    };

    /// <summary>Intel (VMX) rows before AMD (SVM) rows, others after.</summary>
    /// <param name="vendor">A stored <c>Vendor</c> value.</param>
    public static int VendorOrder(string vendor) => vendor switch
    {
        "Intel" => 0,
        "Amd" => 1,
        _ => 2,
    };

    /// <summary><c>4K</c> for <c>Size4K</c>.</summary>
    /// <param name="pageSize">A stored <c>PageSize</c> value.</param>
    public static string PageSize(string pageSize) =>
        pageSize.StartsWith("Size", StringComparison.Ordinal) ? pageSize[4..] : pageSize;

    /// <summary><c>1-D</c> for <c>OneD</c>, <c>2-D</c> for <c>TwoD</c>.</summary>
    /// <param name="dimension">A stored <c>Dimension</c> value.</param>
    public static string Dimension(string dimension) => dimension switch
    {
        "OneD" => "1-D",
        "TwoD" => "2-D",
        _ => dimension,
    };
}
