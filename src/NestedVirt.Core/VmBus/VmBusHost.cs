using NestedVirt.Counters;
using NestedVirt.Hypercalls;
using NestedVirt.Memory;
using NestedVirt.Userspace;

namespace NestedVirt.VmBus;

/// <summary>
/// The userspace side of HvPostMessage / HvSignalEvent: a VMBus host in the spirit of OpenVMM's
/// SynIC ports (<c>vmm_core/virt_kvm</c> hypercall dispatcher → <c>synic_ports</c> → VMBus
/// server). It receives <c>KVM_EXIT_HYPERV</c> HCALL exits, reads the message from L1's guest
/// memory in place, answers InitiateContact with a VersionResponse, and counts messages and
/// events per connection. Allocated once; handling an exit allocates nothing.
/// </summary>
/// <remarks>
/// <para><b>Statuses follow the TLFS</b> (<c>HvCallPostMessage.md</c>, <c>HvCallSignalEvent.md</c>,
/// "Alignment Requirements"), and only TLFS statuses are returned. OpenVMM differs in two places
/// (model 02 §4): it answers INVALID_HYPERCALL_INPUT, not INVALID_ALIGNMENT, for an input that
/// crosses a page or cannot be read, and it does not check MessageType. Where the TLFS is silent
/// this model follows OpenVMM's <c>hv1_hypercall</c> dispatcher: a fast HvPostMessage (256 bytes
/// cannot travel in registers) and rep/variable-header forms are INVALID_HYPERCALL_INPUT; an
/// unknown call code is INVALID_HYPERCALL_CODE; a non-zero RsvdZ input field is
/// INVALID_PARAMETER (OpenVMM's convention for reserved input fields).</para>
/// <para>Not modelled: delivery into the guest's SIM page (the response is kept in
/// <see cref="LastResponse"/>), channel offers, and every channel message but InitiateContact.</para>
/// </remarks>
public sealed partial class VmBusHost : IUserspaceVmm
{
    private readonly VmBusHostOptions options;
    private readonly uint[] messageConnections;
    private readonly long[] messageCounts;
    private readonly uint[] eventConnections;
    private readonly long[] eventCounts;

    /// <summary>Creates a host with the default options.</summary>
    public VmBusHost()
        : this(new VmBusHostOptions())
    {
    }

    /// <summary>Creates a host.</summary>
    /// <exception cref="ArgumentException">A connection id is reserved-bit dirty or listed twice, or the response connection is not a message connection.</exception>
    public VmBusHost(VmBusHostOptions options)
    {
        if (options is null)
            ThrowHelper.ThrowArgumentNull(nameof(options));
        messageConnections = (uint[])options.MessageConnectionIds.Clone();
        eventConnections = (uint[])options.EventConnectionIds.Clone();
        ValidateConnections(messageConnections, eventConnections);
        if (IndexOf(messageConnections, options.ResponseMessageConnectionId) < 0)
            ThrowHelper.ThrowArgument(nameof(options), "the response message connection must be a message connection");
        if (options.EventFlagCount <= 0)
            ThrowHelper.ThrowArgumentOutOfRange(nameof(options), "event ports need at least one flag");

        this.options = options;
        messageCounts = new long[messageConnections.Length];
        eventCounts = new long[eventConnections.Length];
    }

    /// <summary>
    /// Handles one <c>KVM_EXIT_HYPERV</c>: for an HCALL exit, runs HvPostMessage or HvSignalEvent
    /// and writes <see cref="KvmHypervExit.HcallResult"/>. SynIC and SynDbg exits carry no result
    /// and are ignored.
    /// </summary>
    public void HandleHypervExit(ref KvmHypervExit exit, GuestMemory l1Memory, ref PathCounters counters)
    {
        if (exit.Type != KvmHypervExitType.Hcall)
            return;

        var input = new HypercallInput(exit.HcallInput);
        HvStatus status;
        if (input.IsRep || input.VariableHeaderSize != 0)
        {
            status = HvStatus.InvalidHypercallInput;
        }
        else if (input.Code == HvCallCode.PostMessage)
        {
            status = input.IsFast
                ? HvStatus.InvalidHypercallInput
                : PostMessage(exit.HcallParam0, l1Memory, ref counters);
        }
        else if (input.Code == HvCallCode.SignalEvent)
        {
            // KVM already read a slow call's 8 bytes into params[0] without setting the fast bit;
            // OpenVMM therefore treats every signal as fast (model 02 §6).
            status = SignalEvent(exit.HcallParam0);
        }
        else
        {
            status = HvStatus.InvalidHypercallCode;
        }

        exit.HcallResult = HypercallResult.Create(status).Value;
    }

    /// <summary>Messages accepted on message connection <paramref name="connectionId"/> (0 if the host does not listen on it).</summary>
    public long GetMessageCount(uint connectionId)
    {
        int i = IndexOf(messageConnections, connectionId);
        return i < 0 ? 0 : messageCounts[i];
    }

    /// <summary>Events signalled on event connection <paramref name="connectionId"/> (0 if the host does not listen on it).</summary>
    public long GetEventCount(uint connectionId)
    {
        int i = IndexOf(eventConnections, connectionId);
        return i < 0 ? 0 : eventCounts[i];
    }

    private static void ValidateConnections(uint[] messages, uint[] events)
    {
        for (int i = 0; i < messages.Length + events.Length; i++)
        {
            uint id = i < messages.Length ? messages[i] : events[i - messages.Length];
            if (new HvConnectionId(id).HasReservedBits)
                ThrowHelper.ThrowArgument(nameof(messages), "connection ids must fit 24 bits");
            for (int j = 0; j < i; j++)
            {
                uint other = j < messages.Length ? messages[j] : events[j - messages.Length];
                if (other == id)
                    ThrowHelper.ThrowArgument(nameof(messages), "a connection id is listed twice");
            }
        }
    }
}
