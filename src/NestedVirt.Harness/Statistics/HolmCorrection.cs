namespace NestedVirt.Harness.Statistics;

/// <summary>
/// Holm's step-down correction (Holm 1979, "A simple sequentially rejective multiple test
/// procedure"): controls the probability of any false rejection among a family of hypotheses
/// at alpha, with no assumption on how the tests depend on each other, and rejects at least
/// what Bonferroni rejects.
/// </summary>
public static class HolmCorrection
{
    /// <summary>
    /// Holm-adjusted p-values, in the input order: sort ascending, multiply the i-th smallest
    /// (from 0) by (L - i), keep the running maximum, cap at 1. Reject where adjusted &lt;= alpha.
    /// </summary>
    /// <param name="pValues">Raw p-values in [0, 1].</param>
    public static double[] Adjust(IReadOnlyList<double> pValues)
    {
        ArgumentNullException.ThrowIfNull(pValues);
        int count = pValues.Count;
        int[] order = new int[count];
        for (int i = 0; i < count; i++)
        {
            if (!(pValues[i] >= 0 && pValues[i] <= 1))
            {
                throw new ArgumentOutOfRangeException(nameof(pValues), pValues[i], "p-values must be in [0, 1]");
            }

            order[i] = i;
        }

        // Stable order: equal p-values keep their input order, so results do not depend on sorting.
        Array.Sort(order, (a, b) => pValues[a] != pValues[b] ? pValues[a].CompareTo(pValues[b]) : a.CompareTo(b));
        double[] adjusted = new double[count];
        double running = 0;
        for (int i = 0; i < count; i++)
        {
            running = Math.Max(running, Math.Min(1, (count - i) * pValues[order[i]]));
            adjusted[order[i]] = running;
        }

        return adjusted;
    }
}
