using NestedVirt.Hypercalls;

namespace NestedVirt.Tests.Hypercalls;

public class HvCallCodeTests
{
    // Model 02 §3, typed in by hand.
    public static TheoryData<HvCallCode, int> Table => new()
    {
        { HvCallCode.FlushVirtualAddressSpace, 0x0002 },
        { HvCallCode.FlushVirtualAddressList, 0x0003 },
        { HvCallCode.NotifyLongSpinWait, 0x0008 },
        { HvCallCode.SendSyntheticClusterIpi, 0x000B },
        { HvCallCode.FlushVirtualAddressSpaceEx, 0x0013 },
        { HvCallCode.FlushVirtualAddressListEx, 0x0014 },
        { HvCallCode.SendSyntheticClusterIpiEx, 0x0015 },
        { HvCallCode.PostMessage, 0x005C },
        { HvCallCode.SignalEvent, 0x005D },
        { HvCallCode.PostDebugData, 0x0069 },
        { HvCallCode.RetrieveDebugData, 0x006A },
        { HvCallCode.ResetDebugSession, 0x006B },
        { HvCallCode.FlushGuestPhysicalAddressSpace, 0x00AF },
        { HvCallCode.FlushGuestPhysicalAddressList, 0x00B0 },
        { HvCallCode.SignalEventDirect, 0x00C0 },
        { HvCallCode.PostMessageDirect, 0x00C1 },
        { HvCallCode.ExtQueryCapabilities, 0x8001 },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void CallCodeIsNumberedAsTheTlfs(HvCallCode code, int value) => Assert.Equal(value, (int)code);

    [Fact]
    public void EveryMemberIsInTheSpecTable() => Assert.Equal(Table.Count, Enum.GetValues<HvCallCode>().Length);
}
