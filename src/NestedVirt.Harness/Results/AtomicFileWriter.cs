using System.Security.Cryptography;

namespace NestedVirt.Harness.Results;

/// <summary>
/// Writes a file so that readers see either nothing or the whole file, and never replaces an
/// existing one: the bytes go to a hidden temporary file in the destination folder, are flushed
/// to disk, and the temporary file is then moved to the first free name. Any failure deletes the
/// temporary file.
/// </summary>
internal static class AtomicFileWriter
{
    /// <summary>How many numbered names are tried before giving up.</summary>
    internal const int MaxAttempts = 1000;

    /// <summary>Writes the content and returns the full path it ended up at.</summary>
    /// <param name="directory">An existing folder.</param>
    /// <param name="nameForAttempt">File name for attempt 1, 2, ...; attempt 1 also names the temporary file.</param>
    /// <param name="write">Writes the content; must not close the stream.</param>
    /// <param name="wrapStream">Optional wrapper around the file stream (tests inject failures with it).</param>
    /// <returns>The final path.</returns>
    /// <exception cref="IOException">Writing failed, or every name was taken.</exception>
    public static string Write(
        string directory, Func<int, string> nameForAttempt, Action<Stream> write, Func<Stream, Stream>? wrapStream = null)
    {
        string tempPath = Path.Combine(directory, $".{nameForAttempt(1)}{ResultsFileName.TemporaryMarker}{RandomSuffix()}");
        try
        {
            using (var file = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                Stream target = wrapStream?.Invoke(file) ?? file;
                write(target);
                target.Flush();
                file.Flush(flushToDisk: true);
            }

            return MoveToFreeName(tempPath, directory, nameForAttempt);
        }
        catch
        {
            TryDelete(tempPath);
            throw;
        }
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

    private static string RandomSuffix() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: the name starts with '.' and contains ".tmp-", so readers skip it.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}
