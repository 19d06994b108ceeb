using NestedVirt.Harness.Results;
using NestedVirt.Harness.Statistics;

namespace NestedVirt.Harness.History;

/// <summary>
/// One exact change of a stored instruction count between two consecutive runs in history.
/// </summary>
/// <param name="Id">Benchmark id.</param>
/// <param name="FromCommit">Commit label of the earlier run.</param>
/// <param name="ToCommit">Commit label of the later run.</param>
/// <param name="BasePerOp">Instructions per operation before.</param>
/// <param name="HeadPerOp">Instructions per operation after.</param>
public sealed record InstructionStep(string Id, string FromCommit, string ToCommit, double BasePerOp, double HeadPerOp);

/// <summary>
/// The deterministic channel of <c>history</c>: walks runs in commit order and reports every
/// change of a stored instruction count (<c>run --icount</c>) from one run to the next, exactly,
/// as <c>compare</c> does (<see cref="BenchmarkComparer.InstructionChange"/>); where the counting
/// setup changes it says so in one line instead of comparing.
/// </summary>
public sealed class InstructionHistory
{
    private readonly List<InstructionStep> steps = [];
    private readonly List<string> notes = [];
    private ResultsEnvelope? previous;

    /// <summary>Every change found, in history order.</summary>
    public IReadOnlyList<InstructionStep> Steps => steps;

    /// <summary>One line per place where counts could not be compared.</summary>
    public IReadOnlyList<string> Notes => notes;

    /// <summary>Adds the next run in history order (runs without counts are passed over).</summary>
    /// <param name="run">A run history keeps.</param>
    public void Add(ResultsEnvelope run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.InstructionCounts.Count == 0)
        {
            return;
        }

        if (previous is { } before)
        {
            string from = BenchmarkComparer.CommitLabel(before.Git), to = BenchmarkComparer.CommitLabel(run.Git);
            if (BenchmarkComparer.InstructionNote(before, run) is { } note)
            {
                notes.Add($"{from} -> {to}: {note}");
            }
            else
            {
                foreach (InstructionCount count in run.InstructionCounts)
                {
                    if (BenchmarkComparer.InstructionChange(before, run, count.Id) is { BaseValue: double b, HeadValue: double h })
                    {
                        steps.Add(new InstructionStep(count.Id, from, to, b, h));
                    }
                }
            }
        }

        previous = run;
    }
}
