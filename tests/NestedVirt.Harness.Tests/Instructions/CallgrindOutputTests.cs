using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Instructions;

namespace NestedVirt.Harness.Tests.Instructions;

public sealed class CallgrindOutputTests
{
    private static string DataFile(string name) => Path.Combine(AppContext.BaseDirectory, "Data", "Callgrind", name);

    [Fact]
    public void CapturedFileGivesTheIrOfItsSummaryLine()
    {
        // Captured from callgrind 3.19 running the C walker ("summary: 15722695").
        Assert.Equal(15_722_695, CallgrindOutput.ReadInstructions(DataFile("ept-walk-c.callgrind.out")));
    }

    [Fact]
    public void WithSeveralEventsTheIrColumnOfTheSummaryIsTaken()
    {
        // --cache-sim=yes capture: "events: Ir Dr Dw ...", summary Ir 15722697, totals Ir 15722695.
        Assert.Equal(15_722_697, CallgrindOutput.ReadInstructions(DataFile("ept-walk-c-cachesim.callgrind.out")));
    }

    [Theory]
    [InlineData("events: Ir\nsummary: 42\ntotals: 41\n", 42)]
    [InlineData("events: Ir\ntotals: 41\n", 41)]
    [InlineData("events: Dr Ir Dw\nsummary: 5 7 9\n", 7)]
    [InlineData("events: Ir\r\nsummary: 123\r\n", 123)]
    [InlineData("events:  Ir\nsummary:   8   \n", 8)]
    public void IrIsFoundByItsEventColumn(string text, long expected)
    {
        Assert.True(CallgrindOutput.TryParseInstructions(text, out long instructions));
        Assert.Equal(expected, instructions);
    }

    [Theory]
    [InlineData("events: Dr Dw\nsummary: 5 7\n")]
    [InlineData("events: Ir\n")]
    [InlineData("summary: 5\n")]
    [InlineData("events: Ir Dr\nsummary: x 5\n")]
    [InlineData("events: Dr Ir\nsummary: 5\n")]
    [InlineData("")]
    public void TextWithoutAnIrTotalIsRejected(string text)
    {
        Assert.False(CallgrindOutput.TryParseInstructions(text, out _));
    }

    [Fact]
    public void MissingFileIsAOneLineErrorNamingIt()
    {
        string path = Path.Combine(Path.GetTempPath(), "nvbench-no-such-" + Guid.NewGuid().ToString("N") + ".out");
        var error = Assert.Throws<HarnessException>(() => CallgrindOutput.ReadInstructions(path));
        Assert.Contains(path, error.Message);
    }
}
