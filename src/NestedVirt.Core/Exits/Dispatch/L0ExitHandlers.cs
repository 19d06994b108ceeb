namespace NestedVirt.Exits.Dispatch;

/// <summary>
/// L0's handlers for the exits it keeps, reduced to their decision: each reads what the real
/// handler reads first (qualification, operand) and returns the action. They stand in for KVM's
/// <c>handle_*</c> functions so dispatch cost can be measured on its own.
/// </summary>
internal static class L0ExitHandlers
{
    // Ports KVM emulates in the kernel (PIT, PIC, ACPI PM timer) vs device-model ports that go to
    // userspace; a coarse split for the model.
    private const ulong FirstUserspacePort = 0x100;

    public static ExitAction Resume(in ExitInfo exit) => ExitAction.Resume;

    public static ExitAction Io(in ExitInfo exit) =>
        // VMX I/O qualification bits 31:16 hold the port (SDM 3C table 28-5).
        ((exit.Qualification >> 16) & 0xFFFF) >= FirstUserspacePort ? ExitAction.ExitToUserspace : ExitAction.Resume;

    public static ExitAction EptMisconfig(in ExitInfo exit) =>
        // KVM's MMIO fast path: a misconfigured SPTE marks emulated MMIO, usually a device model.
        exit.GuestPhysicalAddress >= 0xFE00_0000 ? ExitAction.Resume : ExitAction.ExitToUserspace;

    public static ExitAction Hypercall(in ExitInfo exit) =>
        // HvPostMessage (0x5C) goes to userspace; everything else KVM completes itself.
        (ushort)exit.Operand == 0x005C ? ExitAction.ExitToUserspace : ExitAction.Resume;

    public static ExitAction Msr(in ExitInfo exit) =>
        // Hyper-V synthetic MSRs 0x40000000+ that KVM does not handle (SynIC on some VMMs) go out.
        (exit.Operand & 0xFFFF_F000) == 0x4000_1000 ? ExitAction.ExitToUserspace : ExitAction.Resume;

    public static ExitAction Unknown(in ExitInfo exit) => ExitAction.ExitToUserspace;
}
