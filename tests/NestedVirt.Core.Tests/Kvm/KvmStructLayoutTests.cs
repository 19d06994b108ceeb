using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NestedVirt.Kvm;

namespace NestedVirt.Tests.Kvm;

public class KvmStructLayoutTests
{
    [Fact]
    public void C01_KvmEnableCapIs104BytesAsTheUapiStruct()
    {
        Assert.Equal(104, Unsafe.SizeOf<KvmEnableCap>());
        Assert.Equal(104, Marshal.SizeOf<KvmEnableCap>());
        Assert.Equal(0, (int)Marshal.OffsetOf<KvmEnableCap>(nameof(KvmEnableCap.Cap)));
        Assert.Equal(4, (int)Marshal.OffsetOf<KvmEnableCap>(nameof(KvmEnableCap.Flags)));
        Assert.Equal(8, (int)Marshal.OffsetOf<KvmEnableCap>(nameof(KvmEnableCap.Arg0)));
        Assert.Equal(16, (int)Marshal.OffsetOf<KvmEnableCap>(nameof(KvmEnableCap.Arg1)));
        Assert.Equal(24, (int)Marshal.OffsetOf<KvmEnableCap>(nameof(KvmEnableCap.Arg2)));
        Assert.Equal(32, (int)Marshal.OffsetOf<KvmEnableCap>(nameof(KvmEnableCap.Arg3)));
    }

    [Fact]
    public void KvmHypervEventfdIs24BytesAsTheUapiStruct()
    {
        Assert.Equal(24, Unsafe.SizeOf<KvmHypervEventfd>());
        Assert.Equal(0, (int)Marshal.OffsetOf<KvmHypervEventfd>(nameof(KvmHypervEventfd.ConnId)));
        Assert.Equal(4, (int)Marshal.OffsetOf<KvmHypervEventfd>(nameof(KvmHypervEventfd.Fd)));
        Assert.Equal(8, (int)Marshal.OffsetOf<KvmHypervEventfd>(nameof(KvmHypervEventfd.Flags)));
        Assert.Equal(0x00FF_FFFFu, KvmHypervEventfd.ConnIdMask);
        Assert.Equal(1u, KvmHypervEventfd.DeassignFlag);
    }

    [Fact]
    public void CapabilityNumbersAreTheUapiValues()
    {
        Assert.Equal(154u, KvmCap.HypervEventfd);
        Assert.Equal(157u, KvmCap.NestedState);
        Assert.Equal(163u, KvmCap.HypervEnlightenedVmcs);
        Assert.Equal(249u, KvmCap.NestedHypervHcallRelayRfcPlaceholder);
    }

    [Fact]
    public void R01_RelayCapabilityIsOvmrInAscii()
    {
        Assert.Equal(0x4F56_4D52u, KvmCap.NestedHypervHcallRelay);
        Assert.Equal("OVMR", System.Text.Encoding.ASCII.GetString(BitConverter.GetBytes(KvmCap.NestedHypervHcallRelay).Reverse().ToArray()));
    }
}
