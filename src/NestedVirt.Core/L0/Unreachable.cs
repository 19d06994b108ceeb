using System.Diagnostics;

namespace NestedVirt.L0;

/// <summary>
/// Xen's <c>ASSERT_UNREACHABLE()</c> for the stubs no guest can reach once nested virtualization
/// is compiled out (model 04 §4, Roger Pau Monné's rule): a Debug build fails loudly with
/// <see cref="UnreachableException"/>; a Release build counts the visit and lets the stub return
/// its value, as a release hypervisor falls through.
/// </summary>
internal static class Unreachable
{
    // Per thread, so a test reads only what its own calls reached (xunit runs classes in parallel).
    [ThreadStatic]
    private static int hits;

    /// <summary>Unreachable stubs reached on this thread since it started (Release builds only get here).</summary>
    public static int Hits => hits;

    /// <summary>Marks a stub that only a logic error in L0 can reach.</summary>
    /// <param name="stub">The Xen name of the stub, for the Debug failure.</param>
    public static void Reached(string stub)
    {
        hits++;
#if DEBUG
        throw new UnreachableException(stub + " reached with nested virtualization compiled out (ASSERT_UNREACHABLE)");
#endif
    }
}
