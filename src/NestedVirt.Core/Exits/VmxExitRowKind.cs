namespace NestedVirt.Exits;

/// <summary>
/// How <c>nested_vmx_l1_wants_exit</c> decides one basic exit reason (model 01 §3.3), as a
/// <see cref="VmxExitRow"/> stores it: a control bit of one vmcs12 word (or a constant), or one
/// of the rows with logic of their own.
/// </summary>
public enum VmxExitRowKind : byte
{
    /// <summary>A primary processor-based control bit, or a constant (mask 0 plus the row's Always).</summary>
    Primary = 0,

    /// <summary>A pin-based control bit.</summary>
    Pin,

    /// <summary>A secondary processor-based control bit (0 unless secondary controls are activated).</summary>
    Secondary,

    /// <summary>L1's MSR bitmap (RDMSR, WRMSR and their immediate forms).</summary>
    MsrBitmap,

    /// <summary>L1's I/O bitmaps, or unconditional I/O exiting.</summary>
    IoBitmap,

    /// <summary>MOV to/from CR, CLTS, LMSW against the guest/host masks and read shadows.</summary>
    CrAccess,

    /// <summary>The exception bitmap; NMIs and #PF that L0 did not keep always go to L1.</summary>
    ExceptionBitmap,

    /// <summary>The VMREAD/VMWRITE bitmaps (VMCS shadowing).</summary>
    VmcsBitmap,

    /// <summary>PAUSE exiting or PAUSE-loop exiting.</summary>
    Pause,

    /// <summary>The monitor trap flag, or a pending MTF L1 injected.</summary>
    MonitorTrapFlag,

    /// <summary>INVPCID: enabled and INVLPG exiting.</summary>
    Invpcid,

    /// <summary>ENCLS: SGX exposed to L1 and the ENCLS-exiting bitmap.</summary>
    Encls,
}
