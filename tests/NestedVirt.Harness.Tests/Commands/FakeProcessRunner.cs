using NestedVirt.Harness.Processes;

namespace NestedVirt.Harness.Tests.Commands;

/// <summary>
/// An <see cref="IProcessRunner"/> that records calls and answers through a delegate; git calls
/// go to <paramref name="git"/> when one is given.
/// </summary>
internal sealed class FakeProcessRunner(
    Func<string, IReadOnlyList<string>, string, ProcessResult> answer,
    Func<IReadOnlyList<string>, string, ProcessResult>? git = null) : IProcessRunner
{
    public List<(string FileName, IReadOnlyList<string> Arguments, string WorkingDirectory)> Calls { get; } = [];

    public ProcessResult Run(ProcessRequest request, CancellationToken cancellationToken)
    {
        if (git is not null && request.IsGit())
        {
            return git(request.Arguments, request.WorkingDirectory);
        }

        Calls.Add((request.FileName, request.Arguments, request.WorkingDirectory));
        return answer(request.FileName, request.Arguments, request.WorkingDirectory);
    }
}
