namespace NestedVirt.Exits.Dispatch;

/// <summary>How <see cref="VmxExitDispatcher"/> finds the handler for an exit reason (a benchmark subject: the ExitDispatch suite).</summary>
public enum DispatchStrategy : byte
{
    /// <summary>One dense <c>switch</c> on the basic reason (the JIT emits a jump table).</summary>
    Switch = 0,

    /// <summary>An array of function pointers indexed by the basic reason, as KVM's <c>kvm_vmx_exit_handlers[]</c>.</summary>
    FunctionTable = 1,

    /// <summary>Compares for the hottest reasons first, then the switch (KVM's retpoline-avoiding fast path in <c>__vmx_handle_exit</c>).</summary>
    HotFirst = 2,
}
