using Iced.Intel;
using static Iced.Intel.AssemblerRegisters;

namespace NestedVirt.Harness.Kvm;

/// <summary>
/// One calibration guest: 16-bit real-mode code loaded at <see cref="CodeAddress"/> (CS base 0,
/// IP 0x1000), assembled by Iced. Shape, as in kvm-unit-tests <c>x86/vmexit.c</c>: a loop of
/// <c>body; inc esi; dec edi; jnz</c> that runs EDI times (userspace sets EDI), counting up in
/// ESI so userspace can read back how many iterations the guest really ran, then one
/// <c>out</c> of <see cref="DoneMarker"/> to <see cref="DonePort"/> that ends the batch.
/// </summary>
internal sealed class GuestProgram
{
    /// <summary>Guest physical (and, with CS base 0, linear) address of the first instruction.</summary>
    public const ulong CodeAddress = 0x1000;

    /// <summary>Port the I/O loop writes to; no device claims it, so every OUT reaches userspace.</summary>
    public const ushort LoopPort = 0x00E9;

    /// <summary>Byte the I/O loop writes, checked on every exit.</summary>
    public const byte LoopMarker = 0x5A;

    /// <summary>Port of the final OUT that ends a batch.</summary>
    public const ushort DonePort = 0x00F4;

    /// <summary>Byte of the final OUT.</summary>
    public const byte DoneMarker = 0xD0;

    private GuestProgram(string name, LoopExit loopExit, byte[] code, ulong endRip)
    {
        Name = name;
        LoopExit = loopExit;
        Code = code;
        EndRip = endRip;
    }

    /// <summary>Test name as printed (kvm-unit-tests style, stable for grep).</summary>
    public string Name { get; }

    /// <summary>What each loop iteration makes userspace see.</summary>
    public LoopExit LoopExit { get; }

    /// <summary>The machine code.</summary>
    public byte[] Code { get; }

    /// <summary>RIP after the final OUT (the HLT behind it), read back to prove the guest got there.</summary>
    public ulong EndRip { get; }

    /// <summary><c>out dx, al</c> per iteration: a userspace round trip each.</summary>
    public static GuestProgram OutLoop() => Assemble("outb_to_user", LoopExit.Io, static a => a.@out(dx, al));

    /// <summary><c>hlt</c> per iteration: a userspace round trip each.</summary>
    public static GuestProgram HltLoop() => Assemble("hlt_to_user", LoopExit.Hlt, static a => a.hlt());

    /// <summary><c>xor eax, eax</c> per iteration: the loop's own cost, no exit.</summary>
    public static GuestProgram PlainLoop() => Assemble("guest_loop", LoopExit.None, static a => a.xor(eax, eax));

    /// <summary><c>xor eax, eax; cpuid</c> per iteration: an exit KVM completes in the kernel.</summary>
    public static GuestProgram CpuidLoop() => Assemble("cpuid", LoopExit.None, static a =>
    {
        a.xor(eax, eax);
        a.cpuid();
    });

    /// <summary>Assembles the common loop around <paramref name="body"/> (tests use it to build misbehaving guests).</summary>
    internal static GuestProgram Assemble(string name, LoopExit loopExit, Action<Assembler> body)
    {
        var a = new Assembler(16);
        var next = a.CreateLabel();
        var end = a.CreateLabel();

        a.mov(dx, LoopPort);
        a.mov(al, LoopMarker);
        a.xor(esi, esi);
        a.Label(ref next);
        body(a);
        a.inc(esi);
        a.dec(edi);
        a.jnz(next);

        // CPUID clobbers EAX/EBX/ECX/EDX, so the final OUT reloads its port and byte.
        a.mov(dx, DonePort);
        a.mov(al, DoneMarker);
        a.@out(dx, al);
        a.Label(ref end);
        a.hlt();

        var writer = new ByteWriter();
        var result = a.Assemble(writer, CodeAddress, BlockEncoderOptions.ReturnNewInstructionOffsets);
        return new GuestProgram(name, loopExit, writer.ToArray(), result.GetLabelRIP(end));
    }

    private sealed class ByteWriter : CodeWriter
    {
        private readonly List<byte> bytes = [];

        public override void WriteByte(byte value) => bytes.Add(value);

        public byte[] ToArray() => bytes.ToArray();
    }
}
