using NestedVirt.Hypercalls;

namespace NestedVirt.Tests.Hypercalls;

public class HvStatusTests
{
    // Model 02 §2 (Linux hvgdk_mini.h), typed in by hand.
    public static TheoryData<HvStatus, int> Table => new()
    {
        { HvStatus.Success, 0x0000 },
        { HvStatus.InvalidHypercallCode, 0x0002 },
        { HvStatus.InvalidHypercallInput, 0x0003 },
        { HvStatus.InvalidAlignment, 0x0004 },
        { HvStatus.InvalidParameter, 0x0005 },
        { HvStatus.AccessDenied, 0x0006 },
        { HvStatus.InvalidPartitionState, 0x0007 },
        { HvStatus.OperationDenied, 0x0008 },
        { HvStatus.UnknownProperty, 0x0009 },
        { HvStatus.PropertyValueOutOfRange, 0x000A },
        { HvStatus.InsufficientMemory, 0x000B },
        { HvStatus.InvalidPartitionId, 0x000D },
        { HvStatus.InvalidVpIndex, 0x000E },
        { HvStatus.NotFound, 0x0010 },
        { HvStatus.InvalidPortId, 0x0011 },
        { HvStatus.InvalidConnectionId, 0x0012 },
        { HvStatus.InsufficientBuffers, 0x0013 },
        { HvStatus.NotAcknowledged, 0x0014 },
        { HvStatus.InvalidVpState, 0x0015 },
        { HvStatus.NoResources, 0x001D },
        { HvStatus.ProcessorFeatureNotSupported, 0x0020 },
        { HvStatus.InvalidLpIndex, 0x0041 },
        { HvStatus.InvalidRegisterValue, 0x0050 },
        { HvStatus.OperationFailed, 0x0071 },
        { HvStatus.TimeOut, 0x0078 },
        { HvStatus.CallPending, 0x0079 },
        { HvStatus.VtlAlreadyEnabled, 0x0086 },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void StatusIsNumberedAsHvgdkMini(HvStatus status, int value) => Assert.Equal(value, (int)status);

    [Fact]
    public void EveryMemberIsInTheSpecTable() => Assert.Equal(Table.Count, Enum.GetValues<HvStatus>().Length);

    [Fact]
    public void InvalidSynicStateHasNoInventedNumber() =>
        Assert.DoesNotContain(Enum.GetNames<HvStatus>(), n => n.Contains("Synic", StringComparison.OrdinalIgnoreCase));
}
