using NestedVirt.Counters;
using NestedVirt.Exits;
using NestedVirt.Hypercalls;
using NestedVirt.Kvm;
using NestedVirt.Nested;
using NestedVirt.Relay;
using NestedVirt.Tests.Topology;
using NestedVirt.Topology;
using NestedVirt.VmBus;
using NestedVirt.X86;

namespace NestedVirt.Tests.Relay;

/// <summary>
/// R-02 (and R-06's use of G-02 on SVM): each conjunct of the decision, one row per case in
/// <c>Data/Relay/relay-decision.txt</c>, through the whole stack on both vendors and through the
/// pure decision function.
/// </summary>
public class RelayDecisionTests
{
    private const string File = "Relay/relay-decision.txt";

    public static IEnumerable<object[]> Rows()
    {
        foreach (object[] row in DataFile.Cases(File))
        {
            foreach (CpuVendor vendor in Stack.Compiled)
                yield return [row[0], row[1], vendor];
        }
    }

    public static IEnumerable<object[]> PureRows()
    {
        foreach (object[] row in DataFile.Cases(File))
            yield return [row[0], row[1]];
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void R02_EachConjunctDecidesTheRoute(int line, string[] fields, CpuVendor vendor)
    {
        Row row = Parse(line, fields);
        NestedTopology stack = Stack.Build(vendor, row.Mask, row.Gate);
        stack.WriteInitiateContact(VmBusConstants.MessageConnectionId4, VmBusVersion.Win10V5);
        HypercallRegisters regs = Stack.Regs(stack, row.Rcx);
        var counters = default(PathCounters);

        L2HypercallResult result = stack.HandleL2Hypercall(ref regs, ref counters);

        Assert.True(row.Expected == result.Route, $"line {line} ({vendor}): expected {row.Expected}, got {result.Route}");
        // The relay clears bit 31 only when it keeps the call; every other route leaves RCX alone.
        ulong expectedRcx = row.Expected == ExitRoute.HandleInL0ByRelay ? row.Rcx & ~NestedHypercallRelay.NestedBit : row.Rcx;
        Assert.True(expectedRcx == regs.Rcx, $"line {line} ({vendor}): RCX 0x{regs.Rcx:X}, expected 0x{expectedRcx:X}");
    }

    [Theory]
    [MemberData(nameof(PureRows))]
    public void R02_ShouldRelayMatchesTheTable(int line, string[] fields)
    {
        Row row = Parse(line, fields);
        var regs = HypercallRegisters.LongMode64(row.Rcx, 0, 0);

        bool relay = NestedHypercallRelay.ShouldRelay((NestedHypervRelayMask)row.Mask, row.Gate, regs, RelayCorrections.None);

        Assert.True((row.Expected == ExitRoute.HandleInL0ByRelay) == relay, $"line {line}: ShouldRelay returned {relay}");
    }

#if INTEL_VMX
    [Fact]
    public void R02_VmxGateNeedsAnEnlightenedVmcsInUse()
    {
        // G-01's first conjunct: without an eVMCS the enlightenment bit has nowhere to live.
        var stack = NestedTopology.Create(new TopologyOptions
        {
            Vendor = CpuVendor.Intel, RelayMask = Stack.PostBit, EnlightenedVmcs = false,
        });
        var regs = Stack.InitiateContact(stack);
        var counters = default(PathCounters);

        L2HypercallResult result = stack.HandleL2Hypercall(ref regs, ref counters);

        Assert.Equal(ExitRoute.ReflectToL1, result.Route);
        Assert.Equal(Stack.NestedPost, regs.Rcx);
    }
#endif

    [Theory]
    [MemberData(nameof(Stack.Vendors), MemberType = typeof(Stack))]
    public void R02_GateNeedsTheVpAssistDirectHypercallBit(CpuVendor vendor)
    {
        // G-01/G-02's last conjunct: L1 set the enlightenment bit but cleared VP-assist Features bit 0.
        NestedTopology stack = Stack.Build(vendor, Stack.PostBit);
        Assert.True(stack.Memory.TryWriteUInt32(TopologyLayout.VpAssistGpa + VpAssistPage.FeaturesOffset, 0));
        var regs = Stack.InitiateContact(stack);
        var counters = default(PathCounters);

        L2HypercallResult result = stack.HandleL2Hypercall(ref regs, ref counters);

        Assert.Equal(ExitRoute.ReflectToL1, result.Route);
    }

    private readonly record struct Row(ulong Mask, bool Gate, ulong Rcx, ExitRoute Expected);

    private static Row Parse(int line, string[] f)
    {
        Assert.True(f.Length == 4, $"line {line}: 4 fields expected");
        bool gate = f[1] switch
        {
            "open" => true,
            "closed" => false,
            _ => throw new FormatException($"line {line}: gate must be open or closed"),
        };
        return new Row(DataFile.ParseNumber(f[0]), gate, DataFile.ParseNumber(f[2]), Enum.Parse<ExitRoute>(f[3]));
    }
}
