using NestedVirt.L0;
using NestedVirt.X86;

namespace NestedVirt.Scenarios;

/// <summary>
/// Every scenario this build has, in the order the command line runs them: the vmbus bring-up
/// selftest of the relay proposal when nested code is built (for the vendors built), then, per
/// vendor built, what a guest sees when nested virtualization is unavailable: KVM loaded with
/// <c>nested=0</c> (B-30..B-32) in a build with nested code, or the build itself without it
/// (B-10..B-12, B-20).
/// </summary>
public static class ScenarioCatalog
{
    /// <summary>The scenarios.</summary>
    public static IReadOnlyList<IScenario> All { get; } = Build();

    /// <summary>Finds a scenario by name (ordinal, case-insensitive), or null.</summary>
    public static IScenario? Find(string name)
    {
        foreach (IScenario scenario in All)
        {
            if (string.Equals(scenario.Name, name, StringComparison.OrdinalIgnoreCase))
                return scenario;
        }
        return null;
    }

    private static List<IScenario> Build()
    {
        var all = new List<IScenario>();
#if NESTED_VIRT
        all.AddRange(VmbusBringUp.All);
#endif
        foreach (CpuVendor vendor in new[] { CpuVendor.Intel, CpuVendor.Amd })
        {
            if (NestedVirtBuild.Has(vendor))
                all.Add(new NestedUnavailableScenario(vendor));
        }
        return all;
    }
}
