namespace NestedVirt.Kvm;

/// <summary>
/// <c>args[0]</c> of <c>KVM_ENABLE_CAP(KVM_CAP_NESTED_HYPERV_HCALL_RELAY)</c>: which of a nested
/// Hyper-V root's hypercalls L0 keeps instead of reflecting to L1. 0 turns the relay off.
/// </summary>
[Flags]
public enum NestedHypervRelayMask : ulong
{
    /// <summary>Relay off.</summary>
    None = 0,

    /// <summary>Bit 0, <c>KVM_NESTED_HYPERV_RELAY_POST_MESSAGE</c>: relay HvPostMessage (0x005C).</summary>
    PostMessage = 1UL << 0,

    /// <summary>Bit 1, <c>KVM_NESTED_HYPERV_RELAY_SIGNAL_EVENT</c>: relay HvSignalEvent (0x005D).</summary>
    SignalEvent = 1UL << 1,

    /// <summary>Every bit the relay supports.</summary>
    All = PostMessage | SignalEvent,
}
