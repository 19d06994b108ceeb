namespace NestedVirt.Harness.Build;

/// <summary>
/// How big one built assembly is, in the measures the build-time proposal argues about (the
/// attack surface that compiling nested virtualization out removes).
/// </summary>
/// <param name="Path">The DLL read.</param>
/// <param name="Switches">The build switches recorded in the DLL (<c>NestedVirtSwitches</c> metadata), or "" when absent.</param>
/// <param name="Types">Type definitions, nested and compiler-generated ones included, <c>&lt;Module&gt;</c> excluded.</param>
/// <param name="Methods">Method definitions with an IL body.</param>
/// <param name="IlBytes">IL code bytes of those bodies (method headers and exception tables excluded).</param>
/// <param name="FileBytes">Size of the DLL on disk.</param>
public sealed record AssemblySize(string Path, string Switches, int Types, int Methods, long IlBytes, long FileBytes);
