namespace NestedVirt.Exits;

/// <summary>
/// The tri-state of KVM's nested SVM exit checks (<c>arch/x86/kvm/svm/svm.h</c>
/// <c>NESTED_EXIT_*</c>; model 01 §5, D-10..D-12), numbered as there.
/// </summary>
public enum NestedExitResult
{
    /// <summary><c>NESTED_EXIT_HOST</c>: L0 handles the exit.</summary>
    Host = 0,

    /// <summary><c>NESTED_EXIT_DONE</c>: a nested #VMEXIT to L1 is (to be) performed.</summary>
    Done = 1,

    /// <summary><c>NESTED_EXIT_CONTINUE</c>: not decided yet, ask <c>nested_svm_intercept</c>.</summary>
    Continue = 2,
}
