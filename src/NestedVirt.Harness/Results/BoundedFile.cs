namespace NestedVirt.Harness.Results;

/// <summary>
/// Reads a whole file the user named, but never more than a limit: <c>compare /dev/zero</c> once
/// read until the process ran out of memory. Works for regular files and for pipes
/// (<c>compare &lt;(zcat a.json.gz) b.json</c>); a folder, a missing file and an oversized one are
/// statuses, so each caller can say in one line what the file should have been.
/// </summary>
public static class BoundedFile
{
    /// <summary>
    /// The default limit, 64 MiB. A quick run's results file is about 0.5 MB and a full run's a
    /// few MB (BenchmarkDotNet's full JSON dominates), so this leaves two orders of magnitude of
    /// room while keeping a hostile file far from exhausting memory.
    /// </summary>
    public const long DefaultLimitBytes = 64L << 20;

    /// <summary>Reads <paramref name="path"/> up to <paramref name="limitBytes"/> bytes.</summary>
    /// <param name="path">The file as the user named it.</param>
    /// <param name="limitBytes">Most bytes accepted; one more makes the read <see cref="BoundedReadStatus.TooLarge"/>.</param>
    /// <returns>The bytes, or why there are none.</returns>
    public static BoundedRead Read(string path, long limitBytes = DefaultLimitBytes)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limitBytes);
        if (Directory.Exists(path))
        {
            return new BoundedRead(BoundedReadStatus.Folder, [], null);
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
            if (stream.CanSeek && stream.Length > limitBytes)
            {
                return new BoundedRead(BoundedReadStatus.TooLarge, [], null);
            }

            return ReadUpTo(stream, limitBytes);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return new BoundedRead(BoundedReadStatus.Missing, [], null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new BoundedRead(BoundedReadStatus.Unreadable, [], ex.Message);
        }
    }

    /// <summary>"64 MiB": the limit as people read it.</summary>
    /// <param name="limitBytes">A limit in bytes.</param>
    public static string Describe(long limitBytes) =>
        limitBytes % (1L << 20) == 0 ? $"{limitBytes >> 20} MiB" : $"{limitBytes} bytes";

    // Devices and pipes have no length: read in chunks and stop one byte past the limit.
    private static BoundedRead ReadUpTo(Stream stream, long limitBytes)
    {
        var buffer = new MemoryStream();
        byte[] chunk = new byte[1 << 16];
        while (true)
        {
            int wanted = (int)Math.Min(chunk.Length, limitBytes + 1 - buffer.Length);
            int read = stream.Read(chunk, 0, wanted);
            if (read == 0)
            {
                return new BoundedRead(BoundedReadStatus.Ok, buffer.ToArray(), null);
            }

            buffer.Write(chunk, 0, read);
            if (buffer.Length > limitBytes)
            {
                return new BoundedRead(BoundedReadStatus.TooLarge, [], null);
            }
        }
    }
}
