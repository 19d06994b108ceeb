using System.Runtime.CompilerServices;

namespace NestedVirt.Exits;

/// <summary>
/// Builds and classifies the numbered ranges of <see cref="SvmExitCode"/> (APM Vol 2 Appendix C):
/// CR reads 0x00–0x0F, CR writes 0x10–0x1F, DR reads 0x20–0x2F, DR writes 0x30–0x3F and
/// exceptions 0x40–0x5F (vector = code − 0x40).
/// </summary>
public static class SvmExitCodeRanges
{
    /// <summary>First CR-read code.</summary>
    public const ulong CrReadBase = 0x00;

    /// <summary>First CR-write code.</summary>
    public const ulong CrWriteBase = 0x10;

    /// <summary>First DR-read code.</summary>
    public const ulong DrReadBase = 0x20;

    /// <summary>First DR-write code.</summary>
    public const ulong DrWriteBase = 0x30;

    /// <summary>First exception code (vector 0).</summary>
    public const ulong ExceptionBase = 0x40;

    /// <summary>Codes per range for control and debug registers (16).</summary>
    public const int RegistersPerRange = 16;

    /// <summary>Exception vectors covered (32).</summary>
    public const int ExceptionVectors = 32;

    /// <summary>Exit code for reading control register <paramref name="cr"/> (0–15).</summary>
    public static SvmExitCode ReadCr(int cr) => (SvmExitCode)(CrReadBase + CheckRegister(cr));

    /// <summary>Exit code for writing control register <paramref name="cr"/> (0–15).</summary>
    public static SvmExitCode WriteCr(int cr) => (SvmExitCode)(CrWriteBase + CheckRegister(cr));

    /// <summary>Exit code for reading debug register <paramref name="dr"/> (0–15).</summary>
    public static SvmExitCode ReadDr(int dr) => (SvmExitCode)(DrReadBase + CheckRegister(dr));

    /// <summary>Exit code for writing debug register <paramref name="dr"/> (0–15).</summary>
    public static SvmExitCode WriteDr(int dr) => (SvmExitCode)(DrWriteBase + CheckRegister(dr));

    /// <summary>Exit code for exception <paramref name="vector"/> (0–31).</summary>
    public static SvmExitCode Exception(int vector)
    {
        if ((uint)vector >= ExceptionVectors)
            ThrowHelper.ThrowArgumentOutOfRange(nameof(vector), "exception vectors are 0-31");
        return (SvmExitCode)(ExceptionBase + (ulong)vector);
    }

    /// <summary>True for a CR read (0x00–0x0F) or write (0x10–0x1F); <paramref name="cr"/> is the register.</summary>
    public static bool IsCrAccess(SvmExitCode code, out int cr, out bool write)
    {
        ulong c = (ulong)code;
        cr = (int)(c & 0xF);
        write = c >= CrWriteBase;
        return c < DrReadBase;
    }

    /// <summary>True for a DR read (0x20–0x2F) or write (0x30–0x3F); <paramref name="dr"/> is the register.</summary>
    public static bool IsDrAccess(SvmExitCode code, out int dr, out bool write)
    {
        ulong c = (ulong)code;
        dr = (int)(c & 0xF);
        write = c >= DrWriteBase;
        return c - DrReadBase < 2 * RegistersPerRange;
    }

    /// <summary>True for an exception intercept (0x40–0x5F); <paramref name="vector"/> = code − 0x40.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsException(SvmExitCode code, out int vector)
    {
        ulong rel = (ulong)code - ExceptionBase;
        vector = (int)(rel & 0x1F);
        return rel < ExceptionVectors;
    }

    private static ulong CheckRegister(int n)
    {
        if ((uint)n >= RegistersPerRange)
            ThrowHelper.ThrowArgumentOutOfRange(nameof(n), "register numbers are 0-15");
        return (ulong)n;
    }
}
