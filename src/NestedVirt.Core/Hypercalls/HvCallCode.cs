namespace NestedVirt.Hypercalls;

/// <summary>
/// Hypercall call codes (bits 15:0 of the hypercall input value) that the model knows, numbered
/// as the TLFS and Linux <c>include/hyperv/hvgdk_mini.h</c> (model 02 §3). Names drop the TLFS
/// <c>HvCall</c> prefix. A code not listed here is still decoded; KVM answers it with
/// <see cref="HvStatus.InvalidHypercallCode"/>.
/// </summary>
public enum HvCallCode : ushort
{
    /// <summary><c>HvCallFlushVirtualAddressSpace</c> (simple): flush a whole address space; KVM handles it in kernel (L1 and, gated, L2).</summary>
    FlushVirtualAddressSpace = 0x0002,

    /// <summary><c>HvCallFlushVirtualAddressList</c> (rep): flush a list of GVA ranges; KVM in-kernel.</summary>
    FlushVirtualAddressList = 0x0003,

    /// <summary><c>HvCallNotifyLongSpinWait</c> (simple): the caller spins on a lock; KVM yields.</summary>
    NotifyLongSpinWait = 0x0008,

    /// <summary><c>HvCallSendSyntheticClusterIpi</c> (simple): send an IPI to a processor mask; KVM in-kernel.</summary>
    SendSyntheticClusterIpi = 0x000B,

    /// <summary><c>HvCallFlushVirtualAddressSpaceEx</c> (simple, variable header): sparse processor set form.</summary>
    FlushVirtualAddressSpaceEx = 0x0013,

    /// <summary><c>HvCallFlushVirtualAddressListEx</c> (rep, variable header): sparse processor set form.</summary>
    FlushVirtualAddressListEx = 0x0014,

    /// <summary><c>HvCallSendSyntheticClusterIpiEx</c> (simple, variable header): sparse processor set form.</summary>
    SendSyntheticClusterIpiEx = 0x0015,

    /// <summary><c>HvCallPostMessage</c> (simple): post a 240-byte message to a connection; KVM exits to userspace.</summary>
    PostMessage = 0x005C,

    /// <summary><c>HvCallSignalEvent</c> (simple, fast-capable): set an event flag; KVM signals an eventfd or exits to userspace.</summary>
    SignalEvent = 0x005D,

    /// <summary><c>HvCallPostDebugData</c>: synthetic debugger send; KVM exits to userspace when SynDbg uses hypercalls.</summary>
    PostDebugData = 0x0069,

    /// <summary><c>HvCallRetrieveDebugData</c>: synthetic debugger receive; as <see cref="PostDebugData"/>.</summary>
    RetrieveDebugData = 0x006A,

    /// <summary><c>HvCallResetDebugSession</c>: synthetic debugger reset; as <see cref="PostDebugData"/>.</summary>
    ResetDebugSession = 0x006B,

    /// <summary><c>HvCallFlushGuestPhysicalAddressSpace</c>: not handled by KVM as L0 (KVM issues it when it runs on Hyper-V).</summary>
    FlushGuestPhysicalAddressSpace = 0x00AF,

    /// <summary><c>HvCallFlushGuestPhysicalAddressList</c> (rep): as <see cref="FlushGuestPhysicalAddressSpace"/>.</summary>
    FlushGuestPhysicalAddressList = 0x00B0,

    /// <summary><c>HvCallSignalEventDirect</c>: not handled by KVM.</summary>
    SignalEventDirect = 0x00C0,

    /// <summary><c>HvCallPostMessageDirect</c>: not handled by KVM.</summary>
    PostMessageDirect = 0x00C1,

    /// <summary>
    /// <c>HvExtCallQueryCapabilities</c>: first extended call. Codes 0x8001 through 0x8041 are the
    /// extended range KVM forwards to userspace (<c>HV_EXT_CALL_MAX</c> = 0x8001 + 64).
    /// </summary>
    ExtQueryCapabilities = 0x8001,
}
