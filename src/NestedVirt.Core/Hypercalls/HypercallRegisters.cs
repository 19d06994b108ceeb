using System.Runtime.CompilerServices;

namespace NestedVirt.Hypercalls;

/// <summary>
/// The slice of a vCPU's register file a Hyper-V hypercall touches, plus the mode bits that decide
/// the register convention. Mutable and passed by <see langword="ref"/>: the handler writes the
/// result and advances RIP in place.
/// </summary>
/// <remarks>
/// TLFS "Hypercall Inputs": a caller is 64-bit iff EFER.LMA = 1 and CS.L = 1. A 64-bit caller
/// passes input value / input / output in RCX / RDX / R8 and gets the result in RAX; a 32-bit
/// caller uses EDX:EAX / EBX:ECX / EDI:ESI and gets the result in EDX:EAX (model 02 §1).
/// XMM0-5 (XMM fast input) are not modelled: no modelled path consumes their contents.
/// </remarks>
public struct HypercallRegisters
{
    /// <summary>RAX (EAX: low half of a 32-bit caller's input value and of its result).</summary>
    public ulong Rax;

    /// <summary>RBX (EBX: high half of a 32-bit caller's input parameter).</summary>
    public ulong Rbx;

    /// <summary>RCX (64-bit input value; ECX: low half of a 32-bit caller's input parameter).</summary>
    public ulong Rcx;

    /// <summary>RDX (64-bit input GPA or fast input; EDX: high half of a 32-bit caller's input value and result).</summary>
    public ulong Rdx;

    /// <summary>RSI (ESI: low half of a 32-bit caller's output parameter).</summary>
    public ulong Rsi;

    /// <summary>RDI (EDI: high half of a 32-bit caller's output parameter).</summary>
    public ulong Rdi;

    /// <summary>R8 (64-bit output GPA or fast output parameter).</summary>
    public ulong R8;

    /// <summary>RIP of the hypercall instruction (VMCALL/VMMCALL).</summary>
    public ulong Rip;

    /// <summary>Current privilege level (0-3).</summary>
    public byte Cpl;

    /// <summary>Length of the hypercall instruction in bytes (3 for VMCALL and VMMCALL), added to RIP on completion.</summary>
    public byte InstructionLength;

    /// <summary>CR0.PE: protected mode. Hypercalls from real mode raise #UD (TLFS "Legal Hypercall Environments").</summary>
    public bool ProtectedMode;

    /// <summary>EFER.LMA: long mode active.</summary>
    public bool LongMode;

    /// <summary>CS.L: 64-bit code segment.</summary>
    public bool CsL;

    /// <summary>True for a 64-bit caller: EFER.LMA and CS.L both set (KVM <c>is_64_bit_hypercall</c>).</summary>
    public readonly bool Is64BitCaller => LongMode & CsL;

    /// <summary>The hypercall input value: RCX, or EDX:EAX for a 32-bit caller.</summary>
    public readonly ulong InputValue
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Is64BitCaller ? Rcx : Join(Rdx, Rax);
    }

    /// <summary>The input parameter (GPA or fast input): RDX, or EBX:ECX.</summary>
    public readonly ulong InputParameter
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Is64BitCaller ? Rdx : Join(Rbx, Rcx);
    }

    /// <summary>The output parameter (GPA or fast output): R8, or EDI:ESI.</summary>
    public readonly ulong OutputParameter
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Is64BitCaller ? R8 : Join(Rdi, Rsi);
    }

    /// <summary>Writes a result value: RAX, or EDX:EAX for a 32-bit caller.</summary>
    /// <remarks>For a 32-bit caller only EAX and EDX are architecturally visible, so the upper halves are zeroed.</remarks>
    public void WriteResult(ulong result)
    {
        if (Is64BitCaller)
        {
            Rax = result;
        }
        else
        {
            Rax = (uint)result;
            Rdx = (uint)(result >> 32);
        }
    }

    /// <summary>
    /// Advances RIP past the hypercall instruction. Outside 64-bit mode RIP wraps at 32 bits, as
    /// KVM's VMX <c>skip_emulated_instruction</c> truncates it.
    /// </summary>
    public void SkipInstruction()
    {
        ulong rip = Rip + InstructionLength;
        Rip = Is64BitCaller ? rip : (uint)rip;
    }

    /// <summary>Registers of a CPL-0, 64-bit caller issuing VMCALL (3 bytes) at <paramref name="rip"/>.</summary>
    public static HypercallRegisters LongMode64(ulong rcx, ulong rdx, ulong r8, ulong rip = 0x1000) => new()
    {
        Rcx = rcx,
        Rdx = rdx,
        R8 = r8,
        Rip = rip,
        InstructionLength = 3,
        ProtectedMode = true,
        LongMode = true,
        CsL = true,
    };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Join(ulong high, ulong low) => ((ulong)(uint)high << 32) | (uint)low;
}
