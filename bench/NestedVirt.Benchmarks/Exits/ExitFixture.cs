using NestedVirt.Memory;
using NestedVirt.Nested;
using NestedVirt.Topology;
using NestedVirt.X86;

namespace NestedVirt.Benchmarks.Exits;

/// <summary>
/// The nested state exits are routed against: the topology's L1 (Hyper-V) with MSR and I/O
/// bitmaps in its memory (zeroed: L1 intercepts none of those MSRs or ports except where set),
/// HLT exiting on, and the VMX/SVM intercepts a hypervisor typically sets.
/// </summary>
internal sealed class ExitFixture
{
    private const ulong MsrBitmapGpa = 0x4_0000;
    private const ulong IoBitmapAGpa = 0x4_1000;
    private const ulong IoBitmapBGpa = 0x4_2000;

    public ExitFixture(CpuVendor vendor)
    {
        Topology = NestedTopology.Create(new TopologyOptions { Vendor = vendor });
#if INTEL_VMX
        if (Topology.Vmx is { } vmx)
        {
            Vmcs12 v = vmx.Vmcs12;
            v.PrimaryControls |= PrimaryProcessorControls.UseMsrBitmaps | PrimaryProcessorControls.UseIoBitmaps
                | PrimaryProcessorControls.HltExiting;
            v.MsrBitmap = MsrBitmapGpa;
            v.IoBitmapA = IoBitmapAGpa;
            v.IoBitmapB = IoBitmapBGpa;
            // L1 wants the serial port (0x3F8) and the Hyper-V SynIC EOI MSR writes, say.
            SetBit(Topology.Memory, IoBitmapAGpa, 0x3F8);
            SetBit(Topology.Memory, MsrBitmapGpa + 2048, 0x70);
        }
#endif
#if AMD_SVM
        if (Topology.Svm is { } svm)
        {
            svm.Control.SetIntercept(SvmInterceptBit.Hlt);
            svm.Control.SetIntercept(SvmInterceptBit.Cpuid);
            svm.Control.SetIntercept(SvmInterceptBit.IoioProt);
            svm.Control.SetIntercept(SvmInterceptBit.MsrProt);
        }
#endif
    }

    public NestedTopology Topology { get; }

    public GuestMemory Memory => Topology.Memory;

    private static void SetBit(GuestMemory memory, ulong gpa, ulong bit)
    {
        memory.TryGetSpan(gpa + (bit / 8), 1, out Span<byte> b);
        b[0] |= (byte)(1 << (int)(bit & 7));
    }
}
