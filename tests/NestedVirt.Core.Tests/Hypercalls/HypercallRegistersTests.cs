using System.Runtime.CompilerServices;
using NestedVirt.Hypercalls;

namespace NestedVirt.Tests.Hypercalls;

public class HypercallRegistersTests
{
    [Fact]
    public void H11_SixtyFourBitCallerNeedsLongModeAndCsL()
    {
        var regs = new HypercallRegisters { Rcx = 1, Rdx = 2, R8 = 3, Rax = 4, Rbx = 5, Rsi = 6, Rdi = 7, LongMode = true, CsL = true };
        Assert.Equal(1UL, regs.InputValue);
        Assert.Equal(2UL, regs.InputParameter);
        Assert.Equal(3UL, regs.OutputParameter);

        // Compatibility mode (LMA = 1, CS.L = 0) is a 32-bit caller.
        regs.CsL = false;
        Assert.False(regs.Is64BitCaller);
    }

    [Fact]
    public void H11_ThirtyTwoBitCallerUsesRegisterPairs()
    {
        var regs = new HypercallRegisters
        {
            Rdx = 0xAAAA_AAAA_0000_0001, Rax = 0xBBBB_BBBB_0000_005C, // EDX:EAX
            Rbx = 0x0000_0000_0000_0002, Rcx = 0xCCCC_CCCC_0000_3000, // EBX:ECX
            Rdi = 0x0000_0000_0000_0003, Rsi = 0x0000_0000_0000_4000, // EDI:ESI
            ProtectedMode = true,
        };

        Assert.Equal(0x0000_0001_0000_005CUL, regs.InputValue);
        Assert.Equal(0x0000_0002_0000_3000UL, regs.InputParameter);
        Assert.Equal(0x0000_0003_0000_4000UL, regs.OutputParameter);
    }

    [Fact]
    public void ResultGoesToRaxOrEdxEax()
    {
        HypercallRegisters wide = HypercallRegisters.LongMode64(0, 0, 0);
        wide.WriteResult(0x0000_0005_0000_0003);
        Assert.Equal(0x0000_0005_0000_0003UL, wide.Rax);

        var narrow = new HypercallRegisters { ProtectedMode = true, Rax = ulong.MaxValue, Rdx = ulong.MaxValue };
        narrow.WriteResult(0x0000_0005_0000_0003);
        Assert.Equal(3UL, narrow.Rax);
        Assert.Equal(5UL, narrow.Rdx);
    }

    [Fact]
    public void SkipAddsInstructionLengthAndWrapsOutside64BitMode()
    {
        HypercallRegisters wide = HypercallRegisters.LongMode64(0, 0, 0, rip: 0xFFFF_FFFF_FFFF_FFF0);
        wide.SkipInstruction();
        Assert.Equal(0xFFFF_FFFF_FFFF_FFF3UL, wide.Rip);

        var narrow = new HypercallRegisters { ProtectedMode = true, Rip = 0xFFFF_FFFE, InstructionLength = 3 };
        narrow.SkipInstruction();
        Assert.Equal(1UL, narrow.Rip);
    }

    [Fact]
    public void SizeIsPinned() => Assert.Equal(72, Unsafe.SizeOf<HypercallRegisters>());
}
