using NestedVirt.Exits;
using NestedVirt.L0;
using NestedVirt.X86;

namespace NestedVirt.Tests.L0;

/// <summary>
/// Seeded random exits of every kind for the L0 handler: every VMX exit reason the SDM numbers
/// (plus unknown numbers and the flag bits), every SVM exit code the APM numbers (plus every
/// CR/DR access and exception code and unknown codes), with fields drawn to reach each branch:
/// VMX capability MSRs and EFER, CR4 values with and without VMXE, EFER values with and without
/// SVME, I/O ports on both sides of the userspace split, GPAs in and out of MMIO.
/// </summary>
internal static class L0ExitMix
{
    private static readonly uint[] Msrs =
        [0x10, 0x1B, 0x480, 0x481, 0x48C, 0x491, 0x47F, 0x492, 0xC000_0080, 0xC001_0114, 0x4000_0070, 0x4000_1000];

#if INTEL_VMX
    private static readonly VmxExitReason[] VmxReasons = Enum.GetValues<VmxExitReason>();
#endif
#if AMD_SVM
    private static readonly SvmExitCode[] SvmCodes = Enum.GetValues<SvmExitCode>();
#endif

    /// <summary><paramref name="count"/> exits for <paramref name="vendor"/>.</summary>
    public static ExitInfo[] Create(CpuVendor vendor, int count, int seed)
    {
        var random = new Random(seed);
        var exits = new ExitInfo[count];
        for (int i = 0; i < count; i++)
            exits[i] = Next(vendor, random);
        return exits;
    }

    /// <summary>One exit.</summary>
    public static ExitInfo Next(CpuVendor vendor, Random random)
    {
#if INTEL_VMX
        if (vendor == CpuVendor.Intel)
            return Vmx(random);
#endif
#if AMD_SVM
        if (vendor == CpuVendor.Amd)
            return Svm(random);
#endif
        throw new ArgumentOutOfRangeException(nameof(vendor), $"{vendor} is not compiled in");
    }

#if INTEL_VMX
    private static ExitInfo Vmx(Random random)
    {
        ulong code = random.Next(20) == 0 ? (ulong)random.Next(0, 96) : (ulong)VmxReasons[random.Next(VmxReasons.Length)];
        if (random.Next(16) == 0)
            code |= VmxExitReasonField.BusLockDetectedBit;
        ulong qualification = (VmxExitReason)(ushort)code switch
        {
            VmxExitReason.CrAccess => CrAccessQualification.Create(random.Next(2) == 0 ? 4 : random.Next(16),
                (CrAccessType)random.Next(4), random.Next(16)).Raw,
            VmxExitReason.IoInstruction => VmxIoQualification.Create(Port(random), 1 << random.Next(3), random.Next(2) == 0).Raw,
            _ => Any(random),
        };
        return new ExitInfo
        {
            Code = code,
            Qualification = qualification,
            Info2 = Efer(random),
            GuestPhysicalAddress = random.Next(4) == 0 ? 0xFEE0_0000UL : (ulong)random.Next(0, 1 << 20) << 12,
            NextRip = Any(random),
            Operand = Operand(random),
            InterruptionInfo = (uint)random.Next(),
            InterruptionErrorCode = (uint)random.Next(),
            InstructionLength = (uint)random.Next(1, 16),
        };
    }
#endif

#if AMD_SVM
    private static ExitInfo Svm(Random random)
    {
        ulong code = random.Next(5) switch
        {
            0 => (ulong)random.Next(0, 0x60),           // every CR/DR access and exception code
            1 => (ulong)random.Next(0x60, 0x500),       // named, gaps and unknown codes
            _ => (ulong)SvmCodes[random.Next(SvmCodes.Length)],
        };
        return new ExitInfo
        {
            Code = code,
            Qualification = code == (ulong)SvmExitCode.Ioio ? ((ulong)Port(random) << 16) | (uint)random.Next(2) : (ulong)random.Next(2),
            Info2 = random.Next(2) == 0 ? Efer(random) : (ulong)random.Next(0, 1 << 20) << 12,
            NextRip = Any(random),
            Operand = Operand(random),
            InterruptionInfo = (uint)random.Next(),
            InterruptionErrorCode = (uint)random.Next(),
        };
    }
#endif

    private static ushort Port(Random random) => (ushort)(random.Next(2) == 0 ? random.Next(0, 0x100) : random.Next(0x100, 0x10000));

    private static ulong Efer(Random random) =>
        (random.Next(2) == 0 ? GuestVcpu.EferSvme : 0) | (1UL << 8) | (1UL << 10);

    // An MSR index, a CR4 value with or without VMXE, a VMCB address, or anything.
    private static ulong Operand(Random random) => random.Next(4) switch
    {
        0 => Msrs[random.Next(Msrs.Length)],
        1 => (random.Next(2) == 0 ? GuestVcpu.Cr4Vmxe : 0) | 0x20,
        2 => (ulong)random.Next(0, 256) << 12,
        _ => Any(random),
    };

    private static ulong Any(Random random) => (ulong)random.NextInt64();
}
