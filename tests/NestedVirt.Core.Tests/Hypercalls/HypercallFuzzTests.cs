using System.Buffers.Binary;
using NestedVirt.Counters;
using NestedVirt.Hypercalls;
using NestedVirt.Kvm;
using NestedVirt.Memory;
using NestedVirt.Userspace;
using NestedVirt.VmBus;

namespace NestedVirt.Tests.Hypercalls;

/// <summary>
/// Seeded random registers, vCPU state and input pages through KVM's handler and the VMBus host:
/// nothing throws, every status is one the TLFS documents for these calls, and RIP/RAX agree with
/// the outcome. A failure message names the seed and the iteration to replay.
/// </summary>
public class HypercallFuzzTests
{
    private const int Seed = 0x2026_1122;
    private const int Iterations = 100_000;
    private const ulong Hole = 0x1_0000;
    private const ulong HighSlot = 0x2_0000;

    // TLFS common codes plus those HvCallPostMessage / HvCallSignalEvent / SynDbg paths document.
    private static readonly HashSet<HvStatus> TlfsStatuses =
    [
        HvStatus.Success, HvStatus.InvalidHypercallCode, HvStatus.InvalidHypercallInput, HvStatus.InvalidAlignment,
        HvStatus.InvalidParameter, HvStatus.AccessDenied, HvStatus.OperationDenied, HvStatus.InvalidPortId,
        HvStatus.InvalidConnectionId,
    ];

    private static readonly ushort[] Codes =
    [
        0x0002, 0x0003, 0x0008, 0x000B, 0x0013, 0x0014, 0x0015, 0x005C, 0x005C, 0x005C, 0x005D, 0x005D, 0x005D,
        0x0069, 0x006A, 0x006B, 0x00AF, 0x00B0, 0x00C0, 0x00C1, 0x8001, 0x8041, 0x8042, 0x0000, 0xFFFF,
    ];

    private static readonly uint[] ConnectionIds = [1, 4, 2, 3, 0x2A, 0x00FF_FFFF, 0x0100_0001, 0xFFFF_FFFF];

    [Fact]
    public void RandomCallsNeverThrowAndOnlyYieldTlfsStatuses()
    {
        var memory = new GuestMemory([new MemorySlot(0, Hole), new MemorySlot(HighSlot, 0x1000)]);
        var eventfds = new HyperVEventfdTable(capacity: 8, eventfdCount: 4);
        Assert.Equal(0, eventfds.Ioctl(KvmHypervEventfd.Assign(2, 0)));
        Assert.Equal(0, eventfds.Ioctl(KvmHypervEventfd.Assign(0x2A, 1)));
        Assert.Equal(0, eventfds.Ioctl(KvmHypervEventfd.Assign(0x00FF_FFFF, 2)));
        var kernel = new HyperVHypercallHandler(memory, eventfds);
        var host = new VmBusHost();
        var rng = new Random(Seed);
        PathCounters counters = default;
        KvmHypervExit exit = default;

        for (int i = 0; i < Iterations; i++)
        {
            string? failure;
            try
            {
                HyperVVcpuState vcpu = RandomVcpu(rng);
                HypercallRegisters regs = RandomRegisters(rng, memory);
                failure = RunOne(kernel, host, memory, ref regs, in vcpu, ref exit, ref counters);
            }
            catch (Exception e)
            {
                failure = e.ToString();
            }
            if (failure is not null)
                Assert.Fail($"seed 0x{Seed:X}, iteration {i}: {failure}");
        }

        // The run reached the interesting paths, not only early rejections.
        Assert.True(counters.UserspaceRoundTrips > 1000, "too few userspace round trips");
        Assert.True(host.ResponseCount > 0, "no InitiateContact was answered");
        Assert.True(eventfds.GetSignalCount(0) + eventfds.GetSignalCount(1) > 0, "no eventfd was signalled");
    }

