using Iced.Intel;

namespace NestedVirt.X86;

/// <summary>
/// The hypercall page a hypervisor fills for its guest (TLFS "Hypercall Interface": the guest
/// calls into the page instead of executing VMCALL/VMMCALL itself, so one guest binary runs on
/// either vendor). Intel gets <c>vmcall; ret</c>, AMD <c>vmmcall; ret</c>, assembled by Iced's
/// encoder rather than written as magic bytes, so a test can round-trip them through the decoder.
/// </summary>
public static class HypercallPage
{
    /// <summary>Assembles the hypercall stub for <paramref name="vendor"/> at <paramref name="address"/>.</summary>
    /// <returns>The machine code (setup-time; allocates).</returns>
    public static byte[] Assemble(CpuVendor vendor, ulong address = 0)
    {
        var assembler = new Assembler(64);
        if (vendor == CpuVendor.Intel)
            assembler.vmcall();
        else
            assembler.vmmcall();
        assembler.ret();
        var writer = new BufferWriter();
        assembler.Assemble(writer, address);
        return writer.ToArray();
    }

    /// <summary>Writes the stub into a 4 KiB page image, the rest filled with INT3 (0xCC) as KVM's <c>kvm_hv_set_msr_pw</c> pads it.</summary>
    public static void Fill(Span<byte> page, CpuVendor vendor)
    {
        if (page.Length < 4096)
            ThrowHelper.ThrowArgument(nameof(page), "the hypercall page is 4 KiB");
        page.Fill(0xCC);
        Assemble(vendor).CopyTo(page);
    }

    private sealed class BufferWriter : CodeWriter
    {
        private readonly List<byte> bytes = [];

        public override void WriteByte(byte value) => bytes.Add(value);

        public byte[] ToArray() => bytes.ToArray();
    }
}
