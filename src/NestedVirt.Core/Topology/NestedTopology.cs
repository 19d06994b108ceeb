using System.Buffers.Binary;
using NestedVirt.Exits;
using NestedVirt.Hypercalls;
using NestedVirt.Kvm;
using NestedVirt.L0;
using NestedVirt.Memory;
using NestedVirt.Nested;
using NestedVirt.Paging;
using NestedVirt.Paging.Building;
using NestedVirt.Userspace;
using NestedVirt.VmBus;
using NestedVirt.X86;

namespace NestedVirt.Topology;

/// <summary>
/// The whole modelled stack for one vCPU: a Windows root partition (L2) on Hyper-V (L1) on KVM
/// (L0) with a userspace VMM that runs a VMBus server. It owns L1's memory, L0's nested state
/// (vmcs12/eVMCS or vmcb12), L2's page tables and L1's EPT/NPT for L2, the per-VM relay
/// capability, KVM's Hyper-V hypercall handler and the VMBus host. Built once (setup allocates);
/// <see cref="HandleL2Hypercall"/> then runs without allocating.
/// </summary>
public sealed partial class NestedTopology
{
    private HyperVVcpuState l2Vcpu;
    private HyperVVcpuState l1Vcpu;
    private KvmHypervExit exit;
    private VmBusVmm vmBus;

    private NestedTopology(TopologyOptions options, GuestVm vm, GuestVcpu vcpu)
    {
        Options = options;
        Vm = vm;
        Vcpu = vcpu;
        Memory = vm.Memory;
        Capabilities = vm.Capabilities;
        EnableCapResult = options.RelayMask == 0
            ? 0
            : Capabilities.EnableCap(KvmEnableCap.Create(KvmCap.NestedHypervHcallRelay, options.RelayMask));
        Eventfds = new HyperVEventfdTable();
        Handler = new HyperVHypercallHandler(Memory, Eventfds);
        vmBus = new VmBusVmm(new VmBusHost());
        Caches = options.NestedTlb ? new PagingCaches() : null;
        vcpu.NestedCaches = Caches;
        Decoder = new GuestInstructionDecoder(Memory);

        l2Vcpu = HyperVVcpuState.KvmDefault;
        l2Vcpu.GuestMode = true;
        l1Vcpu = HyperVVcpuState.KvmDefault;

        BuildPageTables();
        HypercallPage.Fill(PageAt(TopologyLayout.L2HypercallPageGpa + TopologyLayout.L2ToL1Offset), options.Vendor);
        HypercallPage.Fill(PageAt(TopologyLayout.L1HypercallPageGpa), options.Vendor);
#if INTEL_VMX && AMD_SVM
        if (options.Vendor == CpuVendor.Intel)
            BuildVmx();
        else
            BuildSvm();
#elif INTEL_VMX
        BuildVmx();
#else
        BuildSvm();
#endif
    }

    /// <summary>The VM L0 created for L1, with the nested flag (B-11 let it through).</summary>
    public GuestVm Vm { get; }

    /// <summary>L1's vCPU, running L2: its nested state is <see cref="Vmx"/> or <see cref="Svm"/>.</summary>
    public GuestVcpu Vcpu { get; }

    /// <summary>The options it was built with.</summary>
    public TopologyOptions Options { get; }

    /// <summary>L1's memory as L0 sees it.</summary>
    public GuestMemory Memory { get; }

    /// <summary>The VM's capabilities (the relay mask lives here).</summary>
    public KvmVmCapabilities Capabilities { get; }

    /// <summary>What KVM_ENABLE_CAP returned at setup (0, or -EINVAL for a bad mask).</summary>
    public int EnableCapResult { get; }

    /// <summary>KVM's Hyper-V hypercall handler.</summary>
    public HyperVHypercallHandler Handler { get; }

    /// <summary>The VM's HvSignalEvent eventfds.</summary>
    public HyperVEventfdTable Eventfds { get; }

    /// <summary>The userspace VMBus server.</summary>
    public VmBusHost VmBus => vmBus.Host;

    /// <summary>L0's nested TLB for relay translations and instruction fetches, or null.</summary>
    public PagingCaches? Caches { get; }

    /// <summary>Decodes L2's instruction when SVM has no NRIPS.</summary>
    public GuestInstructionDecoder Decoder { get; }

    /// <summary>L1's EPT/NPT for L2.</summary>
    public PagingConfig NestedPaging { get; private set; }

    /// <summary>L2's own page tables.</summary>
    public PagingConfig L2Paging { get; private set; }

