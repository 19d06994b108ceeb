using Iced.Intel;
using NestedVirt.Harness.Kvm;

namespace NestedVirt.Harness.Tests.Kvm;

public sealed class GuestProgramTests
{
    public static TheoryData<string, Mnemonic> Programs => new()
    {
        { "outb_to_user", Mnemonic.Out },
        { "hlt_to_user", Mnemonic.Hlt },
        { "guest_loop", Mnemonic.Xor },
        { "cpuid", Mnemonic.Cpuid },
    };

    [Theory]
    [MemberData(nameof(Programs))]
    public void GuestLoopsOnItsBodyThenOutsTheDoneMarkerBeforeEndRip(string name, Mnemonic body)
    {
        var program = Build(name);
        var code = Decode(program);

        // Prologue: mov dx, 0E9h; mov al, 5Ah; xor esi, esi; then the loop body.
        Assert.Equal(Mnemonic.Mov, code[0].Mnemonic);
        Assert.Equal(0xE9u, code[0].GetImmediate(1));
        Assert.Equal(Register.ESI, code[2].Op0Register);

        // The loop: body (its last instruction the one under test); inc esi; dec edi; jnz body.
        var jnz = Assert.Single(code, i => i.Mnemonic == Mnemonic.Jne);
        int end = code.IndexOf(jnz);
        Assert.Equal(code[3].IP, jnz.NearBranchTarget);
        Assert.Equal((Mnemonic.Dec, Register.EDI), (code[end - 1].Mnemonic, code[end - 1].Op0Register));
        Assert.Equal((Mnemonic.Inc, Register.ESI), (code[end - 2].Mnemonic, code[end - 2].Op0Register));
        Assert.Equal(body, code[end - 3].Mnemonic);

        var hlt = code[^1];
        var outDone = code[^2];
        Assert.Equal(Mnemonic.Hlt, hlt.Mnemonic);
        Assert.Equal(hlt.IP, program.EndRip);
        Assert.Equal(Mnemonic.Out, outDone.Mnemonic);
        Assert.Equal(0xF4u, code[^4].GetImmediate(1));
        Assert.Equal(0xD0u, code[^3].GetImmediate(1));
    }

    [Fact]
    public void GuestCodeIsLoadedAtTheRealModeEntryPoint()
    {
        Assert.Equal(0x1000UL, GuestProgram.CodeAddress);
        Assert.Equal(0x1000UL, Decode(GuestProgram.OutLoop())[0].IP);
    }

    private static GuestProgram Build(string name) => name switch
    {
        "outb_to_user" => GuestProgram.OutLoop(),
        "hlt_to_user" => GuestProgram.HltLoop(),
        "guest_loop" => GuestProgram.PlainLoop(),
        _ => GuestProgram.CpuidLoop(),
    };

    private static List<Instruction> Decode(GuestProgram program)
    {
        Assert.NotEmpty(program.Code);
        var decoder = Decoder.Create(16, new ByteArrayCodeReader(program.Code), GuestProgram.CodeAddress);
        var list = new List<Instruction>();
        while (decoder.IP < GuestProgram.CodeAddress + (ulong)program.Code.Length)
        {
            var instruction = decoder.Decode();
            Assert.False(instruction.IsInvalid, $"invalid instruction at 0x{instruction.IP:X}");
            list.Add(instruction);
        }

        return list;
    }
}
