using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Parameters;
using Iced.Intel;
using NestedVirt.Benchmarks.Paging;
using NestedVirt.Benchmarks.Running;
using NestedVirt.Counters;
using NestedVirt.Paging;
using NestedVirt.X86;

namespace NestedVirt.Benchmarks.X86;

/// <summary>
/// What an SVM host without NRIPS pays to learn an exit instruction's length: fetch the bytes
/// at L2's RIP through the 2-D walk (NPT, warm caches) and decode them with Iced. "Hypercall" is
/// the <c>vmmcall</c> of the hypercall page; "Straddling" a 15-byte instruction that crosses a
/// page boundary, so two walks run.
/// </summary>
[BenchmarkCategory("Decode", "X86")]
public class Decode : ICountedBenchmark, IHeadlineSuite
{
    private WalkFixture fixture = null!;
    private GuestInstructionDecoder decoder = null!;
    private PagingCaches caches = null!;
    private ulong rip;

    /// <summary>Which instruction sits at RIP.</summary>
    [Params(FetchedInstruction.Hypercall, FetchedInstruction.Straddling)]
    public FetchedInstruction Instruction { get; set; }

    /// <inheritdoc/>
    public static bool IsHeadline(ParameterInstances parameters) => (FetchedInstruction)parameters["Instruction"] == FetchedInstruction.Hypercall;

    /// <summary>Places the code in L2's memory and warms the caches.</summary>
    [GlobalSetup]
    public void Setup()
    {
        fixture = new WalkFixture(NestedFormat.Npt, 4, PageSize.Size4K, 16, 4);
        decoder = new GuestInstructionDecoder(fixture.Memory);
        caches = new PagingCaches();
        byte[] code = Instruction == FetchedInstruction.Hypercall
            ? HypercallPage.Assemble(CpuVendor.Amd)
            : [0x26, 0x66, 0x67, 0xF0, 0x81, 0x84, 0x88, 0x00, 0x10, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00];
        rip = Instruction == FetchedInstruction.Hypercall ? WalkFixture.GuestRegion + 0x3000 : WalkFixture.GuestRegion + 0x4FF8;
        WriteCode(code);
        DecodeOnce();
    }

    /// <summary>Fetch and decode once; returns the length.</summary>
    [Benchmark]
    public int DecodeOnce()
    {
        decoder.TryDecode<NptFormat>(fixture.Guest, fixture.Nested, rip, userMode: false, caches,
            out Instruction instruction, out _, out _);
        return instruction.Length;
    }

    /// <inheritdoc/>
    public int CountOperations(ref PathCounters counters)
    {
        decoder.TryDecode<NptFormat>(fixture.Guest, fixture.Nested, rip, userMode: false, caches, out _, out _, out int entries);
        counters.GuestEntriesRead += entries;
        counters.Walks += Instruction == FetchedInstruction.Hypercall ? 1 : 2;
        return 1;
    }

    private void WriteCode(byte[] code)
    {
        for (int i = 0; i < code.Length; i++)
        {
            fixture.Memory.TryGetSpan(WalkFixture.L1AddressOf(rip + (ulong)i), 1, out Span<byte> b);
            b[0] = code[i];
        }
    }
}
