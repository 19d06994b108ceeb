using BenchmarkDotNet.Loggers;

namespace NestedVirt.Benchmarks.Running;

/// <summary>
/// Keeps BenchmarkDotNet's verbose log in a file and shows a person one line per case as it
/// starts, by its name (<c>[3/21] walk/ept/levels4/size4k/oned/cold</c>), so a long run shows
/// its progress in the names every other output uses.
/// </summary>
public sealed class ProgressLogger : ILogger, IDisposable
{
    private const string BenchmarkMarker = "// Benchmark: ";
    private readonly TextWriter progress;
    private readonly StreamWriter log;
    private readonly int total;
    private readonly IReadOnlyDictionary<string, string> names;
    private int started;

    /// <summary>Creates the logger.</summary>
    /// <param name="progress">Where progress lines go (the error writer, so stdout stays clean).</param>
    /// <param name="logPath">File for the full BenchmarkDotNet log.</param>
    /// <param name="total">Cases in the run.</param>
    /// <param name="names">Each case's name by its BenchmarkDotNet display text (<c>BenchmarkCase.DisplayInfo</c>).</param>
    public ProgressLogger(TextWriter progress, string logPath, int total, IReadOnlyDictionary<string, string>? names = null)
    {
        this.progress = progress;
        this.total = total;
        this.names = names ?? new Dictionary<string, string>();
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
        if (names.TryGetValue(name.Trim(), out string? known))
        {
            progress.WriteLine($"[{started}/{total}] {known}");
            return;
        }


        int jobAt = name.IndexOf(": ", StringComparison.Ordinal);
        int paramsAt = name.IndexOf('[');
        string shown = jobAt < 0 ? name : paramsAt > jobAt ? name[..jobAt] + " " + name[paramsAt..] : name[..jobAt];
        progress.WriteLine($"[{started}/{total}] {shown}");
    }
}
