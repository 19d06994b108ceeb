using Iced.Intel;
using NestedVirt.X86;

namespace NestedVirt.Tests.X86;

/// <summary>The hypercall stub a hypervisor writes for its guest, checked by decoding it back.</summary>
public class HypercallPageTests
{
    [Theory]
    [InlineData(CpuVendor.Intel, Code.Vmcall, new byte[] { 0x0F, 0x01, 0xC1, 0xC3 })]  // SDM Vol 2B VMCALL; RET C3
    [InlineData(CpuVendor.Amd, Code.Vmmcall, new byte[] { 0x0F, 0x01, 0xD9, 0xC3 })]   // APM Vol 3 VMMCALL; RET C3
    public void AssembledStubDecodesToHypercallThenRet(CpuVendor vendor, Code hypercall, byte[] encoding)
    {
        byte[] stub = HypercallPage.Assemble(vendor);

        var decoder = Iced.Intel.Decoder.Create(64, new ByteArrayCodeReader(stub));
        Instruction first = decoder.Decode();
        Instruction second = decoder.Decode();

        Assert.Equal(hypercall, first.Code);
        Assert.Equal(3, first.Length);
        Assert.Equal(Code.Retnq, second.Code);
        Assert.Equal(1, second.Length);
        Assert.Equal(4, stub.Length);
        Assert.Equal(encoding, stub);
    }

    [Theory]
    [InlineData(CpuVendor.Intel)]
    [InlineData(CpuVendor.Amd)]
    public void StubDoesNotDependOnItsAddress(CpuVendor vendor) =>
        Assert.Equal(HypercallPage.Assemble(vendor), HypercallPage.Assemble(vendor, 0xFFFF_F800_0000_0000));

    [Theory]
    [InlineData(CpuVendor.Intel)]
    [InlineData(CpuVendor.Amd)]
    public void FillWritesTheStubAndPadsTheRestWithInt3(CpuVendor vendor)
    {
        byte[] page = new byte[4096];
        page.AsSpan().Fill(0x90);

        HypercallPage.Fill(page, vendor);

        Assert.Equal(HypercallPage.Assemble(vendor), page[..4]);
        for (int i = 4; i < page.Length; i++)
            Assert.True(page[i] == 0xCC, $"byte {i} is 0x{page[i]:X2}");
    }

    [Fact]
    public void FillRefusesLessThanAPage() =>
        Assert.Throws<ArgumentException>(() => HypercallPage.Fill(new byte[4095], CpuVendor.Intel));
}
