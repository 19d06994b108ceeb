using System.Text.Json;

namespace NestedVirt.Benchmarks.Tests.Commands;

/// <summary><c>nvbench capabilities</c>: the build switches and what the modelled L0 tells a toolstack (B-10..B-12, B-30..B-32).</summary>
public sealed class CapabilitiesCommandTests
{
    [Fact]
    public void TheDefaultBuildReportsNestedhvmOnBothHosts()
    {
        (int exit, string output, string error) = ProgramTests.Run("capabilities");

        Assert.Equal(0, exit);
        Assert.Equal("", error);
        Assert.Contains("build: EnableNested=true EnableVmx=true EnableSvm=true", output, StringComparison.Ordinal);
        Assert.Contains("Intel  0x409 hvm hap nestedhvm yes     VMX     8320  0          0", output, StringComparison.Ordinal);
        Assert.Contains("AMD    0x409 hvm hap nestedhvm yes     SVM     4224  0          0", output, StringComparison.Ordinal);
    }

    [Fact]
    public void KvmNestedZeroClearsBit10AndRefusesTheNestedVmAndTheRelay()
    {
        (int exit, string output, _) = ProgramTests.Run("capabilities", "--nested", "0");

        Assert.Equal(0, exit);
        Assert.Contains("kvm nested=0", output, StringComparison.Ordinal);
        Assert.Contains("Intel  0x009 hvm hap           no      -       8320  -EINVAL    -EINVAL", output, StringComparison.Ordinal);
        Assert.Contains("AMD    0x009 hvm hap           no      -       4224  -EINVAL    -EINVAL", output, StringComparison.Ordinal);
    }

    [Fact]
    public void JsonCarriesTheSameFacts()
    {
        (int exit, string output, _) = ProgramTests.Run("capabilities", "--format", "json");

        Assert.Equal(0, exit);
        using JsonDocument json = JsonDocument.Parse(output);
        Assert.True(json.RootElement.GetProperty("build").GetProperty("enableNested").GetBoolean());
        JsonElement intel = json.RootElement.GetProperty("hosts")[0];
        Assert.Equal(0x409u, intel.GetProperty("physcap").GetUInt32());
        Assert.Equal(0, intel.GetProperty("createNestedVm").GetInt32());
    }

    [Fact]
    public void ABadNestedValueIsOneLineAndExit2()
    {
        (int exit, string output, string error) = ProgramTests.Run("capabilities", "--nested", "2");

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Equal("nvbench: option --nested: '2' is not one of 0, 1 (did you mean 0?)", error.TrimEnd('\n'));
    }
}
