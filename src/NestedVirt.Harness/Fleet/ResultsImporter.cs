using System.Formats.Tar;
using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Index;
using NestedVirt.Harness.Results;

namespace NestedVirt.Harness.Fleet;

/// <summary>
/// Copies results files from elsewhere (another machine's results folder, a copied file, a
/// results branch) into this results folder, under <c>&lt;machine-id&gt;/</c> as the file's own
/// envelope names it. Each file is checked as every reader checks it before anything is written,
/// copied byte for byte (old-format files stay old-format) and written atomically; a file already
/// there is skipped, and a name taken by different bytes keeps both (the newcomer gets
/// <c>-2</c>, <c>-3</c>, ...). Nothing in the results folder is ever replaced.
/// </summary>
public sealed class ResultsImporter(string resultsRoot)
{
    private int imported;
    private int present;
    private int renamed;
    private readonly List<string> rejected = [];

    /// <summary>The report so far.</summary>
    public ImportReport Report => new(imported, present, renamed, rejected);

    /// <summary>Imports a results file, or every run file under a folder.</summary>
    /// <param name="path">A file or folder.</param>
    /// <exception cref="HarnessException">The path does not exist.</exception>
    public void ImportPath(string path)
    {
        if (File.Exists(path))
        {
            Import(Path.GetFileName(path), File.ReadAllBytes(path), path);
            return;
        }

        if (!Directory.Exists(path))
        {
            throw new HarnessException($"import: '{path}' is neither a results file nor a folder");
        }

        var files = new List<string>();
        foreach (string file in Directory.EnumerateFiles(path, "*" + ResultsFileName.Extension, SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(path, file);
            if (IndexScanner.IsRunFileName(Path.GetFileName(file)) && !relative.Split(Path.DirectorySeparatorChar).Any(static p => p.StartsWith('.')))
            {
                files.Add(file);
            }
        }

        files.Sort(StringComparer.Ordinal);
        foreach (string file in files)
        {
            Import(Path.GetFileName(file), File.ReadAllBytes(file), file);
        }
    }

    /// <summary>Imports every run file in a tar archive (as <c>git archive</c> writes a results branch).</summary>
    /// <param name="archive">The tar stream.</param>
    /// <param name="label">How messages name the source, e.g. <c>origin/nvbench-results</c>.</param>
    public void ImportTar(Stream archive, string label)
    {
        using var reader = new TarReader(archive);
        while (reader.GetNextEntry() is { } entry)
        {
            string name = Path.GetFileName(entry.Name);
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null || !IndexScanner.IsRunFileName(name))
            {
                continue;
            }

            using var buffer = new MemoryStream();
            entry.DataStream.CopyTo(buffer);
            Import(name, buffer.ToArray(), $"{label}:{entry.Name}");
        }
    }

    private void Import(string fileName, byte[] bytes, string source)
    {
        string machine;
        try
        {
            machine = ResultsReader.Read(bytes, source, unpackReports: false, static (_, envelope) => envelope.MachineId);
            ResultsFileName.ValidateMachineId(machine);
        }
        catch (HarnessException ex)
        {
            rejected.Add(HarnessException.OneLine(ex.Message));
            return;
        }

        string folder = Path.Combine(resultsRoot, machine);
        Directory.CreateDirectory(folder);
        string baseName = Path.GetFileNameWithoutExtension(fileName);
        for (int attempt = 1; attempt <= AtomicFileWriter.MaxAttempts; attempt++)
        {
            string candidate = Path.Combine(folder, ResultsFileName.WithSuffix(baseName, attempt));
            if (!File.Exists(candidate))
            {
                break;
            }

            if (File.ReadAllBytes(candidate).AsSpan().SequenceEqual(bytes))
            {
                present++;
                return;
            }
        }

        string written = AtomicFileWriter.Write(folder, attempt => ResultsFileName.WithSuffix(baseName, attempt), stream => stream.Write(bytes));
        if (Path.GetFileNameWithoutExtension(written) == baseName)
        {
            imported++;
        }
        else
        {
            renamed++;
        }
    }
}
