using NestedVirt.Counters;
using NestedVirt.Exits;
using NestedVirt.Kvm;
using NestedVirt.Memory;
using NestedVirt.Nested;
using NestedVirt.Tests.Nested;

namespace NestedVirt.Tests.Exits;

/// <summary>
/// Every SVM exit code of model 01 §2 routed through <see cref="SvmExitRouter.Route"/>: named codes
/// from <c>Data/svm-routing.txt</c> (model 01 §5, D-10..D-13), and the numbered CR/DR/exception
/// ranges generated below.
/// </summary>
public sealed class SvmRoutingTableTests
{
    private const string File = "svm-routing.txt";

    public static IEnumerable<object[]> Rows() => RoutingTable.Cases(File);

    [Theory]
    [MemberData(nameof(Rows))]
    public void RowRoutesAsTheSpecSays(int line, string text)
    {
        RoutingTable.Row row = RoutingTable.Parse(line, text);
        (NestedSvmState state, GuestMemory memory) = NestedFixtures.Svm();
        var builder = new Builder(ParseCode(row.Reason));
        foreach (string token in row.Setup)
            builder.Apply(token, state, memory);

        var counters = new PathCounters();
        ExitRoute route = SvmExitRouter.Route(builder.Exit(), builder.L0(), state, memory, builder.Policy, ref counters);

        Assert.Equal(Enum.Parse<ExitRoute>(row.Expected), route);
    }

    [Fact]
    public void EveryNamedSvmExitCodeHasARow()
    {
        var covered = new HashSet<SvmExitCode>();
        foreach (RoutingTable.Row row in RoutingTable.Rows(File))
            covered.Add(ParseCode(row.Reason));
        foreach (SvmExitCode code in Enum.GetValues<SvmExitCode>())
            Assert.Contains(code, covered);
    }

    /// <summary>D-12: "CR/DR reads and writes -> the vmcb12 intercept bit", for all 64 codes 0x00–0x3F.</summary>
    public static IEnumerable<object[]> RegisterCodes()
    {
        for (ulong code = 0x00; code < 0x40; code++)
        {
            yield return [code, true, ExitRoute.ReflectToL1];
            yield return [code, false, ExitRoute.HandleInL0NotInterceptedByL1];
        }
    }

    [Theory]
    [MemberData(nameof(RegisterCodes))]
    public void CrAndDrAccessFollowTheVmcb12InterceptBit(ulong code, bool intercepted, ExitRoute expected)
    {
        (NestedSvmState state, GuestMemory memory) = NestedFixtures.Svm();
        // The intercept vectors number CR/DR reads and writes exactly as the exit codes (APM Table B-1).
        state.Control.SetIntercept((int)code, intercepted);
        var counters = new PathCounters();

        ExitRoute route = SvmExitRouter.Route(ExitInfo.Svm((SvmExitCode)code), default, state, memory,
            SvmVmmcallPolicy.Upstream2026InjectUd, ref counters);

        Assert.Equal(expected, route);
    }

    /// <summary>D-11/D-12 for all 32 exception codes 0x40–0x5F: vmcb01 interest -> HOST, otherwise DONE.</summary>
    public static IEnumerable<object[]> ExceptionVectors()
    {
        for (int vector = 0; vector < 32; vector++)
        {
            yield return [vector, true, ExitRoute.HandleInL0];
            yield return [vector, false, ExitRoute.ReflectToL1];
        }
    }

    [Theory]
    [MemberData(nameof(ExceptionVectors))]
    public void ExceptionsGoToL0OnlyWhenVmcb01InterceptsThem(int vector, bool l0Intercepts, ExitRoute expected)
    {
        (NestedSvmState state, GuestMemory memory) = NestedFixtures.Svm();
        var l0 = new L0ExitContext(L0ExitFlags.None, 0, l0Intercepts ? 1u << vector : 0);
        var counters = new PathCounters();

        ExitRoute route = SvmExitRouter.Route(ExitInfo.Svm((SvmExitCode)(0x40UL + (ulong)vector)), l0, state, memory,
            SvmVmmcallPolicy.Upstream2026InjectUd, ref counters);

        Assert.Equal(expected, route);
    }

    private static SvmExitCode ParseCode(string text) =>
        text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? (SvmExitCode)RoutingTable.Number(text)
            : Enum.Parse<SvmExitCode>(text);

    private sealed class Builder(SvmExitCode code)
    {
        private ulong info1;
        private ulong operand;
        private L0ExitFlags flags;
        private ushort hypercall;
        private uint l0Exceptions;
        private NestedHypervRelayMask relay;

        public SvmVmmcallPolicy Policy { get; private set; } = SvmVmmcallPolicy.Upstream2026InjectUd;

        public ExitInfo Exit() => ExitInfo.Svm(code, info1, 0, operand);

        public L0ExitContext L0() => new(flags, hypercall, l0Exceptions, relay);

        public void Apply(string token, NestedSvmState state, GuestMemory memory)
        {
            (string key, string value) = RoutingTable.Split(token);
            switch (key)
            {
                case "intercept":
                    foreach (string name in value.Split('+'))
                        state.Control.SetIntercept(Enum.Parse<SvmInterceptBit>(name));
                    break;
                case "interceptbit": state.Control.SetIntercept((int)RoutingTable.Number(value)); break;
                case "l0": flags |= RoutingTable.Flags<L0ExitFlags>(value); break;
                case "l0exc": l0Exceptions = (uint)RoutingTable.Number(value); break;
                case "code": hypercall = (ushort)RoutingTable.Number(value); break;
                case "operand": operand = RoutingTable.Number(value); break;
                case "relay": relay = (NestedHypervRelayMask)RoutingTable.Number(value); break;
                case "msr": info1 = value == "write" ? 1UL : 0; break;
                case "msrpm":
                {
                    string[] p = value.Split(':');
                    int bit = SvmInterceptBitmaps.MsrpmBit((uint)RoutingTable.Number(p[1])) + (p[0] == "write" ? 1 : 0);
                    NestedFixtures.SetBit(memory, state.Control.MsrpmBasePa, (ulong)bit);
                    break;
                }
                case "io":
                {
                    string[] p = value.Split(':');
                    info1 = SvmIoioInfo.Create((ushort)RoutingTable.Number(p[0]), (int)RoutingTable.Number(p[1]), isIn: true).Raw;
                    break;
                }
                case "iopm": NestedFixtures.SetBit(memory, state.Control.IopmBasePa, RoutingTable.Number(value)); break;
                case "msrpmbase": state.Control.MsrpmBasePa = RoutingTable.Number(value); break;
                case "iopmbase": state.Control.IopmBasePa = RoutingTable.Number(value); break;
                case "policy":
                    Policy = value == "pre2026" ? SvmVmmcallPolicy.Pre2026ClearIntercept : SvmVmmcallPolicy.Upstream2026InjectUd;
                    break;
                default: throw new FormatException($"unknown SVM setup token '{token}'");
            }
        }
    }
}
