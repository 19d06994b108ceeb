using NestedVirt.Harness.Statistics;

namespace NestedVirt.Benchmarks.Canary;

/// <summary>
/// One canary comparison run the way <c>ab</c> runs two revisions: rounds of one baseline side
/// and one candidate side in ABBA order, samples pooled per side, a look after every round from
/// the plan's minimum on, and a stop as soon as the verdict is decided or the rounds run out.
/// </summary>
public static class CanarySession
{
    /// <summary>Runs the session.</summary>
    /// <param name="sample">Samples one side given its slowdown percent.</param>
    /// <param name="candidateSlowdown">The candidate's slowdown (0 for A/A).</param>
    /// <param name="plan">Minimum and maximum rounds.</param>
    /// <param name="options">The verdict's options; its looks are set from the plan.</param>
    /// <returns>The verdict at the stopping look and the rounds it took.</returns>
    public static (SampleComparison Comparison, int Rounds) Run(Func<int, double[]> sample, int candidateSlowdown, SequentialPlan plan, ComparisonOptions options)
    {
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentNullException.ThrowIfNull(options);
        plan.Validate();
        ComparisonOptions sequential = options with { Looks = plan.Looks };
        var baseline = new List<double>();
        var candidate = new List<double>();
        var baseMedians = new List<double>();
        var candidateMedians = new List<double>();
        SampleComparison comparison = default;
        for (int round = 1; round <= plan.MaxRounds; round++)
        {
            double[] baseRound, candidateRound;
            if (SequentialPlan.AFirst(round))
            {
                baseRound = sample(0);
                candidateRound = sample(candidateSlowdown);
            }
            else
            {
                candidateRound = sample(candidateSlowdown);
                baseRound = sample(0);
            }

            baseline.AddRange(baseRound);
            candidate.AddRange(candidateRound);
            baseMedians.Add(RoundAgreement.RunMedian(baseRound));
            candidateMedians.Add(RoundAgreement.RunMedian(candidateRound));
            if (!plan.LookAfter(round))
            {
                continue;
            }

            // As ab decides: the pooled verdict, then the runs' medians must be separated in its direction.
            comparison = RoundAgreement.Apply(TwoSampleComparer.Compare(baseline, candidate, sequential), baseMedians, candidateMedians);
            bool shift = comparison.Verdict is ComparisonVerdict.Slower or ComparisonVerdict.Faster;
            if ((comparison.Decided && plan.MayStopAfter(round, shift)) || round == plan.MaxRounds)
            {
                return (comparison, round);
            }
        }

        return (comparison, plan.MaxRounds);
    }
}
