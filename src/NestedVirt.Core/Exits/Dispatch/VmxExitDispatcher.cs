namespace NestedVirt.Exits.Dispatch;

/// <summary>
/// L0's exit-handler dispatch for VMX, three ways, so the cost of each can be measured on the
/// same exit stream. All three return the same action for every reason (a test checks it).
/// </summary>
public sealed unsafe class VmxExitDispatcher
{
    private const int TableSize = 80;
    private readonly delegate*<in ExitInfo, ExitAction>[] table = new delegate*<in ExitInfo, ExitAction>[TableSize];

    /// <summary>Builds the function-pointer table.</summary>
    public VmxExitDispatcher()
    {
        for (int i = 0; i < TableSize; i++)
            table[i] = &L0ExitHandlers.Unknown;
        foreach (VmxExitReason reason in Enum.GetValues<VmxExitReason>())
        {
            if ((int)reason < TableSize)
                table[(int)reason] = HandlerFor(reason);
        }
    }

    /// <summary>Dispatches one exit L0 keeps.</summary>
    public ExitAction Dispatch(in ExitInfo exit, DispatchStrategy strategy) => strategy switch
    {
        DispatchStrategy.FunctionTable => DispatchTable(exit),
        DispatchStrategy.HotFirst => DispatchHotFirst(exit),
        _ => DispatchSwitch(exit),
    };

    /// <summary>The dense switch.</summary>
    public static ExitAction DispatchSwitch(in ExitInfo exit)
    {
        switch ((VmxExitReason)exit.VmxReason.Basic)
        {
            case VmxExitReason.IoInstruction:
                return L0ExitHandlers.Io(exit);
            case VmxExitReason.EptMisconfig:
                return L0ExitHandlers.EptMisconfig(exit);
            case VmxExitReason.Vmcall:
                return L0ExitHandlers.Hypercall(exit);
            case VmxExitReason.MsrRead:
            case VmxExitReason.MsrWrite:
                return L0ExitHandlers.Msr(exit);
            case VmxExitReason.ExceptionOrNmi:
            case VmxExitReason.ExternalInterrupt:
            case VmxExitReason.InterruptWindow:
            case VmxExitReason.Cpuid:
            case VmxExitReason.Hlt:
            case VmxExitReason.CrAccess:
            case VmxExitReason.Pause:
            case VmxExitReason.TprBelowThreshold:
            case VmxExitReason.EoiInduced:
            case VmxExitReason.EptViolation:
            case VmxExitReason.PreemptionTimer:
            case VmxExitReason.Wbinvd:
            case VmxExitReason.Xsetbv:
            case VmxExitReason.ApicWrite:
            case VmxExitReason.Vmread:
            case VmxExitReason.Vmwrite:
            case VmxExitReason.Vmresume:
                return L0ExitHandlers.Resume(exit);
            default:
                return L0ExitHandlers.Unknown(exit);
        }
    }

    private ExitAction DispatchTable(in ExitInfo exit)
    {
        uint basic = exit.VmxReason.Basic;
        return basic < TableSize ? table[basic](exit) : L0ExitHandlers.Unknown(exit);
    }

    private static ExitAction DispatchHotFirst(in ExitInfo exit)
    {
        var reason = (VmxExitReason)exit.VmxReason.Basic;
        if (reason == VmxExitReason.EptViolation || reason == VmxExitReason.ExternalInterrupt)
            return L0ExitHandlers.Resume(exit);
        if (reason == VmxExitReason.MsrWrite)
            return L0ExitHandlers.Msr(exit);
        if (reason == VmxExitReason.IoInstruction)
            return L0ExitHandlers.Io(exit);
        return DispatchSwitch(exit);
    }

    private static delegate*<in ExitInfo, ExitAction> HandlerFor(VmxExitReason reason) => reason switch
    {
        VmxExitReason.IoInstruction => &L0ExitHandlers.Io,
        VmxExitReason.EptMisconfig => &L0ExitHandlers.EptMisconfig,
        VmxExitReason.Vmcall => &L0ExitHandlers.Hypercall,
        VmxExitReason.MsrRead or VmxExitReason.MsrWrite => &L0ExitHandlers.Msr,
        VmxExitReason.ExceptionOrNmi or VmxExitReason.ExternalInterrupt or VmxExitReason.InterruptWindow
            or VmxExitReason.Cpuid or VmxExitReason.Hlt or VmxExitReason.CrAccess or VmxExitReason.Pause
            or VmxExitReason.TprBelowThreshold or VmxExitReason.EoiInduced or VmxExitReason.EptViolation
            or VmxExitReason.PreemptionTimer or VmxExitReason.Wbinvd or VmxExitReason.Xsetbv
            or VmxExitReason.ApicWrite or VmxExitReason.Vmread or VmxExitReason.Vmwrite
            or VmxExitReason.Vmresume => &L0ExitHandlers.Resume,
        _ => &L0ExitHandlers.Unknown,
    };
}
