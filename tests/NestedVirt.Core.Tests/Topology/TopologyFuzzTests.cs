using NestedVirt.L0;
using System.Buffers.Binary;
using NestedVirt.Counters;
using NestedVirt.Exits;
using NestedVirt.Hypercalls;
using NestedVirt.Kvm;
using NestedVirt.Relay;
using NestedVirt.Topology;
using NestedVirt.VmBus;
using NestedVirt.X86;

namespace NestedVirt.Tests.Topology;

/// <summary>
/// 100,000 seeded random L2 hypercalls over random stack configurations through
/// <see cref="NestedTopology.HandleL2Hypercall"/>: nothing throws, every status L2 can see is a
/// TLFS <see cref="HvStatus"/> value, and the relay only ever keeps what R-01/R-02 allow. A
/// failure names the seed, the iteration and the configuration.
/// </summary>
/// <remarks>
/// Each iteration draws its configuration and its own seed from the master generator; the
/// iterations are then run grouped by configuration, so each stack is built once and reused
/// (one per iteration would take minutes). Stacks keep their state (VMBus connection, vmcs12)
/// between the iterations of a group, as a real vCPU would.
/// </remarks>
public class TopologyFuzzTests
{
    private const int Seed = 0x5EED_2026;
    private const int Iterations = 100_000;
    private const int ConfigCount = 2 * 6 * 2 * 4 * 2 * 2 * 2;

    // 0 = off; 1-3 known; 4 and bit 63 + bit 0 are refused with -EINVAL (R-01).
    private static readonly ulong[] Masks = [0, 1, 2, 3, 0x4, 0x8000_0000_0000_0001];

    private static readonly ushort[] Codes =
    [
        0x005C, 0x005D, 0x0002, 0x0003, 0x0013, 0x0014, 0x0008, 0x0069,
        0x006A, 0x006B, 0x8001, 0x8041, 0x0000, 0xFFFF, 0x015C,
    ];

    private static readonly uint[] ConnectionIds = [1, 4, 2, 3, 0x2A, 0x00FF_FFFF, 0x0100_0004];

    [Fact]
    public void RandomL2HypercallsNeverThrowAndOnlyYieldTlfsStatuses()
    {
        var master = new Random(Seed);
        var plan = new (int Config, int IterationSeed)[Iterations];
        for (int i = 0; i < Iterations; i++)
            plan[i] = (master.Next(ConfigCount), master.Next());
        int[] order = new int[Iterations];
        for (int i = 0; i < Iterations; i++)
            order[i] = i;
        Array.Sort(order, (a, b) => plan[a].Config != plan[b].Config ? plan[a].Config.CompareTo(plan[b].Config) : a.CompareTo(b));

        var seen = new Coverage();
        NestedTopology? stack = null;
        int built = -1;
        foreach (int i in order)
        {
            TopologyOptions options = Config(plan[i].Config);
            string? failure;
            try
            {
                if (built != plan[i].Config)
                {
                    stack = Build(options);
                    built = plan[i].Config;
                }
                failure = RunOne(stack!, new Random(plan[i].IterationSeed), seen);
            }
            catch (Exception e)
            {
                failure = e.ToString();
            }
            if (failure is not null)
                Assert.Fail($"seed 0x{Seed:X}, iteration {i} (seed {plan[i].IterationSeed}), {options}: {failure}");
        }

        // The run reached every way a call can go, not only early rejections.
        // Only SVM without NRIPS fetches the instruction, so a VMX-only build has no fetch faults.
        L2HypercallPath[] expected = NestedVirtBuild.Svm
            ? [L2HypercallPath.Relayed, L2HypercallPath.HandledInL0, L2HypercallPath.Reflected, L2HypercallPath.UndefinedOpcode, L2HypercallPath.FetchFault]
            : [L2HypercallPath.Relayed, L2HypercallPath.HandledInL0, L2HypercallPath.Reflected, L2HypercallPath.UndefinedOpcode];
        foreach (L2HypercallPath path in expected)
            Assert.True(seen.Paths[(int)path] > 100, $"only {seen.Paths[(int)path]} calls took path {path}");
        Assert.True(seen.RelayedSuccesses > 50, $"only {seen.RelayedSuccesses} relayed calls succeeded");
    }

