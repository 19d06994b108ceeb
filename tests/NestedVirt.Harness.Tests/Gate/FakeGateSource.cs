using NestedVirt.Harness.Gate;

namespace NestedVirt.Harness.Tests.Gate;

/// <summary>Returns a fixed measurement and records whether instructions were asked for.</summary>
internal sealed class FakeGateSource(GateBaseline measurement) : IGateSource
{
    public GateBaseline Measurement { get; set; } = measurement;

    public List<bool> InstructionRequests { get; } = [];

    public GateBaseline Measure(bool countInstructions, long iterations, string repositoryRoot, TextWriter progress)
    {
        InstructionRequests.Add(countInstructions);
        if (countInstructions)
        {
            return Measurement;
        }

        return new GateBaseline
        {
            Runtime = Measurement.Runtime,
            Cpu = Measurement.Cpu,
            Counters = Measurement.Counters,
            InstructionsNote = "not asked for",
        };
    }

    /// <summary>A measurement with two cases and two hot paths, counted on <paramref name="runtime"/>.</summary>
    public static GateBaseline Sample(string runtime = ".NET 10.0.1", string cpu = "Test CPU", double eptInstructions = 550, double walks = 1) => new()
    {
        Runtime = runtime,
        Cpu = cpu,
        InstructionIterations = 50_000,
        Counters = new(StringComparer.Ordinal)
        {
            ["walk/ept/oned"] = new(StringComparer.Ordinal) { ["GuestEntriesRead"] = 4, ["Walks"] = walks },
            ["walk/npt/twod"] = new(StringComparer.Ordinal) { ["GuestEntriesRead"] = 24, ["Walks"] = 1 },
        },
        Instructions = new(StringComparer.Ordinal)
        {
            ["walk.ept.1d.4l"] = eptInstructions,
            ["walk.npt.2d.4x4"] = 3745.1,
        },
    };
}
