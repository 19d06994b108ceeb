using BenchmarkDotNet.Configs;
using BenchmarkDotNet.ConsoleArguments;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using NestedVirt.Harness.Cli;

namespace NestedVirt.Benchmarks.Running;

/// <summary>
/// Hands the options nvbench does not read itself to BenchmarkDotNet's own console parser
/// (<c>ConfigParser</c>, what <c>BenchmarkSwitcher</c> uses), with nvbench's job as the parser's
/// default job: job options such as <c>--iterationCount</c>, <c>--inProcess</c> or
/// <c>--runtimes</c> then change that job, as they change BenchmarkDotNet's Default job.
/// </summary>
public static class BenchmarkDotNetArguments
{
    /// <summary>Parses <paramref name="arguments"/> into a configuration holding exactly one job.</summary>
    /// <param name="arguments">BenchmarkDotNet options and their values, verbatim.</param>
    /// <param name="baseJob">nvbench's job for the run.</param>
    /// <returns>BenchmarkDotNet's configuration: the job, exporters, diagnosers, columns and options asked for.</returns>
    /// <exception cref="UsageException">BenchmarkDotNet refused a value (its first error, on one line), or the options ask for more than one job.</exception>
    public static IConfig Parse(IReadOnlyList<string> arguments, Job baseJob)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(baseJob);
        var log = new AccumulationLogger();
        IConfig global = ManualConfig.CreateEmpty().AddJob(baseJob.AsDefault());
        (bool parsed, IConfig config, _) = ConfigParser.Parse([.. arguments], log, global);
        if (!parsed)
        {
            throw new UsageException($"BenchmarkDotNet refused {string.Join(' ', arguments)}: {FirstError(log.GetLog())}");
        }

        int jobs = config.GetJobs().Count();
        if (jobs > 1)
        {
            throw new UsageException(
                $"{string.Join(' ', arguments)} asks for {jobs} jobs; a run stores one job: run once per runtime or job");
        }

        return config;
    }

    // CommandLineParser writes "ERROR(S):" then one indented line per error, then the help
    // screen; ConfigParser's own checks write a single line.
    private static string FirstError(string log)
    {
        string[] lines = log.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        int errors = Array.FindIndex(lines, l => l.StartsWith("ERROR(S)", StringComparison.Ordinal));
        if (errors >= 0 && errors + 1 < lines.Length)
        {
            return lines[errors + 1];
        }

        return lines.FirstOrDefault(l => !l.StartsWith("BenchmarkDotNet", StringComparison.Ordinal) && !l.StartsWith("Copyright", StringComparison.Ordinal))
            ?? "no reason given";
    }
}
