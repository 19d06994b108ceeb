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

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> unless 1 &lt;= MinRounds &lt;= MaxRounds.</summary>
    public void Validate()
    {
        if (MinRounds < 1 || MaxRounds < MinRounds)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxRounds), $"rounds must satisfy 1 <= min ({MinRounds}) <= max ({MaxRounds})");
        }
    }
}