    /// <summary>Configuration <paramref name="index"/> of the product vendor × mask × gate × corrections × policy × NRIPS × nested paging.</summary>
    private static TopologyOptions Config(int index)
    {
        int v = index;
        CpuVendor vendor = Stack.Compiled[v % 2 % Stack.Compiled.Count]; v /= 2;
        ulong mask = Masks[v % 6]; v /= 6;
        bool gate = v % 2 == 0; v /= 2;
        var corrections = (RelayCorrections)(v % 4); v /= 4;
        var policy = (L1Policy)(v % 2); v /= 2;
        bool nrips = v % 2 == 0; v /= 2;
        bool nestedPaging = v % 2 == 0;
        return new TopologyOptions
        {
            Vendor = vendor, RelayMask = mask, DirectHypercallGate = gate, Corrections = corrections, L1Policy = policy,
            Nrips = nrips, L1UsesNestedPaging = nestedPaging,
        };
    }

    private static NestedTopology Build(TopologyOptions options)
    {
        var stack = NestedTopology.Create(options);
        Assert.Equal(0, stack.Eventfds.Ioctl(KvmHypervEventfd.Assign(VmBusConstants.EventConnectionId, fd: 0)));
        Assert.Equal(0, stack.Eventfds.Ioctl(KvmHypervEventfd.Assign(0x2A, fd: 1)));
        return stack;
    }

    private static string? RunOne(NestedTopology stack, Random rng, Coverage seen)
    {
        FillMessagePage(stack, rng);
        HypercallRegisters regs = RandomRegisters(rng);
        HypercallRegisters before = regs;
        var counters = default(PathCounters);

        L2HypercallResult result = stack.HandleL2Hypercall(ref regs, ref counters);
        seen.Paths[(int)result.Path % seen.Paths.Length]++;
        if (result.Path == L2HypercallPath.Relayed && result.Status == HvStatus.Success)
            seen.RelayedSuccesses++;

        string? relay = CheckRelayDecision(stack, before, result);
        if (relay is not null)
            return relay;
        switch (result.Path)
        {
            case L2HypercallPath.Relayed:
            case L2HypercallPath.HandledInL0:
            case L2HypercallPath.Reflected:
                if (!Enum.IsDefined(result.Status))
                    return $"status 0x{(ushort)result.Status:X4} is not a TLFS status ({Describe(before)})";
                if ((ushort)regs.Rax != (ushort)result.Status)
                    return $"RAX 0x{regs.Rax:X} does not carry {result.Status} ({Describe(before)})";
                ulong next = before.Rip + regs.InstructionLength;
                if (regs.Rip != (before.Is64BitCaller ? next : (uint)next))
                    return $"RIP 0x{regs.Rip:X} not past the instruction ({Describe(before)})";
                return counters.Transitions >= 2 ? null : $"{result.Path} with {counters.Transitions} transitions";
            case L2HypercallPath.UndefinedOpcode:
            {
                // #UD leaves RIP and the result registers alone; only the relay's own write of bit
                // 31 (R-02, made before L0's H-10 check) may show, in EAX for a corrected 32-bit caller.
                ulong rax = result.Route == ExitRoute.HandleInL0ByRelay && !before.Is64BitCaller
                    && (stack.Options.Corrections & RelayCorrections.CallerMode) != 0
                    ? before.Rax & ~NestedHypercallRelay.NestedBit
                    : before.Rax;
                if (regs.Rip != before.Rip || regs.Rax != rax)
                    return $"#UD moved RIP or wrote RAX ({Describe(before)})";
                return result.Route == ExitRoute.UdInL2WithoutExit && counters.Transitions != 0
                    ? "#UD without exit counted a transition"
                    : null;
            }
            case L2HypercallPath.FetchFault:
                // Only L0's instruction fetch (SVM without NRIPS) can fault; the fault goes to L2
                // (#PF) or L1 (#VMEXIT(NPF)) and L2 retries the call: RIP and RAX untouched.
                if (stack.Options.Vendor != CpuVendor.Amd || stack.Options.Nrips)
                    return $"fetch fault on {stack.Options.Vendor} with NRIPS {stack.Options.Nrips} ({Describe(before)})";
                {
                    // As for #UD, only the relay's own clearing of bit 31 (made before the fetch) may show.
                    ulong rax = result.Route == ExitRoute.HandleInL0ByRelay && !before.Is64BitCaller
                        && (stack.Options.Corrections & RelayCorrections.CallerMode) != 0
                        ? before.Rax & ~NestedHypercallRelay.NestedBit
                        : before.Rax;
                    return regs.Rip == before.Rip && regs.Rax == rax ? null : $"fetch fault moved RIP or wrote RAX ({Describe(before)})";
                }
            default:
                return $"path {result.Path}";
        }
    }

