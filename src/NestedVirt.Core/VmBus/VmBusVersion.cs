namespace NestedVirt.VmBus;

/// <summary>
/// VMBus protocol versions, encoded <c>major &lt;&lt; 16 | minor</c> (Linux <c>VMBUS_MAKE_VERSION</c>
/// and <c>VERSION_*</c> in <c>include/linux/hyperv.h</c>).
/// </summary>
public static class VmBusVersion
{
    /// <summary><c>VERSION_WS2008</c>, 0.13.</summary>
    public const uint Ws2008 = (0 << 16) | 13;

    /// <summary><c>VERSION_WIN7</c>, 1.1.</summary>
    public const uint Win7 = (1 << 16) | 1;

    /// <summary><c>VERSION_WIN8</c>, 2.4.</summary>
    public const uint Win8 = (2 << 16) | 4;

    /// <summary><c>VERSION_WIN8_1</c>, 3.0.</summary>
    public const uint Win8_1 = 3 << 16;

    /// <summary><c>VERSION_WIN10</c>, 4.0.</summary>
    public const uint Win10 = 4 << 16;

    /// <summary><c>VERSION_WIN10_V4_1</c>, 4.1.</summary>
    public const uint Win10V4_1 = (4 << 16) | 1;

    /// <summary><c>VERSION_WIN10_V5</c>, 5.0: InitiateContact moves to connection 4 and the response names the message connection.</summary>
    public const uint Win10V5 = 5 << 16;

    /// <summary><c>VERSION_WIN10_V5_1</c>, 5.1.</summary>
    public const uint Win10V5_1 = (5 << 16) | 1;

    /// <summary><c>VERSION_WIN10_V5_2</c>, 5.2.</summary>
    public const uint Win10V5_2 = (5 << 16) | 2;

    /// <summary><c>VERSION_WIN10_V5_3</c>, 5.3 (Windows Server 2022).</summary>
    public const uint Win10V5_3 = (5 << 16) | 3;

    /// <summary><c>VERSION_WIN10_V6_0</c>, 6.0 (adds the feature flags of InitiateContact).</summary>
    public const uint Win10V6_0 = 6 << 16;

    /// <summary>Encodes a version.</summary>
    public static uint Make(ushort major, ushort minor) => ((uint)major << 16) | minor;

    /// <summary>The major number of <paramref name="version"/>.</summary>
    public static ushort Major(uint version) => (ushort)(version >> 16);

    /// <summary>The minor number of <paramref name="version"/>.</summary>
    public static ushort Minor(uint version) => (ushort)version;

    /// <summary>True for every version Linux names (the only ones the host model accepts).</summary>
    public static bool IsKnown(uint version) =>
        version is Ws2008 or Win7 or Win8 or Win8_1 or Win10 or Win10V4_1
            or Win10V5 or Win10V5_1 or Win10V5_2 or Win10V5_3 or Win10V6_0;
}
