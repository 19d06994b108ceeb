using System.Globalization;
using NestedVirt.Harness.Results;

namespace NestedVirt.Harness.Index;

/// <summary>
/// Lists the results files the index covers: <c>&lt;root&gt;/&lt;machine&gt;/&lt;time&gt;-&lt;commit&gt;....json</c>,
/// machine folders not hidden, files neither hidden nor temporary and named as
/// <see cref="ResultsFileName"/> names runs (a UTC time first), so the gate's
/// <c>baseline/ci-baseline.json</c> and the index's own files are not runs.
/// </summary>
internal static class IndexScanner
{
    /// <summary>Every run file under <paramref name="resultsRoot"/> with its size and time; empty when the folder is missing.</summary>
    /// <param name="resultsRoot">The results folder.</param>
    public static List<IndexedFile> Scan(string resultsRoot)
    {
        var files = new List<IndexedFile>();
        if (!Directory.Exists(resultsRoot))
        {
            return files;
        }

        foreach (DirectoryInfo machine in new DirectoryInfo(resultsRoot).EnumerateDirectories())
        {
            if (machine.Name.StartsWith('.'))
            {
                continue;
            }

            foreach (FileInfo file in machine.EnumerateFiles("*" + ResultsFileName.Extension))
            {
                if (IsRunFileName(file.Name))
                {
                    files.Add(new IndexedFile($"{machine.Name}/{file.Name}", file.Length, file.LastWriteTimeUtc.Ticks));
                }
            }
        }

        return files;
    }

    /// <summary>Whether a bare file name is a stored run: <c>yyyyMMddTHHmmssZ-...json</c>, not hidden or temporary.</summary>
    /// <param name="fileName">The file name.</param>
    public static bool IsRunFileName(string fileName) =>
        ResultsFileName.IsStoredRun(fileName)
        && fileName.Length > 17
        && fileName[16] == '-'
        && DateTime.TryParseExact(fileName.AsSpan(0, 16), "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
}
