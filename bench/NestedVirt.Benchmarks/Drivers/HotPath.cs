namespace NestedVirt.Benchmarks.Drivers;

/// <summary>
/// One headline hot path the instruction counter drives: a permanent id, a fixture built once,
/// and a loop that runs the operation N times. <see cref="Prepare"/> runs the operation over its
/// whole input once, so the JIT has compiled every method and first-touch effects (accessed
/// bits set in the tables) are paid before counting starts: a run with N iterations and a run
/// with 0 then differ by exactly N operations and N loop turns.
/// </summary>
public abstract class HotPath
{
    /// <summary>Permanent id, e.g. <c>walk.ept.1d.4l</c>. Baselines and README tables key on it: never rename.</summary>
    public abstract string Id { get; }

    /// <summary>One line for listings and help.</summary>
    public abstract string Description { get; }

    /// <summary>
    /// Does the work before the fixture that is not the fixture (reflection, delegates), so that
    /// <see cref="Prepare"/> allocates the fixture alone (<c>drive --marked</c> aligns the heap
    /// between the two). Nothing by default; <see cref="Prepare"/> calls it when it was not called.
    /// </summary>
    public virtual void Bind()
    {
    }

    /// <summary>Builds the fixture and runs the operation once over its whole input.</summary>
    /// <returns>A checksum of the warm-up results, so the work cannot be dropped.</returns>
    public abstract ulong Prepare();

    /// <summary>Runs the operation <paramref name="iterations"/> times.</summary>
    /// <param name="iterations">Operations to run; 0 runs none.</param>
    /// <returns>A checksum of the results, printed by the driver so the JIT cannot drop the loop.</returns>
    public abstract ulong Run(long iterations);
}
