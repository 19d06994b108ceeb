namespace NestedVirt.X86;

/// <summary>Outcome of fetching and decoding the instruction at a guest RIP.</summary>
public enum InstructionFetchStatus : byte
{
    /// <summary>Decoded: the length and code are valid; skip the instruction.</summary>
    Decoded = 0,

    /// <summary>A byte of the instruction did not translate: the walk's fault says why (inject #PF, or reflect the nested fault).</summary>
    FetchFault = 1,

    /// <summary>The bytes are not a valid instruction (or run past 15 bytes): the emulator would inject #UD.</summary>
    InvalidInstruction = 2,
}
