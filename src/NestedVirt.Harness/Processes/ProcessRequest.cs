namespace NestedVirt.Harness.Processes;

/// <summary>
/// One child process to run: the program, its arguments (passed without a shell), its working
/// folder, variables to add to the inherited environment, optional standard input, and an
/// optional time limit.
/// </summary>
/// <param name="FileName">Program to start (a path, or a name looked up on PATH).</param>
/// <param name="Arguments">Arguments, each passed verbatim.</param>
/// <param name="WorkingDirectory">Working folder of the child.</param>
public sealed record ProcessRequest(string FileName, IReadOnlyList<string> Arguments, string WorkingDirectory)
{
    private static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>();

    /// <summary>Variables added to (or replacing those of) this process's environment.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = None;

    /// <summary>Text written to the child's standard input before it is closed; null closes it at once.</summary>
    public string? Input { get; init; }

    /// <summary>Kill the child (and its children) after this long; null waits for ever.</summary>
    public TimeSpan? Timeout { get; init; }
}
