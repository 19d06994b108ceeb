using System.Diagnostics;
using System.Globalization;
using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Lifecycle;
using NestedVirt.Harness.Processes;

namespace NestedVirt.Harness.Instructions;

/// <summary>
/// Counts instructions per operation: every hot path under callgrind at N and at 0 iterations
/// (<c>nvbench drive</c>), and the C reference walkers the same way, through the same driver,
/// when they were built. A missing valgrind is a skip, not a failure; so are missing C walkers.
/// </summary>
public sealed class IcountRunner
{
    private readonly IProcessRunner processes;
    private readonly Func<string, string?> findExecutable;
    private readonly DriverLauncher? driver;
    private readonly TextWriter progress;
    private readonly object progressLock = new();
    private readonly Interruption interruption;
    private readonly string? temporaryRoot;

    /// <summary>Creates the runner.</summary>
    /// <param name="processes">Starts valgrind.</param>
    /// <param name="findExecutable">Finds <c>valgrind</c> and <c>setarch</c> on PATH (null when absent).</param>
    /// <param name="driver">How to start <c>nvbench drive</c>; null when unknown (counting then fails with a message).</param>
    /// <param name="progress">One line per finished run.</param>
    /// <param name="interruption">Removes the work folder on a signal; the process's by default.</param>
    /// <param name="temporaryRoot">Where the work folder goes; TMPDIR when null.</param>
    public IcountRunner(IProcessRunner processes, Func<string, string?> findExecutable, DriverLauncher? driver, TextWriter progress, Interruption? interruption = null, string? temporaryRoot = null)
    {
        this.interruption = interruption ?? Interruption.Current;
        this.temporaryRoot = temporaryRoot;
        this.processes = processes;
        this.findExecutable = findExecutable;
        this.driver = driver;
        this.progress = progress;
    }

    /// <summary>Counts everything <paramref name="options"/> asks for.</summary>
    /// <param name="options">Ids, N, repeats, parallel jobs, C walkers.</param>
    /// <returns>The report; <see cref="IcountReport.Skipped"/> set when valgrind is absent.</returns>
    /// <exception cref="HarnessException">A driver failed (a C walker failing its self test included).</exception>
    public IcountReport Run(IcountOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Iterations, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Repeat, 1);
        string? valgrind = findExecutable("valgrind");
        if (valgrind is null)
        {
            return new IcountReport
            {
                Skipped = "valgrind not found on PATH (Debian package valgrind)",
                Runtime = InstructionMachine.Runtime,
                Cpu = InstructionMachine.Cpu,
                Iterations = options.Iterations,
            };
        }

        if (driver is null)
        {
            throw new HarnessException("cannot find the running nvbench executable to start 'nvbench drive'");
        }

