namespace NestedVirt.Harness.Reporting;

/// <summary>
/// The in-process PNG renderer cannot run on this machine (SkiaSharp ships no native library
/// for it, or it fails to load). Charts are still written as SVG; only the PNG is skipped.
/// </summary>
public sealed class PngUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PngUnavailableException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">Why PNGs cannot be drawn.</param>
    public PngUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">Why PNGs cannot be drawn.</param>
    /// <param name="innerException">The loader's error.</param>
    public PngUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
