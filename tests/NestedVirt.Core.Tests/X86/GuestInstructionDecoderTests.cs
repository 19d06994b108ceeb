using Iced.Intel;
using NestedVirt.Paging;
using NestedVirt.Tests.Topology;
using NestedVirt.Topology;
using NestedVirt.X86;

namespace NestedVirt.Tests.X86;

/// <summary>
/// L0 learning an instruction's length without NRIPS: fetch through the 2-D walk (W-01,
/// W-14), decode with Iced, and fault only for bytes the instruction really needs.
/// </summary>
public class GuestInstructionDecoderTests
{
    // MOV RAX, imm64 (REX.W B8+r io, SDM Vol 2B "MOV"): 10 bytes.
    private static readonly byte[] MovRaxImm64 = [0x48, 0xB8, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88];
    private const ulong MovImmediate = 0x8877_6655_4433_2211;

    // A cold 2-D walk, 4-level guest over a 4-level EPT/NPT: (4+1)(4+1) - 1 = 24 entries (W-01).
    private const int ColdWalk = 24;

    public static TheoryData<CpuVendor> Vendors => new() { CpuVendor.Intel, CpuVendor.Amd };

    [Theory]
    [MemberData(nameof(Vendors))]
    public void HypercallInstructionDecodesThroughTheTwoDimensionalWalk(CpuVendor vendor)
    {
        var stack = new FetchStack(vendor, SecondPage.Mapped);
        stack.Write(FetchStack.CodeVa, HypercallPage.Assemble(vendor));

        InstructionFetchStatus status = Decode(stack, vendor, FetchStack.CodeVa, out Instruction instruction, out _, out int entries);

        Assert.Equal(InstructionFetchStatus.Decoded, status);
        Assert.Equal(vendor == CpuVendor.Intel ? Code.Vmcall : Code.Vmmcall, instruction.Code);
        Assert.Equal(3, instruction.Length);
        Assert.Equal(ColdWalk, entries);
    }

    [Fact]
    public void VmmcallOnTheTopologysHypercallPageDecodesWithLength3()
    {
        var stack = NestedTopology.Create(new TopologyOptions { Vendor = CpuVendor.Amd, NestedTlb = false });

        InstructionFetchStatus status = stack.Decoder.TryDecode<NptFormat>(stack.L2Paging, stack.NestedPaging,
            TopologyLayout.L2HypercallPageVa, userMode: false, caches: null, out Instruction instruction, out _, out int entries);

        Assert.Equal(InstructionFetchStatus.Decoded, status);
        Assert.Equal(Code.Vmmcall, instruction.Code);
        Assert.Equal(3, instruction.Length);
        Assert.Equal(ColdWalk, entries);
    }

    [Theory]
    [MemberData(nameof(Vendors))]
    public void InstructionStraddlingIntoAMappedPageDecodesInFull(CpuVendor vendor)
    {
        var stack = new FetchStack(vendor, SecondPage.Mapped);
        ulong rip = FetchStack.PageBVa - 3;
        stack.Write(rip, MovRaxImm64);

        InstructionFetchStatus status = Decode(stack, vendor, rip, out Instruction instruction, out _, out int entries);

        Assert.Equal(InstructionFetchStatus.Decoded, status);
        Assert.Equal(Code.Mov_r64_imm64, instruction.Code);
        Assert.Equal(10, instruction.Length);
        // The last 7 immediate bytes came from page B: a wrong second translation would not give them.
        Assert.Equal(MovImmediate, instruction.Immediate64);
        Assert.Equal(2 * ColdWalk, entries);
    }

    [Theory]
    [MemberData(nameof(Vendors))]
    public void StraddlingIntoAPageL2DidNotMapIsAGuestFaultOnThatPage(CpuVendor vendor)
    {
        var stack = new FetchStack(vendor, SecondPage.GuestUnmapped);
        ulong rip = FetchStack.PageBVa - 3;
        stack.Write(rip, MovRaxImm64.AsSpan(0, 3));

        InstructionFetchStatus status = Decode(stack, vendor, rip, out _, out WalkResult fault, out _);

        Assert.Equal(InstructionFetchStatus.FetchFault, status);
        Assert.Equal(FaultStage.Guest, fault.Stage);
        Assert.Equal(WalkStatus.NotPresent, fault.Status);
        // A guest fault reports the linear address, as CR2 would: the first byte of page B.
        Assert.Equal(FetchStack.PageBVa, fault.Address);
    }

    [Theory]
    [MemberData(nameof(Vendors))]
    public void StraddlingIntoAPageL1DidNotBackIsANestedFaultOnItsL2Gpa(CpuVendor vendor)
    {
        var stack = new FetchStack(vendor, SecondPage.NestedUnmapped);
        ulong rip = FetchStack.PageBVa - 3;
        stack.Write(rip, MovRaxImm64.AsSpan(0, 3));

        InstructionFetchStatus status = Decode(stack, vendor, rip, out _, out WalkResult fault, out _);

        Assert.Equal(InstructionFetchStatus.FetchFault, status);
        Assert.Equal(FaultStage.Nested, fault.Stage);
        Assert.Equal(WalkStatus.NotPresent, fault.Status);
        // A nested fault reports the L2 GPA, as GUEST_PHYSICAL_ADDRESS / EXITINFO2 would.
        Assert.Equal(FetchStack.UnbackedL2Gpa, fault.Address);
    }

