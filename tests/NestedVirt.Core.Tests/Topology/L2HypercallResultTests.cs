using System.Runtime.CompilerServices;
using NestedVirt.Topology;

namespace NestedVirt.Tests.Topology;

/// <summary>The result every hypercall exit returns by value.</summary>
public class L2HypercallResultTests
{
    [Fact]
    public void ResultIs12Bytes()
    {
        // Path (byte) + 3 padding, Route (int-sized ExitRoute), Status (ushort), Outcome (byte) + 1 padding.
        Assert.Equal(12, Unsafe.SizeOf<L2HypercallResult>());
    }
}
