using System.Globalization;

namespace NestedVirt.Harness.Tests.Reporting;

/// <summary>
/// Switches the current culture to one that writes "1,5" for 1.5 and restores it on dispose.
/// de-DE when the runtime has it; the repository builds with InvariantGlobalization, where
/// only the invariant culture exists, so then a copy of it with de-DE's number separators.
/// </summary>
internal sealed class CommaCulture : IDisposable
{
    private readonly CultureInfo previous = CultureInfo.CurrentCulture;

    private CommaCulture()
    {
        CultureInfo culture;
        try
        {
            culture = new CultureInfo("de-DE");
        }
        catch (CultureNotFoundException)
        {
            culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
            culture.NumberFormat.NumberDecimalSeparator = ",";
            culture.NumberFormat.NumberGroupSeparator = ".";
            culture.NumberFormat.PercentDecimalSeparator = ",";
        }

        CultureInfo.CurrentCulture = culture;
        Assert.Equal("1,5", 1.5.ToString(CultureInfo.CurrentCulture));
    }

    public static CommaCulture Use() => new();

    public void Dispose() => CultureInfo.CurrentCulture = previous;
}
