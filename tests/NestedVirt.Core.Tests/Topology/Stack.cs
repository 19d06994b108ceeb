using System.Buffers.Binary;
using NestedVirt.Hypercalls;
using NestedVirt.Kvm;
using NestedVirt.L0;
using NestedVirt.Topology;
using NestedVirt.VmBus;
using NestedVirt.X86;

namespace NestedVirt.Tests.Topology;

/// <summary>Shared set-up for tests that run L2 hypercalls through a whole <see cref="NestedTopology"/>.</summary>
internal static class Stack
{
    /// <summary>Mask bit 0, KVM_NESTED_HYPERV_RELAY_POST_MESSAGE.</summary>
    public const ulong PostBit = (ulong)NestedHypervRelayMask.PostMessage;

    /// <summary>Mask bit 1, KVM_NESTED_HYPERV_RELAY_SIGNAL_EVENT.</summary>
    public const ulong SignalBit = (ulong)NestedHypervRelayMask.SignalEvent;

    /// <summary>The L1 GPA behind L2's message page, through L1's EPT/NPT (L2 GPA + 8 MiB).</summary>
    public const ulong MessageL1Gpa = TopologyLayout.L2MessagePageGpa + TopologyLayout.L2ToL1Offset;

    /// <summary>The same number taken as an L1 GPA: what is read there if nobody translates.</summary>
    public const ulong UntranslatedL1Gpa = TopologyLayout.L2MessagePageGpa;

    /// <summary>The first L2 GPA L1's EPT/NPT does not map (L2 has 4 MiB).</summary>
    public const ulong FirstUnmappedL2Gpa = TopologyLayout.L2MemorySize;

    /// <summary>A value L2 leaves in RAX before the call, so a written result is visible.</summary>
    public const ulong RaxBefore = 0xDEAD_BEEF_0BAD_F00D;

    /// <summary>HvPostMessage with the nested bit, as the Windows root issues its InitiateContact.</summary>
    public static readonly ulong NestedPost = HypercallInput.Create(HvCallCode.PostMessage, nested: true).Value;

    /// <summary>Slow HvSignalEvent with the nested bit.</summary>
    public static readonly ulong NestedSignal = HypercallInput.Create(HvCallCode.SignalEvent, nested: true).Value;

    /// <summary>Builds a stack for <paramref name="vendor"/> with a relay mask and the remaining options at their defaults.</summary>
    public static NestedTopology Build(CpuVendor vendor, ulong mask, bool gate = true) =>
        NestedTopology.Create(new TopologyOptions { Vendor = vendor, RelayMask = mask, DirectHypercallGate = gate });

    /// <summary>L2's 64-bit registers for <paramref name="input"/> with RDX = <paramref name="rdx"/> and RAX pre-set.</summary>
    public static HypercallRegisters Regs(NestedTopology stack, ulong input, ulong rdx = TopologyLayout.L2MessagePageGpa)
    {
        HypercallRegisters regs = stack.L2Registers(input, rdx);
        regs.Rax = RaxBefore;
        return regs;
    }

    /// <summary>Writes the v5.0 InitiateContact into L2's message page and returns L2's registers posting it with the nested bit.</summary>
    public static HypercallRegisters InitiateContact(NestedTopology stack)
    {
        stack.WriteInitiateContact(VmBusConstants.MessageConnectionId4, VmBusVersion.Win10V5);
        return Regs(stack, NestedPost);
    }

    /// <summary>
    /// Registers of a 32-bit protected-mode caller (EFER.LMA = 0, CS.L = 0): input value in EDX:EAX,
    /// input GPA in EBX:ECX, at a 32-bit RIP (TLFS "Hypercall Inputs").
    /// </summary>
    public static HypercallRegisters Caller32(ulong input, ulong inputGpa) => new()
    {
        Rax = (uint)input,
        Rdx = input >> 32,
        Rcx = (uint)inputGpa,
        Rbx = inputGpa >> 32,
        Rip = 0x0040_1000,
        InstructionLength = 3,
        ProtectedMode = true,
    };

    /// <summary>
    /// Writes an InitiateContact in place at an arbitrary L1 GPA (the VMBus wire format of model 02
    /// §9, written here independently of <see cref="NestedTopology.WriteInitiateContact"/>).
    /// </summary>
    public static void WriteContactAt(NestedTopology stack, ulong l1Gpa, uint connectionId, uint version)
    {
        Assert.True(stack.Memory.TryGetSpan(l1Gpa, 256, out Span<byte> input));
        input.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(input, connectionId);
        BinaryPrimitives.WriteUInt32LittleEndian(input[8..], VmBusConstants.MessageType);
        BinaryPrimitives.WriteUInt32LittleEndian(input[12..], 40);
        BinaryPrimitives.WriteUInt32LittleEndian(input[16..], (uint)VmBusChannelMessageType.InitiateContact);
        BinaryPrimitives.WriteUInt32LittleEndian(input[24..], version);
        input[32] = VmBusConstants.MessageSint;
    }

    /// <summary>
    /// Clears the 4 KiB leaf that maps <paramref name="l2Gpa"/> in L1's EPT/NPT, following the
    /// entries by hand (bits 51:12 of a non-leaf entry are the next table, for both formats).
    /// </summary>
    public static void UnmapInL1Table(NestedTopology stack, ulong l2Gpa)
    {
        ulong table = stack.NestedPaging.RootTable;
        for (int level = stack.Options.Levels; level > 1; level--)
        {
            ulong index = (l2Gpa >> (12 + 9 * (level - 1))) & 0x1FF;
            Assert.True(stack.Memory.TryReadUInt64(table + index * 8, out ulong entry));
            Assert.NotEqual(0UL, entry);
            table = entry & 0x000F_FFFF_FFFF_F000;
        }
        ulong leaf = table + ((l2Gpa >> 12) & 0x1FF) * 8;
        Assert.True(stack.Memory.TryReadUInt64(leaf, out ulong mapped));
        Assert.Equal(l2Gpa + TopologyLayout.L2ToL1Offset, mapped & 0x000F_FFFF_FFFF_F000);
        Assert.True(stack.Memory.TryWriteUInt64(leaf, 0));
    }

    /// <summary>Messages the VMBus host accepted on either message connection.</summary>
    public static long HostMessages(NestedTopology stack) =>
        stack.VmBus.GetMessageCount(VmBusConstants.MessageConnectionId) + stack.VmBus.GetMessageCount(VmBusConstants.MessageConnectionId4);

    /// <summary>The vendors compiled into this build (both by default), for theories.</summary>
    public static TheoryData<CpuVendor> Vendors
    {
        get
        {
            var data = new TheoryData<CpuVendor>();
            foreach (CpuVendor vendor in Compiled)
                data.Add(vendor);
            return data;
        }
    }

    /// <summary>The vendors compiled into this build (EnableVmx / EnableSvm), Intel first.</summary>
    public static IReadOnlyList<CpuVendor> Compiled { get; } =
        [.. new[] { CpuVendor.Intel, CpuVendor.Amd }.Where(NestedVirtBuild.Has)];

    /// <summary>A vendor this build has, for a test whose point does not depend on the vendor.</summary>
    public static CpuVendor AnyVendor => Compiled[0];
}
