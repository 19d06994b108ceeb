using NestedVirt.Exits;

namespace NestedVirt.Benchmarks.Exits;

/// <summary>
/// A fixed-seed stream of L2 exits in a realistic mix: the top twenty reasons of model 01 §1.1
/// (a Windows/Hyper-V-on-KVM mix; the order is a modelling guess, model 01 §1.1), drawn with Zipf
/// weights 1/rank (our assumption, not a measurement). Each exit carries plausible fields: a
/// port for I/O, an MSR index, a call code for VMCALL, a GPA for EPT faults. The SVM stream maps
/// every reason to its SVM exit code.
/// </summary>
public static class ExitMix
{
    // The order of model 01 §1.1, hottest first; SvmRanked maps each to its SVM exit code, index for index.
#if INTEL_VMX
    private static readonly VmxExitReason[] VmxRanked =
    [
        VmxExitReason.EptViolation,
        VmxExitReason.ExternalInterrupt,
        VmxExitReason.MsrWrite,
        VmxExitReason.MsrRead,
        VmxExitReason.IoInstruction,
        VmxExitReason.Hlt,
        VmxExitReason.EptMisconfig,
        VmxExitReason.Vmcall,
        VmxExitReason.Cpuid,
        VmxExitReason.InterruptWindow,
        VmxExitReason.ApicWrite,
        VmxExitReason.EoiInduced,
        VmxExitReason.Pause,
        VmxExitReason.CrAccess,
        VmxExitReason.PreemptionTimer,
        VmxExitReason.ExceptionOrNmi,
        VmxExitReason.Vmread,
        VmxExitReason.Xsetbv,
        VmxExitReason.Wbinvd,
        VmxExitReason.TprBelowThreshold,
    ];
#endif

#if AMD_SVM
    private static readonly SvmExitCode[] SvmRanked =
    [
        SvmExitCode.Npf,
        SvmExitCode.Intr,
        SvmExitCode.Msr,
        SvmExitCode.Msr,
        SvmExitCode.Ioio,
        SvmExitCode.Hlt,
        SvmExitCode.Npf,
        SvmExitCode.Vmmcall,
        SvmExitCode.Cpuid,
        SvmExitCode.Vintr,
        SvmExitCode.Npf,
        SvmExitCode.Npf,
        SvmExitCode.Pause,
        SvmExitCode.WriteCr3,
        SvmExitCode.Intr,
        SvmExitCode.ExceptionPf,
        SvmExitCode.Vmload,
        SvmExitCode.Xsetbv,
        SvmExitCode.Wbinvd,
        SvmExitCode.WriteCr8,
    ];
#endif

    private const int RankCount = 20;

    private static readonly ushort[] Ports = [0x60, 0x70, 0x3F8, 0xCF8, 0xCFC, 0x1F0, 0x400, 0xC000];
    private static readonly uint[] Msrs = [0x6E0, 0x10, 0x1B, 0x4000_0070, 0x4000_0073, 0xC000_0100, 0x830, 0x4000_1000];

    /// <summary>Draws <paramref name="count"/> exits.</summary>
    public static ExitInfo[] Create(bool svm, int count, int seed = 2026)
    {
        var random = new Random(seed);
        double total = 0;
        for (int rank = 1; rank <= RankCount; rank++)
            total += 1.0 / rank;

        var exits = new ExitInfo[count];
        for (int i = 0; i < count; i++)
        {
            double pick = random.NextDouble() * total;
            int index = 0;
            double cumulative = 1.0;
            while (pick > cumulative && index < RankCount - 1)
            {
                index++;
                cumulative += 1.0 / (index + 1);
            }
            exits[i] = Draw(svm, index, random);
        }
        return exits;
    }

    private static ExitInfo Draw(bool svm, int index, Random random)
    {
#if AMD_SVM
        if (svm)
            return SvmExit(SvmRanked[index], random);
#endif
#if INTEL_VMX
        if (!svm)
            return VmxExit(VmxRanked[index], random);
#endif
        throw new ArgumentOutOfRangeException(nameof(svm), "that vendor is not compiled into this build");
    }

#if INTEL_VMX
    private static ExitInfo VmxExit(VmxExitReason reason, Random random) => reason switch
    {
        // VMX I/O qualification: size-1 in bits 2:0, IN in bit 3, port in 31:16 (SDM 3C table 28-5).
        VmxExitReason.IoInstruction => new ExitInfo
        {
            Code = (ushort)reason,
            Qualification = ((ulong)Ports[random.Next(Ports.Length)] << 16) | (uint)random.Next(0, 2) << 3,
        },
        VmxExitReason.MsrRead or VmxExitReason.MsrWrite => new ExitInfo { Code = (ushort)reason, Operand = Msrs[random.Next(Msrs.Length)] },
        VmxExitReason.Vmcall => new ExitInfo { Code = (ushort)reason, Operand = random.Next(0, 2) == 0 ? 0x5Cu : 0x02u, InstructionLength = 3 },
        VmxExitReason.EptViolation or VmxExitReason.EptMisconfig => new ExitInfo
        {
            Code = (ushort)reason,
            GuestPhysicalAddress = random.Next(0, 4) == 0 ? 0xFEE0_0000UL : (ulong)random.Next(0, 1 << 20) << 12,
            Qualification = 1,
        },
        _ => new ExitInfo { Code = (ushort)reason },
    };
#endif

#if AMD_SVM
    private static ExitInfo SvmExit(SvmExitCode code, Random random) => code switch
    {
        // SVM IOIO EXITINFO1: port in bits 31:16, TYPE (IN) in bit 0, size bits 6:4 (APM 2 15.10.2).
        SvmExitCode.Ioio => ExitInfo.Svm(code, ((ulong)Ports[random.Next(Ports.Length)] << 16) | (1UL << 4) | (uint)random.Next(0, 2)),
        SvmExitCode.Msr => ExitInfo.Svm(code, (ulong)random.Next(0, 2), operand: Msrs[random.Next(Msrs.Length)]),
        SvmExitCode.Vmmcall => ExitInfo.Svm(code, operand: random.Next(0, 2) == 0 ? 0x5Cu : 0x02u),
        SvmExitCode.Npf => ExitInfo.Svm(code, 1, (ulong)random.Next(0, 1 << 20) << 12),
        _ => ExitInfo.Svm(code),
    };
#endif
}
