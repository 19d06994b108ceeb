using BenchmarkDotNet.Loggers;

namespace NestedVirt.Benchmarks.Running;

/// <summary>
/// Keeps BenchmarkDotNet's verbose log in a file and shows a person one line per case as it
/// starts (<c>[3/21] NestedWalk.Walk: Format=Ept, ...</c>), so a long run shows its progress.
/// </summary>
public sealed class ProgressLogger : ILogger, IDisposable
{
    private const string BenchmarkMarker = "// Benchmark: ";
    private readonly TextWriter progress;
    private readonly StreamWriter log;
    private readonly int total;
    private int started;

    /// <summary>Creates the logger.</summary>
    /// <param name="progress">Where progress lines go (the error writer, so stdout stays clean).</param>
    /// <param name="logPath">File for the full BenchmarkDotNet log.</param>
    /// <param name="total">Cases in the run.</param>
    public ProgressLogger(TextWriter progress, string logPath, int total)
    {
        this.progress = progress;
        this.total = total;
        log = new StreamWriter(logPath);
    }

    /// <inheritdoc/>
    public string Id => "NestedVirt.Progress";

    /// <inheritdoc/>
    public int Priority => 0;

    /// <inheritdoc/>
    public void Write(LogKind logKind, string text)
    {
        log.Write(text);
        Watch(text);
    }

    /// <inheritdoc/>
    public void WriteLine()
    {
        log.WriteLine();
    }

    /// <inheritdoc/>
    public void WriteLine(LogKind logKind, string text)
    {
        log.WriteLine(text);
        Watch(text);
    }

    /// <inheritdoc/>
    public void Flush() => log.Flush();

    /// <inheritdoc/>
    public void Dispose() => log.Dispose();

    private void Watch(string text)
    {
        if (!text.StartsWith(BenchmarkMarker, StringComparison.Ordinal))
            return;
        started++;
        string name = text[BenchmarkMarker.Length..];
        int jobAt = name.IndexOf(": ", StringComparison.Ordinal);
        int paramsAt = name.IndexOf('[');
        string shown = jobAt < 0 ? name : paramsAt > jobAt ? name[..jobAt] + " " + name[paramsAt..] : name[..jobAt];
        progress.WriteLine($"[{started}/{total}] {shown}");
    }
}
