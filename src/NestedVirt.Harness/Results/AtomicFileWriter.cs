using NestedVirt.Harness.Lifecycle;

namespace NestedVirt.Harness.Results;

/// <summary>
/// Writes a file so that readers see either nothing or the whole file: the bytes go to a hidden
/// temporary file in the destination folder (<see cref="TemporaryFileName"/>), are flushed to
/// disk, and the temporary file is then moved into place. Any failure, and a signal arriving
/// meanwhile (<see cref="Interruption"/>), deletes the temporary file; after a SIGKILL the next
/// run does (<see cref="Leftovers"/>).
/// </summary>
internal static class AtomicFileWriter
{
    /// <summary>How many numbered names are tried before giving up.</summary>
    internal const int MaxAttempts = 1000;

    /// <summary>Writes the content under the first free name and returns the full path it ended up at; never replaces a file.</summary>
    /// <param name="directory">An existing folder.</param>
    /// <param name="nameForAttempt">File name for attempt 1, 2, ...; attempt 1 also names the temporary file.</param>
    /// <param name="write">Writes the content; must not close the stream.</param>
    /// <param name="wrapStream">Optional wrapper around the file stream (tests inject failures with it).</param>
    /// <param name="interruption">Deletes the temporary file on a signal; the process's by default.</param>
    /// <returns>The final path.</returns>
    /// <exception cref="IOException">Writing failed, or every name was taken.</exception>
    public static string Write(
        string directory, Func<int, string> nameForAttempt, Action<Stream> write, Func<Stream, Stream>? wrapStream = null, Interruption? interruption = null)
    {
        string tempPath = Path.Combine(directory, TemporaryFileName.For(nameForAttempt(1)));
        using Cleanup cleanup = (interruption ?? Interruption.Current).OnInterrupt($"temporary file {tempPath}", () => File.Delete(tempPath));
        WriteTemporary(tempPath, write, wrapStream);
        return MoveToFreeName(tempPath, directory, nameForAttempt);
    }

    /// <summary>Writes the content to <paramref name="path"/>, atomically replacing any file there (rename(2)).</summary>
    /// <param name="path">The destination; its folder must exist.</param>
    /// <param name="write">Writes the content; must not close the stream.</param>
    /// <param name="wrapStream">Optional wrapper around the file stream (tests inject failures with it).</param>
    /// <param name="interruption">Deletes the temporary file on a signal; the process's by default.</param>
    /// <exception cref="IOException">Writing or renaming failed (the old file is untouched).</exception>
    public static void Replace(string path, Action<Stream> write, Func<Stream, Stream>? wrapStream = null, Interruption? interruption = null)
    {
        string tempPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, TemporaryFileName.For(Path.GetFileName(path)));
        using Cleanup cleanup = (interruption ?? Interruption.Current).OnInterrupt($"temporary file {tempPath}", () => File.Delete(tempPath));
        WriteTemporary(tempPath, write, wrapStream);
        File.Move(tempPath, path, overwrite: true);
    }

    // Disposing the cleanup on every path deletes the temporary file unless it was moved.
    private static void WriteTemporary(string tempPath, Action<Stream> write, Func<Stream, Stream>? wrapStream)
    {
        using var file = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        FaultPoint.Reach(FaultPoint.ResultsWrite);
        Stream target = wrapStream?.Invoke(file) ?? file;
        write(target);
        target.Flush();
        file.Flush(flushToDisk: true);
    }

    private static string MoveToFreeName(string tempPath, string directory, Func<int, string> nameForAttempt)
    {
        for (int attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            string candidate = Path.Combine(directory, nameForAttempt(attempt));
            if (NoReplaceMove.TryMove(tempPath, candidate))
            {
                return candidate;
            }
        }

        throw new IOException($"no free file name after {MaxAttempts} attempts");
    }
}
