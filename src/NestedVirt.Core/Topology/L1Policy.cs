namespace NestedVirt.Topology;

/// <summary>What L1 (the nested Hyper-V, <c>hvix64</c>) does with an L2 hypercall reflected to it.</summary>
/// <remarks>
/// Under either policy L1 first refuses a caller outside CPL 0 protected mode with #UD (H-10 as
/// the TLFS "Legal Hypercall Environments" asks of every hypervisor), so such a call neither gets a
/// status nor is forwarded.
/// </remarks>
public enum L1Policy : byte
{
    /// <summary>
    /// The real behaviour the RFC describes: L1 does not forward the root's nested-flagged post to
    /// L0, so the userspace VMBus server never sees it and vmbus never connects (Windows stops
    /// with bugcheck 0x7B). The status L1 returns is not documented; the model answers
    /// HV_STATUS_INVALID_CONNECTION_ID, a partition's answer for a connection with no port
    /// (TLFS HvCallPostMessage), which ends the guest's version negotiation.
    /// </summary>
    DropsRootPost = 0,

    /// <summary>
    /// A hypothetical L1 that forwards the post to L0 as its own hypercall (translating the input
    /// GPA through its own tables first): vmbus connects, at the cost of an extra L1→L0 exit.
    /// The yardstick the relay is measured against.
    /// </summary>
    ForwardsToL0 = 1,
}
