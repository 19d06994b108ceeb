using System.Runtime.InteropServices;
using System.Globalization;
using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Processes;

namespace NestedVirt.Harness.Instructions;

/// <summary>
/// Runs one program under <c>valgrind --tool=callgrind</c> and returns its total instruction
/// count (Ir), read from the output file callgrind writes into a work folder.
/// </summary>
public sealed class CallgrindRunner
{
    private readonly string valgrind;
    private readonly IProcessRunner processes;
    private readonly string workDirectory;
    private readonly string? setarch;

    /// <summary>Creates the runner.</summary>
    /// <param name="valgrind">Path of the valgrind executable.</param>
    /// <param name="processes">Starts valgrind (under setarch).</param>
    /// <param name="workDirectory">Existing folder for the callgrind output files.</param>
    /// <param name="setarch">
    /// Path of util-linux <c>setarch</c>, or null. With it, valgrind runs under <c>setarch -R</c>
    /// (address-space randomisation off): vectorised copies and clears cost a number of
    /// instructions that depends on buffer alignment, so with randomised heap addresses the
    /// hypercall paths (256-byte messages) varied by ±0.6 % between runs; without
    /// randomisation two runs differed by under 0.002 % (measured on this project's machine).
    /// </param>
    public CallgrindRunner(string valgrind, IProcessRunner processes, string workDirectory, string? setarch = null)
    {
        this.valgrind = valgrind;
        this.processes = processes;
        this.workDirectory = workDirectory;
        this.setarch = setarch;
    }

