using NestedVirt.Nested;

namespace NestedVirt.Topology;

// Set-up shared by both vendors: L1's control-register bits and the VP assist page.
public sealed partial class NestedTopology
{
    private const ulong EferLme = 1UL << 8;
    private const ulong EferLma = 1UL << 10;
    private const ulong EferSvme = 1UL << 12;
    private const ulong Cr0PePg = (1UL << 0) | (1UL << 31);
    private const ulong Cr4Pae = 1UL << 5;
    private const ulong Cr4Vmxe = 1UL << 13;
    private const ulong L1HostRip = 0xFFFF_F800_1000_0000;

    private void WriteVpAssistFeatures() =>
        Memory.TryWriteUInt32(TopologyLayout.VpAssistGpa + VpAssistPage.FeaturesOffset,
            Options.DirectHypercallGate ? (uint)VpAssistFeatures.DirectHypercall : 0);
}