    private static string? RunOne(
        HyperVHypercallHandler kernel, VmBusHost host, GuestMemory memory,
        ref HypercallRegisters regs, in HyperVVcpuState vcpu, ref KvmHypervExit exit, ref PathCounters counters)
    {
        ulong rip = regs.Rip;
        HypercallOutcome outcome = kernel.Handle(ref regs, in vcpu, ref exit, ref counters, out HvStatus status);
        if (outcome == HypercallOutcome.ExitToUserspace)
        {
            if (regs.Rip != rip)
                return "RIP moved before userspace answered";
            host.HandleHypervExit(ref exit, memory, ref counters);
            outcome = kernel.CompleteUserspace(ref regs, in exit, in vcpu, ref counters, out status);
        }

        switch (outcome)
        {
            case HypercallOutcome.InjectUd:
            case HypercallOutcome.NotHyperV:
                return regs.Rip == rip ? null : $"{outcome} moved RIP";
            case HypercallOutcome.CompletedInKernel:
            case HypercallOutcome.CompletedFromUserspace:
            case HypercallOutcome.CompletedTrapAfterFlush:
                if (!TlfsStatuses.Contains(status))
                    return $"status 0x{(ushort)status:X4} is not a TLFS status for these calls";
                if ((ushort)regs.Rax != (ushort)status)
                    return $"RAX 0x{regs.Rax:X} does not carry status {status}";
                ulong expectedRip = rip + regs.InstructionLength;
                return (regs.Is64BitCaller ? expectedRip : (uint)expectedRip) == regs.Rip ? null : "RIP not advanced by the instruction";
            default:
                return $"unexpected outcome {outcome}";
        }
    }

    private static HyperVVcpuState RandomVcpu(Random rng)
    {
        HyperVVcpuState vcpu = HyperVVcpuState.KvmDefault;
        vcpu.HypercallEnabled = rng.Next(50) != 0;
        vcpu.SynicActive = rng.Next(10) != 0;
        vcpu.EnforceCpuid = rng.Next(4) == 0;
        if (rng.Next(4) == 0)
        {
            vcpu.FeaturesEbx = (uint)rng.Next();
            vcpu.FeaturesEdx = (uint)rng.Next();
            vcpu.EnlightenmentsEax = (uint)rng.Next();
            vcpu.EnlightenmentsEbx = rng.Next(3) switch { 0 => 0, 1 => uint.MaxValue, _ => (uint)rng.Next() };
        }
        vcpu.SyndbgEnabled = rng.Next(2) == 0;
        vcpu.SyndbgUsesHypercalls = rng.Next(2) == 0;
        vcpu.GuestMode = rng.Next(3) == 0;
        vcpu.PartitionAssistPageGpa = rng.Next(4) == 0 ? Hole : 0x5000;
        return vcpu;
    }

    private static HypercallRegisters RandomRegisters(Random rng, GuestMemory memory)
    {
        var regs = new HypercallRegisters
        {
            Rax = NextUlong(rng), Rbx = NextUlong(rng), Rcx = NextUlong(rng), Rdx = NextUlong(rng),
            Rsi = NextUlong(rng), Rdi = NextUlong(rng), R8 = NextUlong(rng),
            Rip = rng.Next(8) == 0 ? 0xFFFF_FFFE : (ulong)rng.Next(),
            Cpl = rng.Next(16) == 0 ? (byte)rng.Next(1, 4) : (byte)0,
            InstructionLength = 3,
            ProtectedMode = rng.Next(32) != 0,
            LongMode = rng.Next(5) != 0,
            CsL = rng.Next(5) != 0,
        };

        ulong input = RandomInput(rng);
        ulong gpa = RandomGpa(rng);
        ulong param = rng.Next(3) == 0 ? RandomSignalValue(rng) : gpa;
        if (memory.Contains(gpa, 256))
            WriteRandomPost(rng, memory, gpa);
        if (memory.Contains(gpa, 8) && rng.Next(2) == 0)
            memory.TryWriteUInt64(gpa, RandomSignalValue(rng));

        if (regs.Is64BitCaller)
        {
            regs.Rcx = input;
            regs.Rdx = param;
        }
        else
        {
            regs.Rdx = input >> 32;
            regs.Rax = (uint)input;
            regs.Rbx = param >> 32;
            regs.Rcx = (uint)param;
        }
        return regs;
    }

