namespace NestedVirt.Scenarios;

/// <summary>How a "nested Windows root brings up vmbus" scenario ends.</summary>
public enum BringUpOutcome : byte
{
    /// <summary>The post reached the VMBus server, which granted a version: vmbus is up.</summary>
    Connected = 0,

    /// <summary>The post was reflected to L1 and never reached the VMBus server: Windows stops with bugcheck 0x7B.</summary>
    NeverConnects = 1,

    /// <summary>KVM_ENABLE_CAP refused the relay mask with -EINVAL.</summary>
    CapabilityRefused = 2,

    /// <summary>The hypercall raised #UD in L2.</summary>
    UndefinedOpcode = 3,
}
