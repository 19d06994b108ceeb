using System.Globalization;
using NestedVirt.Harness.Instructions;
using NestedVirt.Harness.Processes;

namespace NestedVirt.Harness.Tests.Instructions;

/// <summary>
/// Stands in for valgrind, cc and the compiled C walker: a "callgrind run" writes an output file
/// whose Ir is a fixed start-up cost plus N times the id's cost per operation.
/// </summary>
internal sealed class FakeCallgrind : IProcessRunner
{
    public const long StartupInstructions = 290_000_000;
    public const string Valgrind = "/fake/valgrind";
    public const string Compiler = "/fake/cc";
    public const string Driver = "/fake/nvbench";

    private readonly object gate = new();

    public Dictionary<string, long> CostPerOp { get; } = new(StringComparer.Ordinal);

    public long NativeCostPerOp { get; init; } = 300;

    public bool SelfTestFails { get; init; }

    public List<(string File, IReadOnlyList<string> Args, IReadOnlyDictionary<string, string> Env)> Calls { get; } = [];

    public static DriverLauncher Launcher => new(Driver, []);

    public static string? Find(string name) => name switch
    {
        "valgrind" => Valgrind,
        "cc" => Compiler,
        _ => null,
    };

    public ProcessResult Run(ProcessRequest request, CancellationToken cancellationToken)
    {
        (string fileName, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment) = (request.FileName, request.Arguments, request.Environment);
        lock (gate)
        {
            Calls.Add((fileName, arguments, environment));
        }

        if (fileName == Compiler)
        {
            return new ProcessResult(0, "", "");
        }

        if (fileName != Valgrind)
        {
            // The compiled C walker, run natively for its self test.
            return SelfTestFails ? new ProcessResult(1, "E-02 write without read status 0 (want 3)  WRONG\n", "") : new ProcessResult(0, "ok\n", "");
        }

        string output = arguments.Single(a => a.StartsWith("--callgrind-out-file=", StringComparison.Ordinal))["--callgrind-out-file=".Length..];
        string program = arguments[2];
        long n = long.Parse(arguments[^1], CultureInfo.InvariantCulture);
        long cost = program == Driver ? CostPerOp[arguments[^2]] : NativeCostPerOp;
        long startup = program == Driver ? StartupInstructions : 15_000_000;
        File.WriteAllText(output, string.Create(CultureInfo.InvariantCulture, $"events: Ir\nsummary: {startup + (n * cost)}\n"));
        return new ProcessResult(0, "", "");
    }
}
