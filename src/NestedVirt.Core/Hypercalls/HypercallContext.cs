namespace NestedVirt.Hypercalls;

/// <summary>
/// One hypercall between the checks of <see cref="HyperVHypercallHandler.TryBegin"/> (H-10 to
/// H-14) and the dispatch of <see cref="HyperVHypercallHandler.Finish"/> (H-15 to H-17): KVM's
/// <c>struct kvm_hv_hcall</c>. It lives on the caller's stack and is passed by
/// <see langword="ref"/>.
/// </summary>
/// <remarks>
/// <para>
/// <b>GPA translation hook .</b> The input parameter of a slow call is a GPA in the
/// <i>caller's</i> physical address space. For an L2 caller relayed to L0 it is an L2 GPA, but
/// the handler reads guest memory (and userspace reads the message) in L1's GPA space. Between
/// <c>TryBegin</c> and <c>Finish</c> the relay therefore does, when
/// <see cref="HasTranslatableInputGpa"/> is true and its own conditions hold (relay mask ≠ 0 and
/// L1 runs L2 on nested EPT/NPT):
/// </para>
/// <list type="bullet">
/// <item>walk L1's EPT for <see cref="InputParameter"/> with "final GPA" access, then</item>
/// <item><see cref="SetTranslatedInputGpa"/> with the L1 GPA on success, or
/// <see cref="FailTranslation"/> on failure (the call then completes with
/// <see cref="HvStatus.InvalidHypercallInput"/>, as the RFC's <c>INVALID_GPA</c> branch).</item>
/// </list>
/// <para>
/// With shadow paging in L1 no translation is done (the L2 address is already an L1 GPA), and
/// fast calls carry no GPA. Only the start address is translated: the TLFS forbids input that
/// crosses a page, and the handler and VMBus host check that in L1's space.
/// </para>
/// </remarks>
public struct HypercallContext
{
    private HypercallInput input;
    private ulong inputParameter;
    private ulong outputParameter;
    private HvStatus earlyStatus;
    private bool translated;

    internal HypercallContext(HypercallInput input, ulong inputParameter, ulong outputParameter, HvStatus earlyStatus)
    {
        this.input = input;
        this.inputParameter = inputParameter;
        this.outputParameter = outputParameter;
        this.earlyStatus = earlyStatus;
        translated = false;
    }

    /// <summary>The decoded input value (H-11).</summary>
    public readonly HypercallInput Input => input;

    /// <summary>
    /// The input parameter (KVM <c>hc.ingpa</c>): an input GPA for slow calls, the fast input for
    /// fast calls. Replaced by the L1 GPA after translation, and by the 8-byte input once a slow
    /// HvSignalEvent has read it.
    /// </summary>
    public readonly ulong InputParameter => inputParameter;

    /// <summary>The output parameter (KVM <c>hc.outgpa</c>).</summary>
    public readonly ulong OutputParameter => outputParameter;

    /// <summary>
    /// <see cref="HvStatus.Success"/> while the call is still to be dispatched; otherwise the status
    /// an early check produced (ACCESS_DENIED in H-12, INVALID_HYPERCALL_INPUT in H-13 or from a
    /// failed translation). <see cref="HyperVHypercallHandler.Finish"/> completes the call with it.
    /// </summary>
    public readonly HvStatus EarlyStatus => earlyStatus;

    /// <summary>True when an early check already failed.</summary>
    public readonly bool IsFailed => earlyStatus != HvStatus.Success;

    /// <summary>True once <see cref="SetTranslatedInputGpa"/> replaced the input GPA.</summary>
    public readonly bool IsInputGpaTranslated => translated;

    /// <summary>
    /// The input parameter is a GPA the relay may translate: the checks passed, the call is
    /// slow, its code is HvPostMessage or HvSignalEvent, and it was not translated yet.
    /// </summary>
    public readonly bool HasTranslatableInputGpa =>
        earlyStatus == HvStatus.Success && !translated && !input.IsFast
        && (input.Code == HvCallCode.PostMessage || input.Code == HvCallCode.SignalEvent);

    /// <summary>Replaces the input GPA with its L1 translation (R-03 success).</summary>
    /// <exception cref="InvalidOperationException"><see cref="HasTranslatableInputGpa"/> is false.</exception>
    public void SetTranslatedInputGpa(ulong l1Gpa)
    {
        if (!HasTranslatableInputGpa)
            ThrowHelper.ThrowInvalidOperation("the input parameter is not a translatable GPA");
        inputParameter = l1Gpa;
        translated = true;
    }

    /// <summary>Records a failed L2→L1 translation: the call completes with INVALID_HYPERCALL_INPUT .</summary>
    /// <exception cref="InvalidOperationException"><see cref="HasTranslatableInputGpa"/> is false.</exception>
    public void FailTranslation()
    {
        if (!HasTranslatableInputGpa)
            ThrowHelper.ThrowInvalidOperation("the input parameter is not a translatable GPA");
        earlyStatus = HvStatus.InvalidHypercallInput;
    }

    internal void ReplaceInputParameter(ulong value) => inputParameter = value;
}
