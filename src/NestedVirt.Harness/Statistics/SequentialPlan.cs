namespace NestedVirt.Harness.Statistics;

/// <summary>
/// How many rounds a sequential A/B session runs: at least <see cref="MinRounds"/>, then one
/// look at the data after every round up to <see cref="MaxRounds"/>, stopping at the first look
/// where every benchmark is decided. The family-wise alpha is split evenly over the looks
/// (<see cref="ComparisonOptions.Looks"/>), so stopping early cannot raise the false-alarm rate.
/// </summary>
/// <param name="MinRounds">Rounds before the first look (at least 1).</param>
/// <param name="MaxRounds">Most rounds (at least <see cref="MinRounds"/>).</param>
public readonly record struct SequentialPlan(int MinRounds, int MaxRounds)
{
    /// <summary>Looks at the data: MaxRounds - MinRounds + 1.</summary>
    public int Looks => MaxRounds - MinRounds + 1;

    /// <summary>
    /// ABBA order: odd rounds run A then B, even rounds B then A, so a linear drift of the
    /// machine (warming, load rising) adds the same to both sides over every two rounds.
    /// </summary>
    /// <param name="round">Round number from 1.</param>
    public static bool AFirst(int round) => round % 2 == 1;

    /// <summary>True when a look is due after <paramref name="round"/>.</summary>
    /// <param name="round">Round just finished, from 1.</param>
    public bool LookAfter(int round) => round >= MinRounds;

    /// <summary>
    /// Runs a side must have before a look with a shift in it may end the session early: 3. A
    /// shift needs the runs separated (<see cref="RoundAgreement"/>), and with no change k runs a
    /// side separate by chance with probability 2 / C(2k, k): 1/3 at two, 1/10 at three. A look
    /// where everything is "same" may stop at once; the last round always ends the session.
    /// </summary>
    public const int RunsBeforeAShiftStops = 3;

    /// <summary>True when the session may end after the look at <paramref name="round"/> whose benchmarks are all decided.</summary>
    /// <param name="round">Round just finished, from 1.</param>
    /// <param name="anyShift">Whether the look flagged any benchmark slower or faster.</param>
    public bool MayStopAfter(int round, bool anyShift) =>
        round >= MaxRounds || !anyShift || round >= RunsBeforeAShiftStops;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> unless 1 &lt;= MinRounds &lt;= MaxRounds.</summary>
    public void Validate()
    {
        if (MinRounds < 1 || MaxRounds < MinRounds)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxRounds), $"rounds must satisfy 1 <= min ({MinRounds}) <= max ({MaxRounds})");
        }
    }
}