    /// <summary>R-01, R-02 and the corrections: what the relay may keep, whatever the registers.</summary>
    private static string? CheckRelayDecision(NestedTopology stack, in HypercallRegisters before, in L2HypercallResult result)
    {
        if (result.Route != ExitRoute.HandleInL0ByRelay)
            return null;
        TopologyOptions o = stack.Options;
        if (stack.EnableCapResult != 0 || stack.Capabilities.RelayMask == NestedHypervRelayMask.None)
            return $"relayed with mask 0x{o.RelayMask:X} (ENABLE_CAP {stack.EnableCapResult})";
        if (!o.DirectHypercallGate)
            return "relayed with the gate closed";
        if ((o.Corrections & RelayCorrections.RequireCpl0) != 0 && before.Cpl != 0)
            return "relayed a CPL 3 call with RequireCpl0";
        ulong input = (o.Corrections & RelayCorrections.CallerMode) != 0 ? before.InputValue : before.Rcx;
        ushort code = (ushort)input;
        bool allowed = (input & NestedHypercallRelay.NestedBit) != 0
            && ((code == 0x005C && (o.RelayMask & 1) != 0) || (code == 0x005D && (o.RelayMask & 2) != 0));
        return allowed ? null : $"relayed input 0x{input:X} with mask 0x{o.RelayMask:X}";
    }

    private static void FillMessagePage(NestedTopology stack, Random rng)
    {
        switch (rng.Next(4))
        {
            case 0:
                stack.WriteInitiateContact(rng.Next(2) == 0 ? VmBusConstants.MessageConnectionId4 : ConnectionIds[rng.Next(ConnectionIds.Length)],
                    rng.Next(2) == 0 ? VmBusVersion.Win10V5 : (uint)rng.Next(0, 8) << 16);
                break;
            case 1:
                stack.WriteSignalEvent(rng.Next(2) == 0 ? VmBusConstants.EventConnectionId : ConnectionIds[rng.Next(ConnectionIds.Length)]);
                break;
            default:
            {
                Assert.True(stack.Memory.TryGetSpan(Stack.MessageL1Gpa, 4096, out Span<byte> page));
                rng.NextBytes(page.Slice(rng.Next(0, 4096 - 256), 256));
                if (rng.Next(2) == 0)
                    BinaryPrimitives.WriteUInt32LittleEndian(page, ConnectionIds[rng.Next(ConnectionIds.Length)]);
                break;
            }
        }
    }

    private static HypercallRegisters RandomRegisters(Random rng)
    {
        ulong input = RandomInput(rng);
        ulong param = RandomParameter(rng);
        bool is64 = rng.Next(5) != 0;
        var regs = new HypercallRegisters
        {
            Rax = NextUlong(rng), Rbx = NextUlong(rng), Rcx = NextUlong(rng), Rdx = NextUlong(rng),
            Rsi = NextUlong(rng), Rdi = NextUlong(rng), R8 = NextUlong(rng),
            Rip = rng.Next(10) switch
            {
                0 => NextUlong(rng),
                1 => (uint)rng.Next(),
                _ => is64 ? TopologyLayout.L2HypercallPageVa : 0x0040_1000,
            },
            Cpl = rng.Next(6) == 0 ? (byte)3 : (byte)0,
            InstructionLength = 3,
            ProtectedMode = rng.Next(40) != 0,
            LongMode = is64 || rng.Next(4) == 0,
            CsL = is64,
        };
        if (is64)
        {
            regs.Rcx = input;
            regs.Rdx = param;
        }
        else
        {
            // A 32-bit caller's upper register halves are left as random garbage on purpose.
            regs.Rax = (regs.Rax & 0xFFFF_FFFF_0000_0000) | (uint)input;
            regs.Rdx = (regs.Rdx & 0xFFFF_FFFF_0000_0000) | (input >> 32);
            regs.Rcx = (regs.Rcx & 0xFFFF_FFFF_0000_0000) | (uint)param;
            regs.Rbx = (regs.Rbx & 0xFFFF_FFFF_0000_0000) | (param >> 32);
        }
        return regs;
    }

