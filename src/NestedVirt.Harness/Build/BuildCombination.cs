namespace NestedVirt.Harness.Build;

/// <summary>
/// One valid setting of the core's build switches (build/NestedVirt.Features.props). Both
/// vendors off does not build (it fails with one message), so there are six.
/// </summary>
/// <param name="Nested">EnableNested.</param>
/// <param name="Vmx">EnableVmx.</param>
/// <param name="Svm">EnableSvm.</param>
public sealed record BuildCombination(bool Nested, bool Vmx, bool Svm)
{
    /// <summary>Every valid combination, the default first.</summary>
    public static IReadOnlyList<BuildCombination> All { get; } =
    [
        new(true, true, true), new(true, true, false), new(true, false, true),
        new(false, true, true), new(false, true, false), new(false, false, true),
    ];

    /// <summary>The MSBuild arguments that select it.</summary>
    public IReadOnlyList<string> MsBuildArguments =>
        [$"-p:EnableNested={Text(Nested)}", $"-p:EnableVmx={Text(Vmx)}", $"-p:EnableSvm={Text(Svm)}"];

    /// <summary>As the core records it in its metadata.</summary>
    public string Switches => $"EnableNested={Text(Nested)} EnableVmx={Text(Vmx)} EnableSvm={Text(Svm)}";

    /// <summary>A short folder-safe name, e.g. <c>nested-vmx-svm</c> or <c>flat-svm</c>.</summary>
    public string Slug => (Nested ? "nested" : "flat") + (Vmx ? "-vmx" : "") + (Svm ? "-svm" : "");

    private static string Text(bool on) => on ? "true" : "false";
}
