namespace NestedVirt.Harness.Instructions;

/// <summary>
/// One hot path counted twice under callgrind: with N iterations and with 0. Everything but the
/// N operations (runtime start-up, JIT, fixture, warm-up, shutdown) is the same in both runs, so
/// the difference divided by N is the instructions of one operation, loop turn included.
/// </summary>
/// <param name="Id">Hot-path id, e.g. <c>walk.ept.1d.4l</c>.</param>
/// <param name="Iterations">N.</param>
/// <param name="InstructionsAtN">Callgrind's Ir total of the run with N iterations.</param>
/// <param name="InstructionsAtZero">Callgrind's Ir total of the run with 0 iterations.</param>
public sealed record IcountSample(string Id, long Iterations, long InstructionsAtN, long InstructionsAtZero)
{
    /// <summary>(Ir(N) − Ir(0)) / N.</summary>
    public double InstructionsPerOp => PerOperation(InstructionsAtN, InstructionsAtZero, Iterations);

    /// <summary>(<paramref name="atN"/> − <paramref name="atZero"/>) / <paramref name="iterations"/>.</summary>
    /// <param name="atN">Instructions of the run with <paramref name="iterations"/> operations.</param>
    /// <param name="atZero">Instructions of the same run with none.</param>
    /// <param name="iterations">N, at least 1.</param>
    /// <returns>Instructions per operation; negative only if the runs were not comparable.</returns>
    public static double PerOperation(long atN, long atZero, long iterations)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        return (atN - atZero) / (double)iterations;
    }
}