    private static ulong RandomInput(Random rng)
    {
        if (rng.Next(20) == 0)
            return NextUlong(rng);
        // Mostly the two relayed calls, so that every relay conjunct gets exercised.
        ulong value = rng.Next(5) switch
        {
            0 or 1 => 0x005C,
            2 => 0x005D,
            _ => Codes[rng.Next(Codes.Length)],
        };
        if (rng.Next(4) != 0)
            value |= HypercallInput.NestedBit;
        if (rng.Next(5) == 0)
            value |= HypercallInput.FastBit;
        if (rng.Next(10) == 0)
            value |= (ulong)rng.Next(0, 4) << HypercallInput.VariableHeaderShift;
        if (rng.Next(8) == 0)
            value |= (ulong)rng.Next(0, 0x1000) << HypercallInput.RepCountShift;
        if (rng.Next(12) == 0)
            value |= (ulong)rng.Next(0, 0x1000) << HypercallInput.RepStartIndexShift;
        if (rng.Next(12) == 0)
            value |= 1UL << (27 + rng.Next(4));
        if (rng.Next(20) == 0)
            value |= 1UL << (rng.Next(2) == 0 ? 44 + rng.Next(4) : 60 + rng.Next(4));
        return value;
    }

    private static ulong RandomParameter(Random rng) => rng.Next(9) switch
    {
        // The start of L2's message page, where FillMessagePage writes well-formed input.
        0 or 1 => TopologyLayout.L2MessagePageGpa,
        // Inside L2's message page, 8-aligned, 256 bytes fit.
        8 => TopologyLayout.L2MessagePageGpa + ((ulong)rng.Next(0, 0xF00 / 8 + 1) << 3),
        // Anywhere in L2's memory, 8-aligned.
        2 => (ulong)rng.Next(0, (int)(TopologyLayout.L2MemorySize / 8)) << 3,
        // Unaligned.
        3 => TopologyLayout.L2MessagePageGpa + (ulong)rng.Next(1, 0x1000),
        // 8-aligned, but a 256-byte message would cross into the next page.
        4 => TopologyLayout.L2MessagePageGpa + 0xF08 + ((ulong)rng.Next(0, 31) << 3),
        // Outside L2's memory: unmapped in L1's table, or beyond any table's reach.
        5 => rng.Next(2) == 0 ? TopologyLayout.L2MemorySize + ((ulong)rng.Next(0, 0x10_0000) << 3) : NextUlong(rng),
        // A fast HvSignalEvent input: connection id, flag number.
        6 => ConnectionIds[rng.Next(ConnectionIds.Length)] | ((ulong)rng.Next(0, 3) << 32),
        _ => NextUlong(rng),
    };

    private static ulong NextUlong(Random rng) => (ulong)rng.NextInt64() ^ ((ulong)rng.Next(2) << 63);

    private sealed class Coverage
    {
        public readonly int[] Paths = new int[8];
        public int RelayedSuccesses;
    }

    private static string Describe(in HypercallRegisters r) =>
        $"RCX 0x{r.Rcx:X}, RDX 0x{r.Rdx:X}, RAX 0x{r.Rax:X}, RBX 0x{r.Rbx:X}, RIP 0x{r.Rip:X}, CPL {r.Cpl}, " +
        $"{(r.Is64BitCaller ? "64" : "32")}-bit, PE {r.ProtectedMode}";
}
