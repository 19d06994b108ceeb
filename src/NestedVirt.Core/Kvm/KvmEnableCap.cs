using System.Runtime.InteropServices;

namespace NestedVirt.Kvm;

/// <summary>
/// <c>struct kvm_enable_cap</c>, the argument of <c>KVM_ENABLE_CAP</c>
/// (<c>_IOW(0xAE, 0xA3, struct kvm_enable_cap)</c>, C-01): cap u32 @0, flags u32 @4, args[4]
/// u64 @8..@39, pad[64] @40; 104 bytes.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 104)]
public struct KvmEnableCap
{
    /// <summary>The capability number.</summary>
    [FieldOffset(0)] public uint Cap;

    /// <summary>Must be 0 (C-02).</summary>
    [FieldOffset(4)] public uint Flags;

    /// <summary><c>args[0]</c>: for bitmask capabilities, the mask to enable.</summary>
    [FieldOffset(8)] public ulong Arg0;

    /// <summary><c>args[1]</c>.</summary>
    [FieldOffset(16)] public ulong Arg1;

    /// <summary><c>args[2]</c>.</summary>
    [FieldOffset(24)] public ulong Arg2;

    /// <summary><c>args[3]</c>.</summary>
    [FieldOffset(32)] public ulong Arg3;

    /// <summary>Creates a request for <paramref name="cap"/> with <c>args[0]</c> = <paramref name="arg0"/>.</summary>
    public static KvmEnableCap Create(uint cap, ulong arg0, uint flags = 0) =>
        new() { Cap = cap, Flags = flags, Arg0 = arg0 };
}
