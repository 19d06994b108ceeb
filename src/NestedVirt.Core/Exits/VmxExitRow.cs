using NestedVirt.Nested;

namespace NestedVirt.Exits;

/// <summary>
/// The routing row of one VMX basic exit reason: whether L0 always keeps it
/// (<c>nested_vmx_l0_wants_exit</c>, model 01 §3.2) and how L1's side is decided
/// (<c>nested_vmx_l1_wants_exit</c>, model 01 §3.3). KVM writes both predicates as switches;
/// here the rows are data so that routing a mix of exits is a load and an AND for most reasons
/// instead of an indirect jump through a 60-entry table, which the branch predictor misses when
/// consecutive exits differ. The predicates still run in KVM's order (<see cref="VmxExitRouter"/>).
/// </summary>
public readonly struct VmxExitRow
{
    // Basic exit reasons are below 128 on every CPU the model knows (the highest is 85). A larger
    // one gets the default row: L1's, as the predicate's default says.
    private const int RowCount = 128;

    private static readonly VmxExitRow[] Rows = Build();

    private VmxExitRow(VmxExitRowKind kind, uint mask, bool always, bool l0Always = false, bool write = false, bool indexInQualification = false)
    {
        Kind = kind;
        Mask = mask;
        Always = always ? 1u : 0u;
        L0Always = l0Always;
        Write = write;
        IndexInQualification = indexInQualification;
    }

    /// <summary>How L1's side is decided.</summary>
    public VmxExitRowKind Kind { get; }

    /// <summary>For a control-bit row, the bit of the word <see cref="Kind"/> names.</summary>
    public uint Mask { get; }

    /// <summary>1 when L1 wants the exit whatever its controls say (a control-bit row with mask 0 and this 0 never goes to L1).</summary>
    public uint Always { get; }

    /// <summary>True when L0 handles the reason whatever vmcs12 says.</summary>
    public bool L0Always { get; }

    /// <summary>For a bitmap row: the write half of the bitmap.</summary>
    public bool Write { get; }

    /// <summary>For an MSR row: the index is in the exit qualification (the immediate forms), not in ECX.</summary>
    public bool IndexInQualification { get; }

    /// <summary>The row of basic exit reason <paramref name="basic"/>.</summary>
    public static VmxExitRow For(uint basic) => basic < RowCount ? Rows[basic] : Default;

    // L1's: an exit L0 does not understand goes to L1.
    private static VmxExitRow Default => new(VmxExitRowKind.Primary, 0, always: true);

    private static VmxExitRow[] Build()
    {
        var rows = new VmxExitRow[RowCount];
        Array.Fill(rows, Default);

        void Set(VmxExitReason reason, VmxExitRow row) => rows[(int)reason] = row;
        void Kind(VmxExitReason reason, VmxExitRowKind kind, bool write = false, bool qualification = false) =>
            Set(reason, new VmxExitRow(kind, 0, always: false, write: write, indexInQualification: qualification));
        void Primary(VmxExitReason reason, PrimaryProcessorControls control) =>
            Set(reason, new VmxExitRow(VmxExitRowKind.Primary, (uint)control, always: false));
        void Secondary(VmxExitReason reason, SecondaryProcessorControls control) =>
            Set(reason, new VmxExitRow(VmxExitRowKind.Secondary, (uint)control, always: false));
        void Never(VmxExitReason reason) => Set(reason, new VmxExitRow(VmxExitRowKind.Primary, 0, always: false));

        // L0's whatever vmcs12 says (model 01 §3.2). L1 would want MCE during VM entry (an
        // unconditional exit), but L0's predicate runs first.
        foreach (VmxExitReason reason in (ReadOnlySpan<VmxExitReason>)
        [
            // The interrupt belongs to the host; L1 is told about its own interrupts by injection.
            VmxExitReason.ExternalInterrupt,
            VmxExitReason.MceDuringVmentry,
            // L0 walks L1's EPT itself and injects an EPT violation into L1 only if L1's tables miss.
            VmxExitReason.EptViolation,
            // L2 never runs on L1's EPT directly (shadow or merged tables), so any structural fault is L0's.
            VmxExitReason.EptMisconfig,
            // L1's preemption timer is emulated with an hrtimer; the hardware timer is L0's.
            VmxExitReason.PreemptionTimer,
            // PML is emulated for L1 and never enabled in vmcs02.
            VmxExitReason.PmlFull,
            // VM functions are emulated through L2->L0 exits.
            VmxExitReason.Vmfunc,
            // Bus-lock exits are never exposed to L1.
            VmxExitReason.BusLock,
        ])
        {
            VmxExitRow l1 = rows[(int)reason];
            rows[(int)reason] = new VmxExitRow(l1.Kind, l1.Mask, l1.Always != 0, l0Always: true);
        }
        // External interrupts reach L1's side only when L0 does not keep them; kept as KVM has it.
        Set(VmxExitReason.ExternalInterrupt, new VmxExitRow(VmxExitRowKind.Pin, (uint)PinBasedControls.ExternalInterruptExiting,
            always: false, l0Always: true));

        // Unconditional exits in VMX non-root operation (triple fault, task switch, CPUID, INVD,
        // invalid guest state, MCE during entry, XSETBV) keep the default row: L1 must see them to
        // emulate L2. So do the VMX instructions (VMCALL, VMCLEAR, VMLAUNCH, VMPTRLD, VMPTRST,
        // VMRESUME, VMXOFF, VMXON, INVEPT, INVVPID): reflecting them lets L1 emulate them for its
        // own guest, which is what makes a third level possible. APIC-access, APIC-write and
        // EOI-induced exits too: "virtualize APIC accesses", APIC-register virtualization and
        // virtual-interrupt delivery come only from vmcs12, so only L1 can have caused them. And
        // XSAVES/XRSTORS: vmcs02 carries vmcs12's XSS-exiting bitmap verbatim.

        Primary(VmxExitReason.InterruptWindow, PrimaryProcessorControls.InterruptWindowExiting);
        Primary(VmxExitReason.NmiWindow, PrimaryProcessorControls.NmiWindowExiting);
        Primary(VmxExitReason.Hlt, PrimaryProcessorControls.HltExiting);
        Primary(VmxExitReason.Invlpg, PrimaryProcessorControls.InvlpgExiting);
        Primary(VmxExitReason.Rdpmc, PrimaryProcessorControls.RdpmcExiting);
        Secondary(VmxExitReason.Rdrand, SecondaryProcessorControls.RdrandExiting);
        Secondary(VmxExitReason.Rdseed, SecondaryProcessorControls.RdseedExiting);
        // One control covers both: RDTSCP exits through "RDTSC exiting" (SDM Vol 3C §26.1.3).
        Primary(VmxExitReason.Rdtsc, PrimaryProcessorControls.RdtscExiting);
        Primary(VmxExitReason.Rdtscp, PrimaryProcessorControls.RdtscExiting);
        Primary(VmxExitReason.DrAccess, PrimaryProcessorControls.MovDrExiting);
        Secondary(VmxExitReason.GdtrIdtrAccess, SecondaryProcessorControls.DescriptorTableExiting);
        Secondary(VmxExitReason.LdtrTrAccess, SecondaryProcessorControls.DescriptorTableExiting);
        Primary(VmxExitReason.Mwait, PrimaryProcessorControls.MwaitExiting);
        Primary(VmxExitReason.Monitor, PrimaryProcessorControls.MonitorExiting);
        Primary(VmxExitReason.TprBelowThreshold, PrimaryProcessorControls.UseTprShadow);
        Secondary(VmxExitReason.Wbinvd, SecondaryProcessorControls.WbinvdExiting);
        Secondary(VmxExitReason.Umwait, SecondaryProcessorControls.EnableUserWaitPause);
        Secondary(VmxExitReason.Tpause, SecondaryProcessorControls.EnableUserWaitPause);

        Kind(VmxExitReason.ExceptionOrNmi, VmxExitRowKind.ExceptionBitmap);
        Kind(VmxExitReason.Vmread, VmxExitRowKind.VmcsBitmap);
        Kind(VmxExitReason.Vmwrite, VmxExitRowKind.VmcsBitmap, write: true);
        Kind(VmxExitReason.CrAccess, VmxExitRowKind.CrAccess);
        Kind(VmxExitReason.IoInstruction, VmxExitRowKind.IoBitmap);
        Kind(VmxExitReason.MsrRead, VmxExitRowKind.MsrBitmap);
        Kind(VmxExitReason.MsrWrite, VmxExitRowKind.MsrBitmap, write: true);
        Kind(VmxExitReason.MsrReadImm, VmxExitRowKind.MsrBitmap, qualification: true);
        Kind(VmxExitReason.MsrWriteImm, VmxExitRowKind.MsrBitmap, write: true, qualification: true);
        Kind(VmxExitReason.MonitorTrapFlag, VmxExitRowKind.MonitorTrapFlag);
        Kind(VmxExitReason.Pause, VmxExitRowKind.Pause);
        Kind(VmxExitReason.Invpcid, VmxExitRowKind.Invpcid);
        Kind(VmxExitReason.Encls, VmxExitRowKind.Encls);

        // Notify exits are not exposed to L1; SEAMCALL and TDCALL always exit but are not
        // virtualized for L1, so L1 never expects them.
        Never(VmxExitReason.Notify);
        Never(VmxExitReason.Seamcall);
        Never(VmxExitReason.Tdcall);
        return rows;
    }
}
