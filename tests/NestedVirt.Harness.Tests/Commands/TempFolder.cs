using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Results;

namespace NestedVirt.Harness.Tests.Commands;

/// <summary>A fresh folder under the system temp folder, deleted on dispose; the repository root of the verbs it runs.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "nvbench-tests-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>The verbs' default results folder, <c>results/</c> under <see cref="Path"/>.</summary>
    public string ResultsRoot => System.IO.Path.Combine(Path, "results");

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Writes an envelope as the results store would, but under a chosen name.</summary>
    public string Save(string name, ResultsEnvelope envelope)
    {
        string path = File(name);
        System.IO.File.WriteAllText(path, ResultsJson.Serialize(envelope), ResultsJson.Utf8);
        return path;
    }

    public (CommandContext Context, StringWriter Out, StringWriter Error) Context()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        return (new CommandContext(output, error, Path), output, error);
    }

    /// <summary>Runs a verb through the dispatcher, so errors come out as <c>nvbench: message</c> and an exit code, as on the command line.</summary>
    public (int Exit, string Out, string Error) Dispatch(ICommand command, params string[] args)
    {
        (CommandContext context, StringWriter output, StringWriter error) = Context();
        int exit = new CommandDispatcher([command]).Run([command.Name, .. args], context);
        return (exit, output.ToString(), error.ToString());
    }

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
