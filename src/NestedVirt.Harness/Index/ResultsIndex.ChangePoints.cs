namespace NestedVirt.Harness.Index;

/// <summary>EdPelt's stored answers, so <c>history</c> re-analyses only the windows that changed.</summary>
public sealed partial class ResultsIndex
{
    /// <summary>
    /// The change-point windows stored for one machine (see <see cref="ChangePointWindowStore"/>);
    /// a rebuild of the index starts them empty.
    /// </summary>
    /// <param name="machineId">The machine.</param>
    /// <param name="reuse">False to analyse every window again (what is found is then stored, replacing the old answers).</param>
    public ChangePointWindowStore ChangePointWindows(string machineId, bool reuse = true) => new(db, machineId, reuse);
}