    /// <summary>
    /// The environment of a counted .NET driver. Each variable removes a source of run-to-run or
    /// machine-to-machine variation in the count, or a valgrind-only distortion.
    /// </summary>
    public static IReadOnlyDictionary<string, string> DotnetEnvironment { get; } = new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        // One fully optimised compile per method: no tier-0 code, no call counting, no tier-up
        // on a background thread at a time that depends on the clock (model 05 §3).
        ["DOTNET_TieredCompilation"] = "0",
        // No PGO instrumentation or PGO-guided recompiles.
        ["DOTNET_TieredPGO"] = "0",
        // Under valgrind the JIT's code heap lands more than 2 GiB away from the runtime, the
        // JIT's rel32 call hint then trips a noway_assert while emitting, and the method is
        // silently recompiled with MinOpts (dotnet/runtime#100600). Measured on this machine:
        // 54 methods fell back to MinOpts and the 1-D EPT walk counted 1540 instead of 549
        // instructions. Without optional relocations every method stays FullOpts, as outside
        // valgrind (checked with DOTNET_JitDisasmSummary).
        ["DOTNET_JitEnableOptionalRelocs"] = "0",
        // No W^X double mapping of code pages: less valgrind work per compiled method, same code.
        ["DOTNET_EnableWriteXorExecute"] = "0",
        // No background GC thread: one thread fewer whose scheduling under valgrind's big lock
        // varies from run to run (the driver allocates nothing while it is counted anyway).
        ["DOTNET_gcConcurrent"] = "0",
        // The instruction sets the JIT may use, pinned to x86-64-v2 (SSE4.2, POPCNT): every
        // x86-64 CPU that runs .NET 10 has them, so the JIT emits the same code everywhere and
        // counts agree across CPU models. Measured here (N = 20,000, README "Deterministic
        // numbers"): under valgrind the JIT sees AVX2 but not AVX-512 (valgrind hides it), and
        // turning AVX2 off moved the 1-D EPT walk from 418.6 to 427.3 instructions, 128-bit
        // vectors moved the VMX relay from 1303 to 1351: a CPU without AVX2 would count other
        // numbers. In .NET 10 EnableAVX=0 also turns off AVX2, BMI1/2, LZCNT, FMA and AVX-512
        // (checked with the Isa.IsSupported properties); single knobs such as EnableBMI2 are
        // no longer honoured.
        ["DOTNET_EnableAVX"] = "0",
    };

    /// <summary>The instruction-set pin of <see cref="DotnetEnvironment"/>, recorded with every count.</summary>
    public const string IsaPin = "x86-64-v2 (DOTNET_EnableAVX=0)";

    /// <summary>Runs <paramref name="fileName"/> under callgrind.</summary>
    /// <param name="label">A file-name-safe name for the output file (unique within the work folder).</param>
    /// <param name="fileName">The program.</param>
    /// <param name="arguments">Its arguments.</param>
    /// <param name="environment">Extra environment variables.</param>
    /// <returns>The program's total instructions.</returns>
    /// <exception cref="HarnessException">The program failed under valgrind, or callgrind wrote no usable output.</exception>
    public long Count(string label, string fileName, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        string output = Path.Combine(workDirectory, label + ".callgrind.out");
        Execute(label, output, [], fileName, arguments, environment);
        return CallgrindOutput.ReadInstructions(output);
    }

    /// <summary>
    /// Runs <paramref name="fileName"/> under callgrind with a dump before every call of
    /// <paramref name="dumpBefore"/>: the instructions of each stretch between two such calls,
    /// counted on the calling thread only, in order (callgrind writes part <c>k</c> to
    /// <c>&lt;out&gt;.k-01</c> and zeroes its counters; what follows the last call is not returned).
    /// </summary>
    /// <param name="label">A file-name-safe name for the output files.</param>
    /// <param name="fileName">The program.</param>
    /// <param name="arguments">Its arguments.</param>
    /// <param name="environment">Extra environment variables.</param>
    /// <param name="dumpBefore">The function (callgrind pattern) whose calls mark the boundaries.</param>
    /// <param name="expectedParts">How many boundaries the program makes; any other number is an error, never a shifted count.</param>
    /// <returns>Instructions of parts 1 to <paramref name="expectedParts"/>.</returns>
    /// <exception cref="HarnessException">The program failed, or callgrind wrote another number of parts.</exception>
    public long[] CountParts(string label, string fileName, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, string dumpBefore, int expectedParts)
    {
        string output = Path.Combine(workDirectory, label + ".callgrind.out");
        // --separate-threads: a dump the marking (main) thread triggers writes that thread's counts
        // alone, to <out>.<k>-01; the runtime's other threads (GC, finalizer, timers) run at
        // times that depend on the clock and would make the windows differ from run to run.
        Execute(label, output, ["--dump-before=" + dumpBefore, "--separate-threads=yes"], fileName, arguments, environment);
        // Counted by name, not by a ".*" pattern: .NET's "name.*" also matches the final "name".
        int found = 0;
        while (File.Exists(PartFile(output, found + 1)))
        {
            found++;
        }

        if (found != expectedParts)
        {
            throw new HarnessException(string.Create(CultureInfo.InvariantCulture,
                $"callgrind run '{label}' wrote {found} part(s) for {expectedParts} mark(s): something else called {dumpBefore}, so the windows cannot be trusted"));
        }

        var parts = new long[expectedParts];
        for (int i = 0; i < expectedParts; i++)
        {
            parts[i] = CallgrindOutput.ReadInstructions(PartFile(output, i + 1));
        }

        return parts;
    }

    // Callgrind's name for part k of thread 1 (the process's first thread, which marks).
    private static string PartFile(string output, int part) =>
        string.Create(CultureInfo.InvariantCulture, $"{output}.{part}-01");

    private void Execute(string label, string output, IReadOnlyList<string> toolOptions, string fileName, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var all = new List<string>(arguments.Count + 4) { "--tool=callgrind", "--callgrind-out-file=" + output };
        all.AddRange(toolOptions);
        all.Add(fileName);
        all.AddRange(arguments);
        string program = valgrind;
        if (setarch is not null)
        {
            all.InsertRange(0, [MachineName(), "-R", valgrind]);
            program = setarch;
        }

        ProcessResult result = processes.Run(new ProcessRequest(program, all, workDirectory) { Environment = environment }, CancellationToken.None);
        if (!result.Succeeded)
        {
            throw new HarnessException(string.Create(CultureInfo.InvariantCulture,
                $"callgrind run '{label}' failed (exit code {result.ExitCode}): {result.LastLine()}"));
        }
    }

    // setarch's first argument is the architecture as uname -m prints it.
    private static string MachineName() => RuntimeInformation.OSArchitecture switch
    {
        Architecture.Arm64 => "aarch64",
        Architecture.X86 => "i686",
        _ => "x86_64",
    };
}
