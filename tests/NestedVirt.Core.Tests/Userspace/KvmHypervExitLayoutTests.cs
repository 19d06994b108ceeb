using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NestedVirt.Userspace;

namespace NestedVirt.Tests.Userspace;

public class KvmHypervExitLayoutTests
{
    private static int Offset(string field) => (int)Marshal.OffsetOf<KvmHypervExit>(field);

    [Fact]
    public void H17_HcallArmIsLaidOutAsTheUapiStruct()
    {
        Assert.Equal(0, Offset(nameof(KvmHypervExit.Type)));
        Assert.Equal(8, Offset(nameof(KvmHypervExit.HcallInput)));
        Assert.Equal(16, Offset(nameof(KvmHypervExit.HcallResult)));
        Assert.Equal(24, Offset(nameof(KvmHypervExit.HcallParam0)));
        Assert.Equal(32, Offset(nameof(KvmHypervExit.HcallParam1)));
        Assert.Equal(40, Offset(nameof(KvmHypervExit.HcallParam1)) + sizeof(ulong));
    }

    [Fact]
    public void SynicAndSyndbgArmsOverlapTheUnionAt8()
    {
        Assert.Equal(8, Offset(nameof(KvmHypervExit.SynicMsr)));
        Assert.Equal(16, Offset(nameof(KvmHypervExit.SynicControl)));
        Assert.Equal(24, Offset(nameof(KvmHypervExit.SynicEvtPage)));
        Assert.Equal(32, Offset(nameof(KvmHypervExit.SynicMsgPage)));
        Assert.Equal(8, Offset(nameof(KvmHypervExit.SyndbgMsr)));
        Assert.Equal(48, Offset(nameof(KvmHypervExit.SyndbgPendingPage)));

        var exit = new KvmHypervExit { SynicMsgPage = 0x1234 };
        Assert.Equal(0x1234UL, exit.HcallParam1);
    }

    [Fact]
    public void WholeStructIs56BytesBecauseOfTheSyndbgArm()
    {
        // type + pad1 (8) + the largest arm, SYNDBG: msr, pad2, five u64 (48).
        Assert.Equal(56, Unsafe.SizeOf<KvmHypervExit>());
        Assert.Equal(56, Marshal.SizeOf<KvmHypervExit>());
    }

    [Fact]
    public void ExitReasonAndTypesAreTheUapiValues()
    {
        Assert.Equal(27u, (uint)NestedVirt.Kvm.KvmExitReason.Hyperv);
        Assert.Equal(1u, KvmHypervExitType.Synic);
        Assert.Equal(2u, KvmHypervExitType.Hcall);
        Assert.Equal(3u, KvmHypervExitType.Syndbg);
    }
}
