using NestedVirt.Harness.Processes;

namespace NestedVirt.Harness.Tests.Commands;

/// <summary>An <see cref="IProcessRunner"/> that records calls and answers through a delegate.</summary>
internal sealed class FakeProcessRunner(Func<string, IReadOnlyList<string>, string, ProcessResult> answer) : IProcessRunner
{
    public List<(string FileName, IReadOnlyList<string> Arguments, string WorkingDirectory)> Calls { get; } = [];

    public ProcessResult Run(string fileName, IReadOnlyList<string> arguments, string workingDirectory, CancellationToken cancellationToken)
    {
        Calls.Add((fileName, arguments, workingDirectory));
        return answer(fileName, arguments, workingDirectory);
    }
}