    /// <summary>
    /// Builds a topology: L0 (KVM, nested on, on a host of the options' vendor with every feature)
    /// creates L1's VM with the nested flag and one vCPU, then L1 starts L2.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Levels other than 4 or 5.</exception>
    /// <exception cref="ArgumentException">The options' vendor is not compiled into this build.</exception>
    public static NestedTopology Create(TopologyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Levels is not (4 or 5))
            throw new ArgumentOutOfRangeException(nameof(options), "levels must be 4 or 5");
        if (!NestedVirtBuild.Has(options.Vendor))
            throw new ArgumentException($"{options.Vendor} is not compiled into this build ({NestedVirtBuild.Switches})", nameof(options));

        var host = new L0Hypervisor(HostHardware.For(options.Vendor));
        var config = DomainConfig.NestedHvm with { MemoryBytes = TopologyLayout.MemorySize };
        if (host.CreateVm(config, out GuestVm? vm, out string? log) != 0 || vm!.CreateVcpu(out GuestVcpu? vcpu) != 0)
            throw new InvalidOperationException("L0 refused the nested VM: " + log);
        return new NestedTopology(options, vm, vcpu!);
    }

    /// <summary>
    /// L2's registers for a 64-bit kernel-mode call from its hypercall page: RCX = the input
    /// value, RDX = the input GPA (or fast input), R8 = output.
    /// </summary>
    public HypercallRegisters L2Registers(ulong inputValue, ulong inputParameter, ulong outputParameter = 0)
    {
        var regs = HypercallRegisters.LongMode64(inputValue, inputParameter, outputParameter, TopologyLayout.L2HypercallPageVa);
        regs.InstructionLength = 3;
        return regs;
    }

    /// <summary>
    /// Writes an HvPostMessage input carrying a VMBus InitiateContact for <paramref name="version"/>
    /// into L2's message page (model 02 §4 and §9).
    /// </summary>
    public void WriteInitiateContact(uint connectionId, uint version, uint messageType = VmBusConstants.MessageType)
    {
        Span<byte> input = PageAt(TopologyLayout.L2MessagePageGpa + TopologyLayout.L2ToL1Offset)[..256];
        input.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(input, connectionId);
        BinaryPrimitives.WriteUInt32LittleEndian(input[8..], messageType);
        BinaryPrimitives.WriteUInt32LittleEndian(input[12..], 40);
        Span<byte> message = input[16..];
        BinaryPrimitives.WriteUInt32LittleEndian(message, (uint)VmBusChannelMessageType.InitiateContact);
        BinaryPrimitives.WriteUInt32LittleEndian(message[8..], version);
        message[16] = VmBusConstants.MessageSint;
    }

    /// <summary>Writes an 8-byte HvSignalEvent input (connection, flag 0) into L2's message page.</summary>
    public void WriteSignalEvent(uint connectionId)
    {
        Span<byte> input = PageAt(TopologyLayout.L2MessagePageGpa + TopologyLayout.L2ToL1Offset)[..8];
        input.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(input, connectionId);
    }

    private Span<byte> PageAt(ulong l1Gpa)
    {
        Memory.TryGetSpan(l1Gpa, 4096, out Span<byte> page);
        return page;
    }

    private void BuildPageTables()
    {
        int levels = Options.Levels;
        var nestedKind = Options.Vendor == CpuVendor.Intel ? PageTableKind.Ept : PageTableKind.X64;
        var nested = new PageTableBuilder(Memory, nestedKind, levels, TopologyLayout.NestedTablesGpa, 1UL << 20);
        nested.Map(0, TopologyLayout.L2ToL1Offset, TopologyLayout.L2MemorySize, PageSize.Size4K, PageAccess.All);
        NestedPaging = Options.Vendor == CpuVendor.Intel
            ? PagingConfig.Ept(nested.Eptp(accessedDirty: true), EptVpidCapabilities.KvmNestedDefault)
            : PagingConfig.Npt(nested.RootPointer, levels);

        var guest = new PageTableBuilder(Memory, PageTableKind.X64, levels,
            TopologyLayout.L2TablesGpa + TopologyLayout.L2ToL1Offset, 1UL << 20, pointerBias: TopologyLayout.L2ToL1Offset);
        guest.Map(TopologyLayout.L2HypercallPageVa, TopologyLayout.L2HypercallPageGpa, 4096, PageSize.Size4K,
            PageAccess.Read | PageAccess.Execute);
        L2Paging = PagingConfig.X64(guest.RootPointer, levels);
    }
}