    private static ulong RandomInput(Random rng)
    {
        if (rng.Next(20) == 0)
            return NextUlong(rng);
        ulong value = Codes[rng.Next(Codes.Length)];
        if (rng.Next(2) == 0)
            value |= HypercallInput.FastBit;
        if (rng.Next(10) == 0)
            value |= (ulong)rng.Next(0, 4) << HypercallInput.VariableHeaderShift;
        if (rng.Next(6) == 0)
            value |= (ulong)rng.Next(0, 0x1000) << HypercallInput.RepCountShift;
        if (rng.Next(10) == 0)
            value |= (ulong)rng.Next(0, 0x1000) << HypercallInput.RepStartIndexShift;
        if (rng.Next(15) == 0)
            value |= 1UL << (27 + rng.Next(5));
        if (rng.Next(30) == 0)
            value |= 1UL << (44 + rng.Next(4));
        return value;
    }

    private static ulong RandomGpa(Random rng) => rng.Next(10) switch
    {
        0 => NextUlong(rng),
        1 => Hole + (ulong)rng.Next(0, 0x1000),
        2 => HighSlot + ((ulong)rng.Next(0, 0x200) << 3),
        3 => (ulong)rng.Next(0, (int)Hole),
        _ => ((ulong)rng.Next(1, 16) << 12) + ((ulong)rng.Next(0, 0x200) << 3),
    };

    private static ulong RandomSignalValue(Random rng)
    {
        ulong value = ConnectionIds[rng.Next(ConnectionIds.Length)];
        if (rng.Next(5) == 0)
            value |= (ulong)(ushort)rng.Next(0, 3) << 32;
        if (rng.Next(10) == 0)
            value |= (ulong)(ushort)rng.Next() << 48;
        return value;
    }

    private static void WriteRandomPost(Random rng, GuestMemory memory, ulong gpa)
    {
        memory.TryGetSpan(gpa, 256, out Span<byte> block);
        if (rng.Next(8) == 0)
        {
            rng.NextBytes(block);
            return;
        }
        block.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(block, ConnectionIds[rng.Next(ConnectionIds.Length)]);
        BinaryPrimitives.WriteUInt32LittleEndian(block[4..], rng.Next(10) == 0 ? 1u : 0u);
        uint type = rng.Next(6) switch { 0 => 0, 1 => 0x8000_0001, 2 => (uint)rng.Next(), _ => 1 };
        BinaryPrimitives.WriteUInt32LittleEndian(block[8..], type);
        uint size = rng.Next(5) switch { 0 => (uint)rng.Next(241, 400), 1 => (uint)rng.Next(0, 241), _ => 40 };
        BinaryPrimitives.WriteUInt32LittleEndian(block[12..], size);
        Span<byte> payload = block[16..];
        BinaryPrimitives.WriteUInt32LittleEndian(payload, rng.Next(4) == 0 ? (uint)rng.Next(0, 30) : 14u);
        uint[] versions = [0x0005_0000, 0x0004_0000, 0x0005_0003, 0x0006_0000, 0x0000_000D, (uint)rng.Next()];
        BinaryPrimitives.WriteUInt32LittleEndian(payload[8..], versions[rng.Next(versions.Length)]);
        payload[16] = (byte)rng.Next(0, 16);
    }

    private static ulong NextUlong(Random rng) => (ulong)rng.NextInt64() ^ ((ulong)rng.Next(2) << 63);
}