    public static TheoryData<CpuVendor, SecondPage, int> BeforeTheBoundary()
    {
        var data = new TheoryData<CpuVendor, SecondPage, int>();
        foreach (CpuVendor vendor in new[] { CpuVendor.Intel, CpuVendor.Amd })
        {
            foreach (SecondPage second in new[] { SecondPage.GuestUnmapped, SecondPage.NestedUnmapped })
            {
                data.Add(vendor, second, 3);   // the last byte is the page's last byte
                data.Add(vendor, second, 4);   // one byte of the stub's RET still fits after it
                data.Add(vendor, second, 20);  // all 15 fetchable bytes lie in page A
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(BeforeTheBoundary))]
    public void InstructionEndingBeforeTheBoundaryIgnoresTheUnmappedNextPage(CpuVendor vendor, SecondPage second, int bytesBeforeBoundary)
    {
        var stack = new FetchStack(vendor, second);
        ulong rip = FetchStack.PageBVa - (ulong)bytesBeforeBoundary;
        byte[] stub = HypercallPage.Assemble(vendor);
        stack.Write(rip, stub.AsSpan(0, Math.Min(stub.Length, bytesBeforeBoundary)));

        InstructionFetchStatus status = Decode(stack, vendor, rip, out Instruction instruction, out _, out int entries);

        Assert.Equal(InstructionFetchStatus.Decoded, status);
        Assert.Equal(3, instruction.Length);
        Assert.Equal(ColdWalk, entries); // page B was never walked
    }

    public static TheoryData<string, byte[]> Garbage() => new()
    {
        { "PUSH ES, invalid in 64-bit mode (SDM Vol 2B PUSH)", [0x06] },
        { "0F 04, an undefined two-byte opcode (SDM Vol 2D Table A-3)", [0x0F, 0x04] },
        // SDM Vol 2A 2.3.11: an instruction longer than 15 bytes raises #UD.
        { "15 operand-size prefixes and a NOP: 16 bytes", [.. Enumerable.Repeat((byte)0x66, 15), 0x90] },
    };

    [Theory]
    [MemberData(nameof(Garbage))]
    public void GarbageBytesAreInvalidInstruction(string what, byte[] code)
    {
        var stack = new FetchStack(CpuVendor.Amd, SecondPage.Mapped);
        stack.Write(FetchStack.CodeVa, code);

        InstructionFetchStatus status = Decode(stack, CpuVendor.Amd, FetchStack.CodeVa, out _, out _, out _);

        Assert.True(status == InstructionFetchStatus.InvalidInstruction, $"{what}: {status}");
    }

    [Fact]
    public void UserModeFetchFromASupervisorPageIsAGuestPermissionFault()
    {
        var stack = new FetchStack(CpuVendor.Amd, SecondPage.Mapped);
        stack.Write(FetchStack.CodeVa, HypercallPage.Assemble(CpuVendor.Amd));

        InstructionFetchStatus status = stack.Decoder.TryDecode<NptFormat>(stack.Guest, stack.Nested, FetchStack.CodeVa,
            userMode: true, caches: null, out _, out WalkResult fault, out _);

        Assert.Equal(InstructionFetchStatus.FetchFault, status);
        Assert.Equal(FaultStage.Guest, fault.Stage);
        Assert.Equal(WalkStatus.PermissionFault, fault.Status);
    }

    [Fact]
    public void TryDecodeAllocatesNothingOnceWarm()
    {
        var stack = new FetchStack(CpuVendor.Amd, SecondPage.Mapped);
        stack.Write(FetchStack.PageBVa - 3, MovRaxImm64);
        int wrong = 0;
        for (int i = 0; i < 200; i++)
            wrong += DecodeStraddling(stack);

        long allocated = Allocations.During(() =>
        {
            for (int i = 0; i < 10_000; i++)
                wrong += DecodeStraddling(stack);
        });

        Assert.Equal(0L, allocated);
        Assert.Equal(0, wrong);
    }

    private static int DecodeStraddling(FetchStack stack)
    {
        InstructionFetchStatus status = stack.Decoder.TryDecode<NptFormat>(stack.Guest, stack.Nested, FetchStack.PageBVa - 3,
            userMode: false, caches: null, out Instruction instruction, out _, out _);
        return status == InstructionFetchStatus.Decoded && instruction.Length == 10 ? 0 : 1;
    }

    private static InstructionFetchStatus Decode(FetchStack stack, CpuVendor vendor, ulong rip, out Instruction instruction,
        out WalkResult fault, out int entries) =>
        vendor == CpuVendor.Intel
            ? stack.Decoder.TryDecode<EptFormat>(stack.Guest, stack.Nested, rip, userMode: false, caches: null, out instruction, out fault, out entries)
            : stack.Decoder.TryDecode<NptFormat>(stack.Guest, stack.Nested, rip, userMode: false, caches: null, out instruction, out fault, out entries);
}
