using Iced.Intel;
using NestedVirt.Memory;
using NestedVirt.Paging;

namespace NestedVirt.X86;

/// <summary>
/// Learns the length of the instruction at L2's RIP the way KVM must on SVM without NRIPS (next
/// RIP 0 in the VMCB): fetch the bytes through L2's page tables and L1's NPT/EPT (the 2-D walk)
/// and decode them (KVM <c>svm_skip_emulated_instruction</c> falls back to the emulator with
/// EMULTYPE_SKIP). On VMX the exit's instruction-length field makes this unnecessary. One
/// instance holds a reusable Iced decoder over a 15-byte buffer, so decoding allocates nothing.
/// </summary>
public sealed class GuestInstructionDecoder
{
    private const int MaxInstructionLength = 15;
    private readonly GuestMemory memory;
    private readonly FetchBuffer buffer = new();
    private readonly Decoder decoder;

    /// <summary>Creates a decoder reading from <paramref name="memory"/> (L1's memory).</summary>
    public GuestInstructionDecoder(GuestMemory memory)
    {
        ArgumentNullException.ThrowIfNull(memory);
        this.memory = memory;
        decoder = Decoder.Create(64, buffer);
    }

    /// <summary>Fetches and decodes the instruction at <paramref name="rip"/>.</summary>
    /// <param name="guest">L2's paging.</param>
    /// <param name="nested">L1's EPT/NPT.</param>
    /// <param name="rip">L2's RIP (a linear address).</param>
    /// <param name="userMode">CPL 3 fetch.</param>
    /// <param name="caches">Translation caches, or null.</param>
    /// <param name="instruction">The decoded instruction (length in <see cref="Instruction.Length"/>).</param>
    /// <param name="fault">The failing walk for <see cref="InstructionFetchStatus.FetchFault"/>.</param>
    /// <param name="entriesRead">Page-table entries read by the fetch walks.</param>
    public InstructionFetchStatus TryDecode<TNested>(in PagingConfig guest, in PagingConfig nested, ulong rip, bool userMode,
        PagingCaches? caches, out Instruction instruction, out WalkResult fault, out int entriesRead)
        where TNested : struct, IPageTableFormat
    {
        var intent = AccessIntent.Fetch | (userMode ? AccessIntent.User : 0);
        instruction = default;
        entriesRead = 0;

        // Up to 15 bytes, which may straddle two pages: translate each page once.
        int firstChunk = (int)Math.Min(MaxInstructionLength, 4096 - (rip & 0xFFF));
        WalkResult first = TwoDimensionalWalker.Walk<TNested>(memory, guest, nested, rip, intent, caches);
        entriesRead += first.EntriesRead;
        if (!first.IsTranslated)
        {
            fault = first;
            return InstructionFetchStatus.FetchFault;
        }
        int length = CopyOut(first.Address, firstChunk, 0);
        if (length == firstChunk && firstChunk < MaxInstructionLength)
        {
            // A fault on the second page only matters if the instruction really extends into it,
            // so decode first and fetch more only when the decoder runs out of bytes.
            buffer.Reset(length);
            decoder.IP = rip;
            decoder.Decode(out instruction);
            if (decoder.LastError != DecoderError.NoMoreBytes)
            {
                fault = default;
                return decoder.LastError == DecoderError.None ? InstructionFetchStatus.Decoded : InstructionFetchStatus.InvalidInstruction;
            }
            WalkResult second = TwoDimensionalWalker.Walk<TNested>(memory, guest, nested, rip + (ulong)firstChunk, intent, caches);
            entriesRead += second.EntriesRead;
            if (!second.IsTranslated)
            {
                fault = second;
                return InstructionFetchStatus.FetchFault;
            }
            length += CopyOut(second.Address, MaxInstructionLength - firstChunk, firstChunk);
        }

        buffer.Reset(length);
        decoder.IP = rip;
        decoder.Decode(out instruction);
        fault = default;
        return decoder.LastError == DecoderError.None ? InstructionFetchStatus.Decoded : InstructionFetchStatus.InvalidInstruction;
    }

    private int CopyOut(ulong l1Address, int count, int offset)
    {
        // Bytes past the end of L1's memory are simply not available: the decoder then reports
        // NoMoreBytes, which becomes InvalidInstruction, as a fetch from a hole would not decode.
        int copied = 0;
        while (copied < count && memory.TryReadByte(l1Address + (ulong)copied, out byte value))
        {
            buffer.Bytes[offset + copied] = value;
            copied++;
        }
        return copied;
    }

    private sealed class FetchBuffer : CodeReader
    {
        public readonly byte[] Bytes = new byte[MaxInstructionLength];
        private int length;
        private int position;

        public void Reset(int available)
        {
            length = available;
            position = 0;
        }

        public override int ReadByte() => position < length ? Bytes[position++] : -1;
    }
}
