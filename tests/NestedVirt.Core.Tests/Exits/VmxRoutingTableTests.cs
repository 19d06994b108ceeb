using NestedVirt.Counters;
using NestedVirt.Exits;
using NestedVirt.Kvm;
using NestedVirt.Memory;
using NestedVirt.Nested;
using NestedVirt.Tests.Nested;

namespace NestedVirt.Tests.Exits;

/// <summary>
/// Every VMX exit reason of model 01 §1.1 routed through <see cref="VmxExitRouter.Route"/>, one row
/// per case of model 01 §3.2/§3.3 in <c>Data/vmx-routing.txt</c>.
/// </summary>
public sealed class VmxRoutingTableTests
{
    private const string File = "vmx-routing.txt";

    public static IEnumerable<object[]> Rows() => RoutingTable.Cases(File);

    [Theory]
    [MemberData(nameof(Rows))]
    public void RowRoutesAsTheSpecSays(int line, string text)
    {
        RoutingTable.Row row = RoutingTable.Parse(line, text);
        (NestedVmxState state, GuestMemory memory) = NestedFixtures.Vmx();
        var builder = new Builder(Enum.Parse<VmxExitReason>(row.Reason));
        foreach (string token in row.Setup)
            builder.Apply(token, state, memory);

        var counters = new PathCounters();
        ExitInfo exit = builder.Exit();
        L0ExitContext l0 = builder.L0();
        ExitRoute route = VmxExitRouter.Route(exit, l0, state, memory, ref counters);

        Assert.Equal(Enum.Parse<ExitRoute>(row.Expected), route);
    }

    [Fact]
    public void EveryVmxExitReasonHasARow()
    {
        var covered = new HashSet<string>();
        foreach (RoutingTable.Row row in RoutingTable.Rows(File))
            covered.Add(row.Reason);
        foreach (string name in Enum.GetNames<VmxExitReason>())
            Assert.Contains(name, covered);
    }

    private sealed class Builder(VmxExitReason reason)
    {
        private ulong code = (ushort)reason;
        private ulong qualification;
        private ulong operand;
        private uint interruption;
        private L0ExitFlags flags;
        private ushort hypercall;
        private NestedHypervRelayMask relay;

        public ExitInfo Exit() => new() { Code = code, Qualification = qualification, Operand = operand, InterruptionInfo = interruption };

        public L0ExitContext L0() => new(flags, hypercall, relayMask: relay);

        public void Apply(string token, NestedVmxState state, GuestMemory memory)
        {
            Vmcs12 v = state.Vmcs12;
            (string key, string value) = RoutingTable.Split(token);
            switch (key)
            {
                case "pin": v.PinControls |= RoutingTable.Flags<PinBasedControls>(value); break;
                case "primary": v.PrimaryControls |= RoutingTable.Flags<PrimaryProcessorControls>(value); break;
                case "secondary":
                    v.PrimaryControls |= PrimaryProcessorControls.ActivateSecondaryControls;
                    v.SecondaryControls |= RoutingTable.Flags<SecondaryProcessorControls>(value);
                    break;
                case "secondary-noactivate": v.SecondaryControls |= RoutingTable.Flags<SecondaryProcessorControls>(value); break;
                case "excbitmap": v.ExceptionBitmap = (uint)RoutingTable.Number(value); break;
                case "intr": interruption = Interruption(value); break;
                case "qual": qualification = RoutingTable.Number(value); break;
                case "operand": operand = RoutingTable.Number(value); break;
                case "fullreason": code = RoutingTable.Number(value); break;
                case "l0": flags |= RoutingTable.Flags<L0ExitFlags>(value); break;
                case "code": hypercall = (ushort)RoutingTable.Number(value); break;
                case "relay": relay = (NestedHypervRelayMask)RoutingTable.Number(value); break;
                case "cr": qualification = CrQualification(value); break;
                case "cr0mask": v.Cr0GuestHostMask = RoutingTable.Number(value); break;
                case "cr0shadow": v.Cr0ReadShadow = RoutingTable.Number(value); break;
                case "cr4mask": v.Cr4GuestHostMask = RoutingTable.Number(value); break;
                case "cr4shadow": v.Cr4ReadShadow = RoutingTable.Number(value); break;
                case "entryintr": v.EntryInterruptionInfo = (uint)RoutingTable.Number(value); break;
                case "sgx": state.SgxExposedToL1 = true; break;
                case "encls": v.EnclsExitingBitmap = RoutingTable.Number(value); break;
                case "io":
                {
                    string[] p = value.Split(':');
                    qualification = VmxIoQualification.Create((ushort)RoutingTable.Number(p[0]), (int)RoutingTable.Number(p[1]), isIn: false).Raw;
                    break;
                }
                case "iobit":
                {
                    ulong port = RoutingTable.Number(value);
                    NestedFixtures.SetBit(memory, port < 0x8000 ? v.IoBitmapA : v.IoBitmapB, port & 0x7FFF);
                    break;
                }
                case "msrbit":
                {
                    string[] p = value.Split(':');
                    ulong msr = RoutingTable.Number(p[1]);
                    ulong half = p[0] == "write" ? 2048UL : 0;
                    ulong high = msr >= 0xC0000000 ? 1024UL : 0;
                    NestedFixtures.SetBit(memory, v.MsrBitmap + half + high, msr & 0x1FFF);
                    break;
                }
                case "vmreadbit": NestedFixtures.SetBit(memory, v.VmreadBitmap, RoutingTable.Number(value)); break;
                case "vmwritebit": NestedFixtures.SetBit(memory, v.VmwriteBitmap, RoutingTable.Number(value)); break;
                default: throw new FormatException($"unknown VMX setup token '{token}'");
            }
        }

        private static uint Interruption(string value)
        {
            string[] p = value.Split(':');
            return p[0] switch
            {
                "nmi" => VmxInterruptionInfo.Create(InterruptionType.Nmi, 2).Raw,
                "hw" => VmxInterruptionInfo.Create(InterruptionType.HardwareException, (byte)RoutingTable.Number(p[1]), p.Length > 2).Raw,
                "sw" => VmxInterruptionInfo.Create(InterruptionType.SoftwareException, (byte)RoutingTable.Number(p[1])).Raw,
                _ => (uint)RoutingTable.Number(value),
            };
        }

        private static ulong CrQualification(string value)
        {
            string[] p = value.Split(':');
            return p[0] switch
            {
                "to" => CrAccessQualification.Create((int)RoutingTable.Number(p[1]), CrAccessType.MovToCr).Raw,
                "from" => CrAccessQualification.Create((int)RoutingTable.Number(p[1]), CrAccessType.MovFromCr).Raw,
                "clts" => CrAccessQualification.Create(0, CrAccessType.Clts).Raw,
                "lmsw" => CrAccessQualification.Create(0, CrAccessType.Lmsw, 0, (ushort)RoutingTable.Number(p[1])).Raw,
                _ => throw new FormatException($"unknown CR access '{value}'"),
            };
        }
    }
}
