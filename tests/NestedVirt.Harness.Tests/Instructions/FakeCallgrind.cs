using System.Globalization;
using NestedVirt.Harness.Instructions;
using NestedVirt.Harness.Processes;

namespace NestedVirt.Harness.Tests.Instructions;

/// <summary>
/// Stands in for valgrind and the drivers: a "callgrind run" writes an output file whose Ir is a
/// fixed start-up cost plus N times the id's cost per operation, or fails as a driver whose C
/// walker failed its self test would.
/// </summary>
internal sealed class FakeCallgrind : IProcessRunner
{
    public const long StartupInstructions = 290_000_000;
    public const string Valgrind = "/fake/valgrind";
    public const string Driver = "/fake/nvbench";

    private readonly object gate = new();

    public Dictionary<string, long> CostPerOp { get; } = new(StringComparer.Ordinal);

    /// <summary>A hot path whose driver exits 2 with a self-test line.</summary>
    public string? FailingId { get; init; }

    public List<(string File, IReadOnlyList<string> Args, IReadOnlyDictionary<string, string> Env)> Calls { get; } = [];

    public static DriverLauncher Launcher => new(Driver, []);

    public static string? Find(string name) => name switch
    {
        "valgrind" => Valgrind,
        _ => null,
    };

    public ProcessResult Run(ProcessRequest request, CancellationToken cancellationToken)
    {
        (string fileName, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment) = (request.FileName, request.Arguments, request.Environment);
        lock (gate)
        {
            Calls.Add((fileName, arguments, environment));
        }

        string id = arguments[^2];
        if (id == FailingId)
        {
            return new ProcessResult(2, "", $"nvbench: C walker self test: 'E-02 write without read at the PDE': expected Misconfigured (Nested), C says status 0 stage 0 at 0x0\n");
        }

        string output = arguments.Single(a => a.StartsWith("--callgrind-out-file=", StringComparison.Ordinal))["--callgrind-out-file=".Length..];
        long n = long.Parse(arguments[^1], CultureInfo.InvariantCulture);
        File.WriteAllText(output, string.Create(CultureInfo.InvariantCulture, $"events: Ir\nsummary: {StartupInstructions + (n * CostPerOp[id])}\n"));
        return new ProcessResult(0, "", "");
    }
}