        // A TemporaryFolder: removed at the end, on a signal, and by the next run after a SIGKILL.
        TemporaryFolder workFolder = TemporaryFolder.Create("icount", interruption, temporaryRoot);
        string work = workFolder.Path;
        try
        {
            var callgrind = new CallgrindRunner(valgrind, processes, work, findExecutable("setarch"));
            string? nativeSkipped = options.NativeIds.Count == 0 ? "not asked for" : options.NativeSkipped;
            IReadOnlyList<string> nativeIds = nativeSkipped is null ? options.NativeIds : [];

            if (options.OneProcess)
            {
                return new IcountReport
                {
                    Runtime = InstructionMachine.Runtime,
                    Cpu = InstructionMachine.Cpu,
                    Iterations = options.Iterations,
                    Environment = CallgrindRunner.DotnetEnvironment,
                    Samples = CountInOneProcess(options, callgrind),
                    NativeSkipped = "not counted in one-process mode",
                };
            }

            var runs = new List<CallgrindJob>();
            for (int r = 0; r < options.Repeat; r++)
            {
                foreach (string id in (IEnumerable<string>)[.. options.HotPathIds, .. nativeIds])
                {
                    int perIteration = Math.Max(1, options.OperationsPerIteration?.Invoke(id) ?? 1);
                    long calls = Math.Max(1, options.Iterations / perIteration);
                    runs.Add(new CallgrindJob(id, r, calls, driver.FileName, driver.Arguments(id, calls), CallgrindRunner.DotnetEnvironment) { Operations = calls * perIteration });
                    runs.Add(new CallgrindJob(id, r, 0, driver.FileName, driver.Arguments(id, 0), CallgrindRunner.DotnetEnvironment));
                }
            }

            var counts = new long[runs.Count];
            try
            {
                Parallel.For(0, runs.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Jobs) }, i =>
                {
                    CallgrindJob run = runs[i];
                    var clock = Stopwatch.StartNew();
                    counts[i] = callgrind.Count(run.Label, run.FileName, run.Arguments, run.Environment);
                    lock (progressLock)
                    {
                        progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"icount: {run.Id} N={run.Iterations}: {counts[i]:N0} Ir ({clock.Elapsed.TotalSeconds:0.0} s)"));
                    }
                });
            }
            catch (AggregateException e) when (e.InnerExceptions.OfType<HarnessException>().FirstOrDefault() is { } first)
            {
                // One line for the user, as from a sequential run: the first failed driver.
                throw first;
            }

            var samples = new List<IcountSample>();
            var native = new List<IcountSample>();
            foreach (string id in (IEnumerable<string>)[.. options.HotPathIds, .. nativeIds])
            {
                for (int r = 0; r < options.Repeat; r++)
                {
                    int atN = runs.FindIndex(x => x.Id == id && x.Repeat == r && x.Iterations > 0);
                    int atZero = runs.FindIndex(x => x.Id == id && x.Repeat == r && x.Iterations == 0);
                    if (atN < 0 || atZero < 0)
                    {
                        continue;
                    }

                    var sample = new IcountSample(id, runs[atN].Operations, counts[atN], counts[atZero]);
                    (nativeIds.Contains(id) ? native : samples).Add(sample);
                }
            }

            return new IcountReport
            {
                Runtime = InstructionMachine.Runtime,
                Cpu = InstructionMachine.Cpu,
                Iterations = options.Iterations,
                Environment = CallgrindRunner.DotnetEnvironment,
                Samples = samples,
                Native = native,
                NativeSkipped = nativeSkipped,
            };
        }
        finally
        {
            workFolder.Dispose();
        }
    }

    /// <summary>Part files per case in <c>drive --marked</c>: prepare, calls, 2 x calls.</summary>
    public const int PartsPerCase = 3;

    // One callgrind process per repeat; case k's parts are 3k+1 (prepare), 3k+2 (CALLS calls) and
    // 3k+3 (2 x CALLS calls). Their difference is CALLS calls: the window's fixed cost cancels.
    private List<IcountSample> CountInOneProcess(IcountOptions options, CallgrindRunner callgrind)
    {
        var cases = new List<(string Id, long Calls)>();
        var operations = new List<long>();
        foreach (string id in options.HotPathIds)
        {
            int perIteration = Math.Max(1, options.OperationsPerIteration?.Invoke(id) ?? 1);
            long calls = Math.Max(1, options.Iterations / perIteration);
            cases.Add((id, calls));
            operations.Add(calls * perIteration);
        }

        // Repeats are independent processes: run them side by side (Jobs), report them in order.
        var repeats = new List<IcountSample>[options.Repeat];
        try
        {
            Parallel.For(0, options.Repeat, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Jobs) }, r =>
            {
                var clock = Stopwatch.StartNew();
                long[] parts = callgrind.CountParts(
                    string.Create(CultureInfo.InvariantCulture, $"marked.r{r}"),
                    driver!.FileName,
                    driver.MarkedArguments(cases),
                    CallgrindRunner.DotnetEnvironment,
                    "*" + MarkFunction,
                    PartsPerCase * cases.Count);
                var samples = new List<IcountSample>(cases.Count);
                lock (progressLock)
                {
                    for (int k = 0; k < cases.Count; k++)
                    {
                        var sample = new IcountSample(cases[k].Id, operations[k], parts[(PartsPerCase * k) + 2], parts[(PartsPerCase * k) + 1]);
                        samples.Add(sample);
                        progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"icount: {sample.Id}: {sample.InstructionsPerOp:0.0#####} Ir/op ({parts[(PartsPerCase * k) + 1]:N0} Ir for {cases[k].Calls} call(s), {parts[(PartsPerCase * k) + 2]:N0} for twice as many)"));
                    }

                    progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"icount: {cases.Count} case(s) in one callgrind process ({clock.Elapsed.TotalSeconds:0.0} s)"));
                }

                repeats[r] = samples;
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.OfType<HarnessException>().FirstOrDefault() is { } first)
        {
            throw first;
        }

        // Ids in order, the repeats of one id together (IcountReport.Samples).
        var ordered = new List<IcountSample>(cases.Count * options.Repeat);
        for (int k = 0; k < cases.Count; k++)
        {
            foreach (List<IcountSample> repeat in repeats)
            {
                ordered.Add(repeat[k]);
            }
        }

        return ordered;
    }

    /// <summary>The libc function <c>drive --marked</c> calls at every boundary (a pattern: glibc may name it <c>__getppid</c>).</summary>
    public const string MarkFunction = "getppid";


    private sealed record CallgrindJob(string Id, int Repeat, long Iterations, string FileName, IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string> Environment)
    {
        /// <summary>Operations the run performs (Iterations times the id's operations per iteration).</summary>
        public long Operations { get; init; } = Iterations;

        // Benchmark ids hold characters a file name should not: keep letters and digits.
        public string Label => string.Create(CultureInfo.InvariantCulture, $"{new string([.. Id.Select(c => char.IsAsciiLetterOrDigit(c) || c == '.' ? c : '_')])}.r{Repeat}.n{Iterations}");
    }
}
